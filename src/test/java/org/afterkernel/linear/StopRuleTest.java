package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The convergence rule compares the margin with its value at half the iterations. */
class StopRuleTest {
  /** Feeds margins step(t) to a monitor from t = 0 and returns the iteration it stopped at. */
  private static long stopsAt(StopRule rule, java.util.function.LongToDoubleFunction margin) {
    StopRule.Monitor m = rule.start();
    for (long t = 0; ; t++) {
      StopReason r = m.check(t, margin.applyAsDouble(t));
      if (r != null) {
        assertEquals(StopReason.CONVERGED, r);
        return t;
      }
    }
  }

  @Test
  void aPlateauCountsOnceHalfTheIterationsAreOnIt() {
    // Margin 1 + t up to iteration 50, 51 from then on. Checks every 10 iterations: at t = 90 the
    // margin at t/2 (the check at 40) is 41, a change of 20%; at t = 100 it is the check at 50: no
    // change. A rule comparing with one window back would have stopped at t = 70.
    StopRule rule = StopRule.converged(1e-3, 10, 1000);
    assertEquals(100, stopsAt(rule, t -> 1 + Math.min(t, 50)));
  }

  @Test
  void aSlowlyRisingMarginStopsWhenTheChangeSinceHalfwayIsWithinTheTolerance() {
    // margin(t) = 1 - 1/(t + 1); with window 1 the check at t compares with floor(t/2). With
    // tolerance 0.01: at t = 99, 1/50 - 1/100 = 0.01 > 0.01 * 0.99; at t = 100, 1/51 - 1/101 =
    // 0.0097 <= 0.01 * (1 - 1/101) = 0.0099.
    StopRule rule = StopRule.converged(0.01, 1, 1000);
    assertEquals(100, stopsAt(rule, s -> 1 - 1.0 / (s + 1)));
    StopRule.Monitor m = rule.start();
    for (long s = 0; s < 100; s++) {
      assertNull(m.check(s, 1 - 1.0 / (s + 1)), "not converged at " + s);
    }
  }
}
