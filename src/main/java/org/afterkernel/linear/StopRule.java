package org.afterkernel.linear;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When an iterative solver stops. Any combination of four criteria, checked before every iteration
 * on the current iterate; the first that holds ends the run and is recorded as its {@link
 * StopReason}:
 *
 * <ul>
 *   <li>a target margin: the normalised training margin is at least {@code targetMargin};
 *   <li>convergence: every {@code window} iterations (from {@code 2 window} on) the margin at
 *       iteration t is compared with its value at the last check at or before t/2, and the run
 *       stops when the change is at most {@code tolerance} times the current margin's magnitude
 *       (never while the margin is exactly 0, i.e. {@code ||w|| < 1e-4}). Comparing with half the
 *       iterations rather than one window back makes the test scale-free: for an iteration whose
 *       margin gap falls as C/t^2 (Algorithm 1 of Ji, Srebro and Telgarsky) the change since t/2
 *       is 3C/t^2, three times the gap still left, whereas the change over a fixed window
 *       underestimates the gap by a factor t/(2 window);
 *   <li>an iteration count: {@code maxIterations} updates have been made;
 *   <li>a wall-clock budget: {@code timeLimitSeconds} have passed since the solver started. As in
 *       the original script, the clock is checked before each iteration, so the last iteration may
 *       end after the budget;
 *   <li>a certificate: the solver's optimality residual is at most {@code kktTolerance}. For the
 *       exact solver ({@link ExactSvm}) the residual is the largest violation of the hard-margin
 *       dual's KKT conditions in functional-margin units; for {@link Jst1} it is the relative
 *       duality gap {@code 1 - margin / marginUpperBound} ({@link Certificate}), so the rule stops
 *       it once its margin is provably within that fraction of the maximum margin.
 * </ul>
 *
 * Every rule is bounded by an iteration count or a time budget, so a run always terminates, also on
 * data that is not linearly separable (where the margin stays negative and may never settle). The
 * dual forms may also stop on their own, with {@link StopReason#PRECISION_LIMIT}, when the float
 * Gram matrix can no longer represent the iterate.
 *
 * @param maxIterations updates after which to stop ({@link Long#MAX_VALUE}: no count)
 * @param timeLimitSeconds wall-clock budget ({@code +Infinity}: none)
 * @param tolerance relative margin change that counts as converged (NaN: no convergence test)
 * @param window iterations between two convergence checks
 * @param targetMargin margin at which to stop (NaN: none)
 * @param kktTolerance optimality residual at which to stop (NaN: none)
 */
public record StopRule(
    long maxIterations, double timeLimitSeconds, double tolerance, int window, double targetMargin,
    double kktTolerance) {

  /** The original script's default budget, in seconds. */
  public static final double ORIGINAL_TIME_LIMIT = 120.0;
  /** Default iterations between convergence checks. */
  public static final int DEFAULT_WINDOW = 100;

  public StopRule {
    if (maxIterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + maxIterations);
    }
    if (!(timeLimitSeconds >= 0)) {
      throw new IllegalArgumentException("time limit must be >= 0 seconds, got " + timeLimitSeconds);
    }
    if (!Double.isNaN(tolerance) && !(tolerance >= 0 && window >= 1)) {
      throw new IllegalArgumentException(
          "convergence needs a tolerance >= 0 and a window >= 1, got " + tolerance + " and " + window);
    }
    if (!Double.isNaN(kktTolerance) && !(kktTolerance > 0 && kktTolerance < 1)) {
      throw new IllegalArgumentException("a KKT tolerance must be in (0, 1), got " + kktTolerance);
    }
    if (maxIterations == Long.MAX_VALUE && timeLimitSeconds == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("a stop rule needs an iteration count or a time limit");
    }
  }

  /** The rule without the certificate criterion (the four original criteria). */
  public StopRule(long maxIterations, double timeLimitSeconds, double tolerance, int window, double targetMargin) {
    this(maxIterations, timeLimitSeconds, tolerance, window, targetMargin, Double.NaN);
  }

  /** Default residual of {@link #kkt}: far below any difference a test error could show. */
  public static final double DEFAULT_KKT_TOLERANCE = 1e-8;

  /**
   * Stop when the solver certifies its answer to {@code tolerance} ({@link Certificate}), or after
   * {@code maxIterations} (rounds for {@link ExactSvm}, iterations for {@link Jst1}).
   */
  public static StopRule kkt(double tolerance, long maxIterations) {
    return new StopRule(maxIterations, Double.POSITIVE_INFINITY, Double.NaN, DEFAULT_WINDOW, Double.NaN, tolerance);
  }

  /** True when the rule stops on a certified residual. */
  public boolean hasKktTolerance() {
    return !Double.isNaN(kktTolerance);
  }

  /** Stop after {@code n} iterations. */
  public static StopRule iterations(long n) {
    return new StopRule(n, Double.POSITIVE_INFINITY, Double.NaN, DEFAULT_WINDOW, Double.NaN);
  }

  /** Stop when {@code seconds} of wall-clock time have passed (the original's rule). */
  public static StopRule timeLimit(double seconds) {
    return new StopRule(Long.MAX_VALUE, seconds, Double.NaN, DEFAULT_WINDOW, Double.NaN);
  }

  /** Stop when the margin has converged to {@code tolerance}, or after {@code maxIterations}. */
  public static StopRule converged(double tolerance, int window, long maxIterations) {
    return new StopRule(maxIterations, Double.POSITIVE_INFINITY, tolerance, window, Double.NaN);
  }

  /** Stop when the margin reaches {@code target}, or after {@code maxIterations}. */
  public static StopRule marginAtLeast(double target, long maxIterations) {
    return new StopRule(maxIterations, Double.POSITIVE_INFINITY, Double.NaN, DEFAULT_WINDOW, target);
  }

  /** This rule with an additional wall-clock budget. */
  public StopRule withTimeLimit(double seconds) {
    return new StopRule(maxIterations, seconds, tolerance, window, targetMargin, kktTolerance);
  }

  /** True when the rule stops on a wall-clock budget (results then depend on the machine). */
  public boolean hasTimeLimit() {
    return timeLimitSeconds != Double.POSITIVE_INFINITY;
  }

  /** True when the rule stops on an iteration count. */
  public boolean hasIterationLimit() {
    return maxIterations != Long.MAX_VALUE;
  }

  /** A one-line description, e.g. {@code iterations 1000} or {@code time limit 120 s}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (!Double.isNaN(targetMargin)) {
      b.append(String.format(Locale.ROOT, "margin >= %.6g, ", targetMargin));
    }
    if (!Double.isNaN(tolerance)) {
      b.append(String.format(Locale.ROOT, "converged to %.3g over %d iterations, ", tolerance, window));
    }
    if (hasKktTolerance()) {
      b.append(String.format(Locale.ROOT, "KKT residual <= %.3g, ", kktTolerance));
    }
    if (hasIterationLimit()) {
      b.append("iterations ").append(maxIterations).append(", ");
    }
    if (hasTimeLimit()) {
      b.append(String.format(Locale.ROOT, "time limit %.6g s, ", timeLimitSeconds));
    }
    return b.substring(0, b.length() - 2);
  }

  /** The rule as a JSON-friendly map: absent criteria are null (JSON has no infinity). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", describe());
    m.put("maxIterations", hasIterationLimit() ? maxIterations : null);
    m.put("timeLimitSeconds", hasTimeLimit() ? timeLimitSeconds : null);
    m.put("tolerance", Double.isNaN(tolerance) ? null : tolerance);
    m.put("window", Double.isNaN(tolerance) ? null : window);
    m.put("targetMargin", Double.isNaN(targetMargin) ? null : targetMargin);
    m.put("kktTolerance", hasKktTolerance() ? kktTolerance : null);
    return m;
  }

  /** Starts watching a run under this rule; the clock starts now. */
  public Monitor start() {
    return new Monitor(this);
  }

  /** The state of one run under a rule: the clock and the margin one window ago. */
  public static final class Monitor {
    private final StopRule rule;
    private final long startNanos = System.nanoTime();
    /** The margin at every convergence check so far (check k at iteration k * window). */
    private double[] checked = new double[16];
    private int checks;

    private Monitor(StopRule rule) {
      this.rule = rule;
    }

    /**
     * Whether to stop before the next update.
     *
     * @param iterations updates made so far
     * @param margin normalised training margin of the current iterate
     * @return the reason to stop, or null to go on
     */
    public StopReason check(long iterations, double margin) {
      return check(iterations, margin, Double.NaN);
    }

    /**
     * Whether to stop before the next update, also on the solver's certified residual.
     *
     * @param residual the solver's optimality residual of the current iterate (NaN: unknown)
     */
    public StopReason check(long iterations, double margin, double residual) {
      if (margin >= rule.targetMargin) {
        return StopReason.TARGET_MARGIN;
      }
      if (residual <= rule.kktTolerance) {
        return StopReason.KKT;
      }
      if (!Double.isNaN(rule.tolerance) && iterations % rule.window == 0) {
        if (checks == checked.length) {
          checked = java.util.Arrays.copyOf(checked, 2 * checks);
        }
        checked[checks++] = margin;
        long k = iterations / rule.window;
        if (k >= 2 && margin != 0) {
          double half = checked[(int) (k / 2)];
          if (Math.abs(margin - half) <= rule.tolerance * Math.abs(margin)) {
            return StopReason.CONVERGED;
          }
        }
      }
      if (iterations >= rule.maxIterations) {
        return StopReason.ITERATIONS;
      }
      if (rule.hasTimeLimit() && seconds() >= rule.timeLimitSeconds) {
        return StopReason.TIME_LIMIT;
      }
      return null;
    }

    /** Seconds since the run started. */
    public double seconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }
  }
}
