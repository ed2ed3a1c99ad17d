package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.LinearModel;
import org.afterkernel.linear.MaxMarginSolver;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.Solvers;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.SvmEvaluation;
import org.afterkernel.linear.TrainingSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ak svm}: fits a max-margin linear classifier to {@code .npy} features (or, with {@code
 * --gram}, to kernel matrices) and reports the test error, the training margin, the iterations and
 * the time. Prints a summary and writes the full result as JSON, atomically, to {@code --out}.
 */
@Command(
    name = "svm",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a hard-margin linear SVM (the original script's linear model) and evaluate it.",
      "Labels are .npy arrays of 0/1 (int or float). Features: X is n x p, X2 m x p.",
      "With --gram: X is the n x n training Gram matrix K(train, train) and X2 the",
      "m x n cross-kernel K(test, train); the solver then runs in the dual form.",
      "Default stop: a 120 s wall-clock budget, as the original (svm_time_limit).",
      "Prints a summary; the full result goes to --out as JSON."
    })
public final class SvmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--train", required = true, paramLabel = "X.npy", description = "Training features (n x p), or the n x n Gram matrix with --gram.")
  Path train;

  @Option(names = "--train-labels", required = true, paramLabel = "y.npy", description = "Training labels, n values 0/1.")
  Path trainLabels;

  @Option(names = "--test", required = true, paramLabel = "X2.npy", description = "Test features (m x p), or the m x n test-train kernel with --gram.")
  Path test;

  @Option(names = "--test-labels", required = true, paramLabel = "y2.npy", description = "Test labels, m values 0/1.")
  Path testLabels;

  @Option(names = "--gram", description = "Inputs are kernel matrices (dual form) instead of features.")
  boolean gram;

  @Option(names = "--solver", defaultValue = "jst1", description = "exact (the hard-margin SVM to a KKT tolerance, --kkt), jst1 (default, the script's), jst2 or"
      + " liblinear (scikit-learn's LinearSVC, C=100).")
  String solver;

  @Option(names = "--iterations", paramLabel = "N", description = "Stop after N iterations (with --converge: at most N, default 100000).")
  Long iterations;

  @Option(names = "--time-limit", paramLabel = "S", description = "Stop after S seconds of wall-clock time (the original: 120).")
  Double timeLimit;

  @Option(names = "--converge", paramLabel = "TOL", description = "Stop when the margin changes by at most TOL (relative) over --window iterations.")
  Double converge;

  @Option(names = "--kkt", paramLabel = "TOL", description = "Stop when the solver certifies its answer to TOL: the"
      + " exact solver's KKT residual (its only rule; default 1e-8), JST1's relative duality gap (1 - margin /"
      + " upper bound of the maximum margin).")
  Double kkt;

  @Option(names = "--window", defaultValue = "100", description = "Iterations between convergence checks (default ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed of jst2 (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "svm-result.json", paramLabel = "FILE", description = "Result JSON (default ${DEFAULT-VALUE}), written atomically.")
  Path out;

  @Option(names = "--save-model", paramLabel = "W.npy", description = "Also write the weights (p values) or, with --gram, the coefficients c_i of w = sum_i c_i x_i (n values), float64.")
  Path saveModel;

  @Override
  public Integer call() {
    StopRule rule = stopRule();
    MaxMarginSolver s;
    try {
      s = Solvers.create(solver, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--solver: " + e.getMessage());
    }
    if (gram && !s.supportsGram()) {
      throw new AkException("--solver " + solver + " needs features, not Gram matrices (drop --gram, or use jst1 or jst2)");
    }
    long t0 = System.nanoTime();
    TrainingSet data = trainingSet();
    DenseMatrix testMatrix = SvmInputs.matrix(test, gram ? "the test-train kernel" : "test features");
    Labels testY = SvmInputs.labels(testLabels, testMatrix.rows(), test);
    int width = gram ? data.size() : ((TrainingSet.Features) data).x().cols();
    if (testMatrix.cols() != width) {
      throw new AkException(
          test + ": shape (" + testMatrix.rows() + ", " + testMatrix.cols() + "), expected " + width + " columns ("
              + (gram ? "one per training example of " + train : "the features of " + train) + ")");
    }
    double loadSeconds = (System.nanoTime() - t0) / 1e9;

    Solution solution;
    String task = "svm " + s.name() + " (" + data.form() + ")";
    try (Progress progress = Progress.start(task, rule.hasIterationLimit() && Double.isNaN(rule.tolerance()) ? rule.maxIterations() : 0, "it")) {
      solution = s.fit(data, rule, progress);
    } catch (IllegalArgumentException e) {
      throw new AkException(train + ": " + e.getMessage());
    }
    long t1 = System.nanoTime();
    SvmEvaluation eval = SvmEvaluation.of(solution, testMatrix, testY);
    double evalSeconds = (System.nanoTime() - t1) / 1e9;
    try (StagedOutputs outputs = new StagedOutputs()) {
      if (saveModel != null) {
        double[] v = solution.model() instanceof LinearModel.Primal p ? p.weights() : ((LinearModel.Dual) solution.model()).signedCoefficients();
        Npy.writeDoubles(outputs.file(saveModel), new long[] {v.length}, v);
      }
      Json.write(outputs.file(out), document(rule, data, testMatrix, eval, loadSeconds, evalSeconds));
      outputs.commit();
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "solver          %s (%s form)%n", eval.solver(), eval.form());
    w.printf(Locale.ROOT, "stop            %s after %d iterations, %.3f s (rule: %s)%n",
        eval.stopReason().name().toLowerCase(Locale.ROOT), eval.iterations(), eval.seconds(), rule.describe());
    w.printf(Locale.ROOT, "training margin %.6g%n", eval.trainingMargin());
    w.printf(Locale.ROOT, "certificate     %s%n", eval.certificate().describe());
    if (Boolean.FALSE.equals(eval.certificate().separable())) {
      w.println("note            the training set is not linearly separable: no hard-margin SVM exists; the test"
          + " error is the documented estimator's (docs/solvers.md)");
    }
    w.printf(Locale.ROOT, "test error      %.6f (%d test examples)%n", eval.testError(), eval.testExamples());
    w.printf("result          %s%n", out);
    w.flush();
    return 0;
  }

  private StopRule stopRule() {
    if (iterations != null && iterations < 0) {
      throw new ParameterException(spec.commandLine(), "--iterations: expected a number >= 0, got " + iterations);
    }
    if (timeLimit != null && !(timeLimit >= 0 && timeLimit < Double.POSITIVE_INFINITY)) {
      throw new ParameterException(spec.commandLine(), "--time-limit: expected seconds >= 0, got " + timeLimit);
    }
    if (converge != null && !(converge >= 0) || window < 1) {
      throw new ParameterException(spec.commandLine(), "--converge/--window: expected a tolerance >= 0 and a window >= 1");
    }
    if (kkt != null && !(kkt > 0 && kkt < 1)) {
      throw new ParameterException(spec.commandLine(), "--kkt: expected a tolerance in (0, 1), got " + kkt);
    }
    if (solver.equals("exact")) {
      if (converge != null || timeLimit != null) {
        throw new ParameterException(spec.commandLine(), "--solver exact stops at a KKT tolerance only (--kkt, and"
            + " --iterations for its rounds); --converge and --time-limit are JST's rules");
      }
      return StopRule.kkt(kkt != null ? kkt : StopRule.DEFAULT_KKT_TOLERANCE,
          iterations != null ? iterations : org.afterkernel.linear.ExactSvm.DEFAULT_ROUNDS);
    }
    StopRule rule;
    if (kkt != null) {
      rule = StopRule.kkt(kkt, iterations != null ? iterations : 100_000);
    } else if (converge != null) {
      rule = StopRule.converged(converge, window, iterations != null ? iterations : 100_000);
    } else if (iterations != null) {
      rule = StopRule.iterations(iterations);
    } else {
      rule = StopRule.timeLimit(timeLimit != null ? timeLimit : StopRule.ORIGINAL_TIME_LIMIT);
      return rule;
    }
    return timeLimit != null ? rule.withTimeLimit(timeLimit) : rule;
  }

  private TrainingSet trainingSet() {
    return SvmInputs.trainingSet(train, trainLabels, gram, test);
  }

  private Map<String, Object> document(
      StopRule rule, TrainingSet data, DenseMatrix testMatrix, SvmEvaluation eval, double loadSeconds, double evalSeconds) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("solver", eval.solver());
    config.put("form", eval.form());
    config.put("stopRule", rule.toMap());
    config.put("seed", solver.equals("jst2") ? seed : null);
    config.put("train", train.toString());
    config.put("trainLabels", trainLabels.toString());
    config.put("test", test.toString());
    config.put("testLabels", testLabels.toString());
    config.put("gram", gram);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("testError", eval.testError());
    results.put("trainingMargin", eval.trainingMargin());
    results.put("weightNorm", eval.weightNorm());
    results.put("iterations", eval.iterations());
    results.put("stopReason", eval.stopReason().name().toLowerCase(Locale.ROOT));
    org.afterkernel.linear.Certificate c = eval.certificate();
    results.put("separable", c.separable());
    results.put("kktResidual", Double.isNaN(c.kktResidual()) ? null : c.kktResidual());
    results.put("dualityGap", Double.isNaN(c.dualityGap()) ? null : c.dualityGap());
    results.put("marginUpperBound", Double.isNaN(c.marginUpperBound()) ? null : c.marginUpperBound());
    results.put("supportVectors", c.supportVectors());
    results.put("rounds", c.rounds());
    results.put("note", c.note());
    results.put("trainExamples", data.size());
    results.put("testExamples", testMatrix.rows());
    results.put("features", gram ? null : ((TrainingSet.Features) data).x().cols());
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("loadSeconds", loadSeconds);
    timings.put("solveSeconds", eval.seconds());
    timings.put("evaluateSeconds", evalSeconds);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("config", config);
    doc.put("results", results);
    doc.put("timings", timings);
    doc.put("provenance", Provenance.current());
    return doc;
  }
}
