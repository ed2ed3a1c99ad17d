package org.afterkernel.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Evenly spaced ticks for a linear axis: the step of 1, 2 or 5 times a power of ten, giving
 * {@link #MIN_INTERVALS} to {@link #MAX_INTERVALS} intervals, whose axis wastes least room, the
 * axis bounds rounded out to whole steps around the data (with a
 * little room so that no point sits on the frame, but never across 0 or 1 when the data does
 * not cross them: errors and cosines stay within [0, 1]), and labels with the same number of
 * decimals, as few as the step needs ("0.00", "0.02", ..., "0.16").
 *
 * @param min lower bound of the axis (a tick)
 * @param max upper bound of the axis (a tick)
 * @param step distance between ticks
 * @param decimals decimals of every label
 */
record AxisTicks(double min, double max, double step, int decimals) {
  /** Fewest intervals between ticks. */
  static final int MIN_INTERVALS = 4;
  /** Most intervals between ticks. */
  static final int MAX_INTERVALS = 9;

  /** Room left between the data and the frame, as a fraction of the data's range. */
  private static final double ROOM = 0.04;

  /** Ticks for data spanning [lo, hi] (error bars included). */
  static AxisTicks of(double lo, double hi) {
    if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      return of(0, 1);
    }
    double range = hi - lo;
    double room = ROOM * range;
    if (range == 0) { // one value: a tenth of it each side (few digits), or 0 to 1 around 0
      range = lo == 0 ? 1 : Math.abs(lo) * 0.2;
      room = range / 2;
    }
    double a = lower(lo - room, lo);
    double b = upper(hi + room, hi);
    if (b <= a) { // all values on an edge: open the axis away from it
      if (hi == 1) {
        a = lo - range;
      } else {
        b = hi + range;
      }
    }
    double step = 0;
    double min = 0;
    double max = 0;
    for (double s = niceStep((b - a) / (MAX_INTERVALS + 1)); step == 0 || s <= (b - a); s = niceStep(s * 1.5)) {
      double lo2 = Math.floor(a / s + 1e-9) * s;
      double hi2 = Math.ceil(b / s - 1e-9) * s;
      long n = Math.round((hi2 - lo2) / s);
      if (n >= MIN_INTERVALS && n <= MAX_INTERVALS && (step == 0 || hi2 - lo2 < max - min - 1e-12)) {
        step = s;
        min = lo2;
        max = hi2;
      }
      if (n < MIN_INTERVALS) {
        break;
      }
    }
    if (step == 0) { // no step gives enough intervals: the finest that gives at least one
      step = niceStep((b - a) / MIN_INTERVALS);
      min = Math.floor(a / step + 1e-9) * step;
      max = Math.max(min + step, Math.ceil(b / step - 1e-9) * step);
    }
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return new AxisTicks(round(min, decimals), round(max, decimals), step, decimals);
  }

  /** The padded lower bound, moved back to 0 or 1 if it went below one the data does not. */
  private static double lower(double padded, double lo) {
    return lo >= 1 && padded < 1 ? 1 : lo >= 0 && padded < 0 ? 0 : padded;
  }

  /** The padded upper bound, moved back to 1 or 0 if it went above one the data does not. */
  private static double upper(double padded, double hi) {
    return hi <= 0 && padded > 0 ? 0 : hi <= 1 && padded > 1 ? 1 : padded;
  }

  /** The smallest 1, 2 or 5 times a power of ten that is at least {@code raw}. */
  static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw * (1 - 1e-9)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static double round(double v, int decimals) {
    return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The tick values, from min to max. */
  List<Double> values() {
    List<Double> out = new ArrayList<>();
    long n = Math.round((max - min) / step);
    for (long i = 0; i <= n; i++) {
      out.add(round(min + i * step, decimals));
    }
    return out;
  }

  /** A tick's label: {@code decimals} decimals, "0" for zero ("-0.00" never). */
  String label(double v) {
    String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    return s.matches("-0(\\.0+)?") ? s.substring(1) : s;
  }

  /** The ticks as (position, label) pairs, with {@code labeller} naming each value. */
  List<TickedXYChart.Tick> ticks(java.util.function.DoubleFunction<String> labeller) {
    return values().stream().map(v -> new TickedXYChart.Tick(v, labeller.apply(v))).toList();
  }

  /** The ticks labelled by {@link #label}. */
  List<TickedXYChart.Tick> ticks() {
    return ticks(this::label);
  }
}
