package org.afterkernel.linear;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.afterkernel.io.Progress;

/**
 * The original script's {@code sklearn} solver: scikit-learn's {@code LinearSVC(C=100,
 * fit_intercept=False)}, i.e. LIBLINEAR's L2-regularised squared-hinge SVM solved by dual
 * coordinate descent ({@code L2R_L2LOSS_SVC_DUAL}) with scikit-learn's defaults {@code tol=1e-4},
 * {@code max_iter=1000} and no bias term, through LIBLINEAR's Java port (the library scikit-learn
 * wraps). It needs features: LIBLINEAR cannot work from a Gram matrix.
 *
 * <p>Stopping: one fit solves to LIBLINEAR's own tolerance. Under a time limit the model is refit
 * until the budget is spent, as the original does (the fits are deterministic, so the result is that
 * of one fit; {@link Solution#iterations()} counts the fits). Without a time limit it fits once.
 *
 * <p>Memory: LIBLINEAR holds each non-zero feature as an object (about 32 bytes), so a dense {@code
 * n x p} problem needs roughly {@code 32 n p} bytes besides the features.
 */
public final class LiblinearSolver implements MaxMarginSolver {
  /** scikit-learn's {@code C} in the original script. */
  public static final double ORIGINAL_C = 100.0;
  /** scikit-learn's default {@code tol} for LinearSVC. */
  public static final double SKLEARN_TOLERANCE = 1e-4;
  /** scikit-learn's default {@code max_iter} for LinearSVC. */
  public static final int SKLEARN_MAX_ITER = 1000;

  private final double c;
  private final double tolerance;
  private final int maxIter;

  /** The original's configuration: C = 100, tol = 1e-4, max_iter = 1000. */
  public LiblinearSolver() {
    this(ORIGINAL_C, SKLEARN_TOLERANCE, SKLEARN_MAX_ITER);
  }

  /** A configuration with another {@code C}, tolerance and iteration cap. */
  public LiblinearSolver(double c, double tolerance, int maxIter) {
    if (!(c > 0 && tolerance > 0 && maxIter > 0)) {
      throw new IllegalArgumentException(
          "LIBLINEAR needs C > 0, tolerance > 0 and max_iter > 0, got " + c + ", " + tolerance + ", " + maxIter);
    }
    this.c = c;
    this.tolerance = tolerance;
    this.maxIter = maxIter;
  }

  @Override
  public String name() {
    return "liblinear";
  }

  @Override
  public boolean supportsGram() {
    return false;
  }

  /** The regularisation constant {@code C}. */
  public double c() {
    return c;
  }

  @Override
  public Solution fit(TrainingSet data, StopRule stop, Progress progress) {
    if (!(data instanceof TrainingSet.Features features)) {
      throw new IllegalArgumentException("liblinear needs features, not a Gram matrix (use jst1 or jst2)");
    }
    data.labels().requireBothClasses();
    StopRule.Monitor monitor = stop.start();
    Problem problem = problem(features);
    Linear.disableDebugOutput();
    double[] w;
    long fits = 0;
    StopReason reason;
    do {
      // A fresh generator per fit: LIBLINEAR shuffles with it, so every fit is the same.
      Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, tolerance, maxIter, 0.1);
      parameter.setRandom(new Random(0));
      Model model = Linear.train(problem, parameter);
      w = orientedWeights(model, features.x().cols());
      fits++;
      progress.step(1);
      reason = !stop.hasTimeLimit() ? StopReason.ITERATIONS
          : fits >= stop.maxIterations() ? StopReason.ITERATIONS
          : monitor.seconds() >= stop.timeLimitSeconds() ? StopReason.TIME_LIMIT
          : null;
    } while (reason == null);
    LinearModel.Primal model = new LinearModel.Primal(w);
    double margin = Margins.of(model, data);
    return new Solution(name(), data.form(), model, margin, fits, monitor.seconds(), reason,
        Certificate.primalOnly(margin, fits));
  }

  /** LIBLINEAR's sparse rows (1-based indices, zeros left out) with labels +1 / -1. */
  private static Problem problem(TrainingSet.Features data) {
    DenseMatrix x = data.x();
    Problem p = new Problem();
    p.l = x.rows();
    p.n = x.cols();
    p.bias = -1; // fit_intercept=False
    p.y = data.labels().signs();
    p.x = new Feature[x.rows()][];
    float[] a = x.data();
    List<Feature> row = new ArrayList<>();
    for (int i = 0; i < x.rows(); i++) {
      row.clear();
      int o = x.rowOffset(i);
      for (int j = 0; j < x.cols(); j++) {
        if (a[o + j] != 0) {
          row.add(new FeatureNode(j + 1, a[o + j]));
        }
      }
      p.x[i] = row.toArray(new Feature[0]);
    }
    return p;
  }

  /** The weights, signed so that class 1 (label +1) is where {@code w . x > 0}. */
  private static double[] orientedWeights(Model model, int features) {
    double[] raw = model.getFeatureWeights();
    // LIBLINEAR orders the labels by first appearance; its w scores the first label positive.
    double sign = model.getLabels()[0] == 1 ? 1.0 : -1.0;
    double[] w = new double[features];
    for (int j = 0; j < features && j < raw.length; j++) {
      w[j] = sign * raw[j];
    }
    return w;
  }
}
