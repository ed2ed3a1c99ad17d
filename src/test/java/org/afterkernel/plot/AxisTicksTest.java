package org.afterkernel.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Evenly spaced ticks with few digits, and y-axis titles that name the measure. */
class AxisTicksTest {
  private static List<String> labels(AxisTicks t) {
    return t.values().stream().map(t::label).toList();
  }

  @Test
  void smallErrorsGetTicksEveryThousandthWithThreeDecimals() {
    // The SVM-error panel: data from 0.00957661 to 0.016129. With 4% room each side the
    // axis must hold [0.00931, 0.01639]; steps of 0.001 give 8 intervals from 0.009 to 0.017.
    AxisTicks t = AxisTicks.of(0.00957661, 0.016129);
    assertEquals(List.of("0.009", "0.010", "0.011", "0.012", "0.013", "0.014", "0.015", "0.016", "0.017"), labels(t));
    assertEquals(0.001, t.step(), 1e-15);
  }

  @Test
  void errorsAndCosinesStayWithinZeroAndOne() {
    // [0.02, 0.16] with room becomes [0.0144, 0.1656]: steps of 0.02 from 0 to 0.18 (9 intervals)
    // waste less than steps of 0.05 from 0 to 0.2.
    assertEquals(List.of("0.00", "0.02", "0.04", "0.06", "0.08", "0.10", "0.12", "0.14", "0.16", "0.18"),
        labels(AxisTicks.of(0.02, 0.16)));
    // An error of 0 at the bottom: the room below would cross 0, so the axis starts at 0; the
    // room above 0.5 (to 0.52) needs a tick at 0.6 (steps of 0.05 would make 11 intervals).
    assertEquals(List.of("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"), labels(AxisTicks.of(0, 0.5)));
    // Cosines up to 1: [0.6, 1] plus room would pass 1; it stops there.
    assertEquals(List.of("0.55", "0.60", "0.65", "0.70", "0.75", "0.80", "0.85", "0.90", "0.95", "1.00"),
        labels(AxisTicks.of(0.6, 1.0)));
    // Every value 1 (a perfectly invariant net): the axis opens downwards.
    AxisTicks ones = AxisTicks.of(1, 1);
    assertEquals(1.0, ones.max(), 0);
    assertTrue(ones.min() < 1 && ones.min() >= 0.75, "min " + ones.min());
    AxisTicks zeros = AxisTicks.of(0, 0);
    assertEquals(0.0, zeros.min(), 0);
    assertTrue(zeros.max() > 0, "max " + zeros.max());
  }

  @Test
  void ticksAreEvenlySpacedAndCoverTheData() {
    double[][] ranges = {{0.00957661, 0.016129}, {0.39, 0.51}, {0.999871, 0.999993}, {2.5, 17.3}, {60000, 100000},
        {-3.2, 4.1}, {0.5, 0.5}, {123.456, 123.9}};
    for (double[] r : ranges) {
      AxisTicks t = AxisTicks.of(r[0], r[1]);
      List<Double> v = t.values();
      int intervals = v.size() - 1;
      assertTrue(intervals >= AxisTicks.MIN_INTERVALS && intervals <= AxisTicks.MAX_INTERVALS,
          java.util.Arrays.toString(r) + ": " + v);
      assertTrue(t.min() <= r[0] && t.max() >= r[1], java.util.Arrays.toString(r) + ": " + v);
      for (int i = 1; i < v.size(); i++) {
        assertEquals(t.step(), v.get(i) - v.get(i - 1), t.step() * 1e-6, "even spacing " + v);
      }
      String mantissa = Double.toString(t.step() / Math.pow(10, Math.floor(Math.log10(t.step())))).substring(0, 1);
      assertTrue(List.of("1", "2", "5").contains(mantissa), "step " + t.step());
      long distinct = labels(t).stream().distinct().count();
      assertEquals(v.size(), distinct, "labels tell the ticks apart: " + labels(t));
      for (String label : labels(t)) {
        int decimals = label.contains(".") ? label.length() - label.indexOf('.') - 1 : 0;
        assertEquals(t.decimals(), decimals, label);
      }
    }
    assertEquals(List.of("-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5"), labels(AxisTicks.of(-3.2, 4.1)));
  }

  @Test
  void oneValueGetsATenthOfItEachSide() {
    // 0.46 everywhere (an untrained net's NN error): the axis must hold [0.414, 0.506]; steps of
    // 0.01 would make 10 intervals, so steps of 0.02 from 0.40 to 0.52, not 0.4580 to 0.4620.
    assertEquals(List.of("0.40", "0.42", "0.44", "0.46", "0.48", "0.50", "0.52"), labels(AxisTicks.of(0.46, 0.46)));
  }

  @Test
  void theYAxisNamesTheMeasure() {
    assertEquals("SVM test error", MeasureName.of("linear_error").axisTitle());
    assertEquals("NN test error", MeasureName.of("nn_error").axisTitle());
    assertEquals("swap invariance (mean cosine)", MeasureName.of("ak_swap").axisTitle());
    assertEquals("swap invariance (mean cosine)", MeasureName.of("ntk_swap").axisTitle());
    assertEquals("test error", MeasureName.sharedTitle(List.of("linear_error", "nn_error")));
    assertEquals("invariance (mean cosine)", MeasureName.sharedTitle(List.of("ak_swap", "ntk_zoom")));
    assertEquals("SVM test error / swap invariance (mean cosine)",
        MeasureName.sharedTitle(List.of("linear_error", "ak_swap")));
    assertEquals("value", MeasureName.sharedTitle(List.of("linear_error", "ak_swap", "ak_alignment")));
  }
}
