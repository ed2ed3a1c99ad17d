package org.afterkernel.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Means and half-widths against values computed by hand. */
class StatisticsTest {
  @Test
  void meanAndHalfWidth() {
    // 1, 2, 3, 4: mean 2.5; sample variance ((1.5^2 + 0.5^2) * 2) / 3 = 5/3; half-width sqrt(5/3)/2.
    Statistics s = Statistics.of(new double[] {1, 2, 3, 4});
    assertEquals(4, s.n());
    assertEquals(2.5, s.mean(), 1e-15);
    assertEquals(Math.sqrt(5.0 / 3) / 2, s.halfWidth(), 1e-15);
    // Two runs 0.1 and 0.3: stddev sqrt(0.02) = 0.1414..., half-width 0.1414.../sqrt(2) = 0.1.
    assertEquals(0.1, Statistics.of(new double[] {0.1, 0.3}).halfWidth(), 1e-15);
  }

  @Test
  void equalValuesHaveZeroWidthAndOneRunHasNone() {
    assertEquals(0.0, Statistics.of(new double[] {0.5, 0.5, 0.5}).halfWidth());
    Statistics one = Statistics.of(new double[] {0.25});
    assertEquals(0.25, one.mean());
    assertNull(one.halfWidth(), "the script leaves the half-width empty for one run");
  }
}
