package org.afterkernel.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The range of every numeric option of every command, checked before any command runs: a value
 * outside it (NaN and infinities always) is a usage error on one line naming the option, the value
 * and what was expected, instead of a stack trace or a failure after hours. Ranges are declared by
 * option name, with a few per-command exceptions ({@code ak train --epochs} may be 0, {@code ak
 * bench train --epochs} not); an option without a declared range is refused as well, so a new
 * option cannot slip through (a test enumerates them all).
 */
final class NumericOptions {
  /**
   * An allowed interval.
   *
   * @param min smallest allowed value
   * @param minOpen whether {@code min} itself is excluded
   * @param max largest allowed value
   * @param expected what the message says was expected
   */
  record Range(double min, boolean minOpen, double max, String expected) {
    boolean contains(double v) {
      return Double.isFinite(v) && (minOpen ? v > min : v >= min) && v <= max;
    }
  }

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final Range COUNT = new Range(1, false, INF, ">= 1");
  private static final Range ZERO_ALL = new Range(0, false, INF, ">= 0 (0: all)");
  private static final Range ZERO_NONE = new Range(0, false, INF, ">= 0 (0: none)");
  private static final Range POSITIVE = new Range(0, true, INF, "a finite number > 0");
  private static final Range ANY = new Range(-INF, false, INF, "a finite number");
  private static final Range FRACTION = new Range(0, true, 1, "a number in (0, 1]");
  private static final Range CLASS = new Range(0, false, 9, "a class 0..9");

  private static final Map<String, Range> BY_NAME = new HashMap<>();
  private static final Map<String, Range> BY_COMMAND = new HashMap<>();

  static {
    for (String n : List.of("--converge-cap", "--examples", "--gram-rows", "--reference-examples", "--repeats",
        "--stage-examples", "--peer-batch-size", "--size", "--n", "--p", "--num-blocks", "--num-layers",
        "--filter-size", "--pool-size", "--num-runs", "--svm-window", "--window", "--png-count", "--png-scale",
        "--ensemble", "--count", "--shards", "--cpus-per-task", "--runs", "--every", "--probe", "--records",
        "--top-k", "--svm-iterations", "--iterations", "--augment-shift-range", "--gradient-examples",
        "--per-variable", "--epochs")) {
      BY_NAME.put(n, COUNT);
    }
    BY_NAME.put("--width", new Range(1, false, 1 << 20, "a width 1..1048576"));
    BY_NAME.put("--hidden", new Range(1, false, 1 << 20, "widths 1..1048576"));
    for (String n : List.of("--first", "--test-first", "--cols-first", "--train-first", "--train-examples",
        "--test-examples")) {
      BY_NAME.put(n, ZERO_ALL);
    }
    for (String n : List.of("--effective-rank-sample-size", "--ker-alignment-sample-size", "--num-rotations",
        "--num-swaps", "--num-translations", "--num-zooms")) {
      BY_NAME.put(n, ZERO_NONE);
    }
    BY_NAME.put("--max-num-epochs", new Range(0, false, INF, ">= 0"));
    BY_NAME.put("--output-index", new Range(0, false, INF, "an output index >= 0"));
    BY_NAME.put("--minus-class", CLASS);
    BY_NAME.put("--plus-class", CLASS);
    BY_NAME.put("--figure", new Range(1, false, 16, "a figure of the paper, 1..16"));
    BY_NAME.put("--seed", ANY);
    for (String n : List.of("--matmul-seconds", "--seconds", "--primal-budget", "--reference-seconds", "--lr",
        "--learning-rate", "--training-loss-target", "--loss-target", "--svm-time-limit", "--time-limit",
        "--jst1-budget")) {
      BY_NAME.put(n, POSITIVE);
    }
    BY_NAME.put("--memory-budget", new Range(0, true, 1 << 20, "gigabytes > 0"));
    BY_NAME.put("--num-parameters", new Range(1, false, INF, ">= 1 (a parameter count)"));
    BY_NAME.put("--init-scale", POSITIVE);
    BY_NAME.put("--tolerance", new Range(0, true, 1, "a relative tolerance in (0, 1)"));
    BY_NAME.put("--svm-tolerance", new Range(0, true, 1, "a relative tolerance in (0, 1)"));
    BY_NAME.put("--converge", new Range(0, true, 1, "a relative tolerance in (0, 1)"));
    BY_NAME.put("--kkt", new Range(0, true, 1, "a relative KKT tolerance in (0, 1)"));
    BY_NAME.put("--fraction", FRACTION);
    BY_NAME.put("--ridge", new Range(0, false, INF, "a finite number >= 0"));
    for (String n : List.of("--angle", "--rotation-angle", "--dx", "--dy", "--below", "--above")) {
      BY_NAME.put(n, ANY);
    }
    BY_COMMAND.put("ak train --epochs", new Range(0, false, INF, ">= 0"));
    BY_COMMAND.put("ak bench svm --epochs", new Range(0, false, INF, "epochs >= 0"));
  }

  private NumericOptions() {}

  /** The declared range of {@code option} of the command {@code command} ("ak train"), or null. */
  static Range rangeOf(String command, String option) {
    Range r = BY_COMMAND.get(command + " " + option);
    return r != null ? r : BY_NAME.get(option);
  }

  /** Whether {@code option} takes numbers (or lists of numbers). */
  static boolean isNumeric(OptionSpec option) {
    Class<?> t = option.type();
    if (option.isMultiValue() && option.auxiliaryTypes().length > 0) {
      t = option.auxiliaryTypes()[0];
    }
    return t != boolean.class && (t.isPrimitive() || Number.class.isAssignableFrom(t));
  }

  /** The first numeric option given outside its range, as a one-line message; null when all are in range. */
  static String check(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      String command = p.commandSpec().qualifiedName(" ");
      for (OptionSpec o : p.matchedOptions()) {
        if (!isNumeric(o)) {
          continue;
        }
        Range r = rangeOf(command, o.longestName());
        Object value = o.getValue();
        for (Object v : value instanceof List<?> list ? list : List.of(value == null ? "null" : value)) {
          if (!(v instanceof Number n) || r == null || !r.contains(n.doubleValue())) {
            return o.longestName() + " is " + text(v) + ", expected " + (r == null ? "a declared range" : r.expected());
          }
        }
      }
    }
    return null;
  }

  private static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.0f", d);
    }
    return String.valueOf(v);
  }
}
