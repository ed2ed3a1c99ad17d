package org.afterkernel.linear;

import java.util.List;

/** The solvers by name, as the command line and the experiment configuration spell them. */
public final class Solvers {
  /** Names accepted by {@link #create}. */
  public static final List<String> NAMES = List.of("exact", "jst1", "jst2", "liblinear");

  private Solvers() {}

  /**
   * A solver by name: {@code exact} (the hard-margin SVM to a KKT tolerance), or one with the
   * original script's settings: {@code jst1}, {@code jst2} (sampling with
   * {@code seed}) or {@code liblinear} (scikit-learn's LinearSVC with C = 100).
   *
   * @throws IllegalArgumentException for another name
   */
  public static MaxMarginSolver create(String name, long seed) {
    return switch (name) {
      case "exact" -> new ExactSvm();
      case "jst1" -> new Jst1();
      case "jst2" -> new Jst2(seed);
      case "liblinear", "sklearn" -> new LiblinearSolver();
      default -> throw new IllegalArgumentException(
          "unknown solver '" + name + "', expected one of " + String.join(", ", NAMES));
    };
  }
}
