package org.afterkernel.nn;

import java.util.Locale;

/** The command-line and config spelling of input whitening: {@code zca} or {@code zca:EPS}. */
public final class WhiteningSpec {
  /** The regularizer of a plain {@code zca}, relative to the mean non-null eigenvalue. */
  public static final double DEFAULT_EPS = 1e-3;

  private WhiteningSpec() {}

  /**
   * The regularizer of {@code zca} ({@link #DEFAULT_EPS}) or {@code zca:EPS}.
   *
   * @throws IllegalArgumentException naming the value and what is expected
   */
  public static double parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("zca")) {
      return DEFAULT_EPS;
    }
    if (t.startsWith("zca:")) {
      try {
        double eps = Double.parseDouble(t.substring(4));
        if (eps >= 0 && Double.isFinite(eps)) {
          return eps;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("whiten is '" + text + "', expected zca or zca:EPS with EPS >= 0");
  }
}
