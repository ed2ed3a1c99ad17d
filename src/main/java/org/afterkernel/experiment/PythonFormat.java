package org.afterkernel.experiment;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Values formatted as Python's {@code str.format("{}", x)} prints them, so the TSV row reads as
 * the original script's: floats in their shortest round-tripping form ({@code 0.1}, {@code
 * 120.0}, {@code 1e-05}, {@code 1.5e+16}), booleans as {@code True}/{@code False}, null as
 * {@code None}.
 */
public final class PythonFormat {
  private PythonFormat() {}

  /** Python's {@code repr(float)}. */
  public static String of(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(x);
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
    String sign = x < 0 ? "-" : "";
    digits = digits.replaceFirst("0+$", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    if (exponent < -4 || exponent >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return String.format(Locale.ROOT, "%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
    if (exponent < 0) {
      return sign + "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return sign + digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
    }
    return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }

  /** Python's {@code str()} of a boolean, a null, an integer, a string or a float. */
  public static String of(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float) {
      return of(((Number) value).doubleValue());
    }
    return value.toString();
  }

  /** The fewest significant digits that parse back to exactly {@code x}. */
  private static BigDecimal shortest(double x) {
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal candidate = new BigDecimal(String.format(Locale.ROOT, "%." + (digits - 1) + "e", x));
      if (candidate.doubleValue() == x) {
        return candidate;
      }
    }
    return new BigDecimal(x);
  }
}
