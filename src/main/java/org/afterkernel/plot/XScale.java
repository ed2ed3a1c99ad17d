package org.afterkernel.plot;

import java.util.Locale;
import org.afterkernel.AkException;

/**
 * How x values are placed along the axis. Positions are computed here and handed to the chart as
 * plain numbers; tick labels show the original values.
 *
 * <p>{@link #SYMLOG} is the paper's epoch axis (0, 1, 3, 10, 30, 100, 200): a log scale cannot
 * show 0, so the position is log10(1 + x), which is 0 at 0, close to log10(x) for large x, and
 * spaces 0, 1, 3, 10, 30, 100 almost evenly, as the paper's axis does.
 */
enum XScale {
  /** Position = x. */
  LINEAR,
  /** Position = log10(x); every x must be positive. */
  LOG,
  /** Position = log10(1 + x); every x must be at least 0. */
  SYMLOG,
  /** Text or boolean values, placed at 0, 1, 2, ... in their order. */
  CATEGORY;

  /** The position of {@code x}. */
  double position(double x) {
    return switch (this) {
      case LINEAR, CATEGORY -> x;
      case LOG -> Math.log10(x);
      case SYMLOG -> Math.log10(1 + x);
    };
  }

  /** Fails with a message naming the field when {@code x} cannot be placed on this scale. */
  void check(double x, String field) {
    if (this == LOG && !(x > 0)) {
      throw new AkException(field + " takes the value " + Labels.number(x)
          + ", which a log scale cannot show; use --x-scale linear or symlog");
    }
    if (this == SYMLOG && !(x >= 0)) {
      throw new AkException(field + " takes the value " + Labels.number(x)
          + ", which the symlog scale (log10(1 + x)) cannot show; use --x-scale linear");
    }
  }

  /** A short description for axis titles, e.g. "log scale". */
  String describe() {
    return switch (this) {
      case LINEAR, CATEGORY -> "";
      case LOG -> "log scale";
      case SYMLOG -> "log10(1 + x) scale";
    };
  }

  /** The scale named {@code name} on the command line. */
  static XScale parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AkException("--x-scale is '" + name + "', expected auto, linear, log or symlog");
    }
  }
}
