package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Jst1;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.MatVec;
import org.afterkernel.linear.ReferenceMatVec;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.StopReason;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.SymmetricMatVec;
import org.afterkernel.linear.TrainingSet;
import org.afterkernel.tf.MatMulRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench svm-forms}: Algorithm 1 in the primal (features) against the dual (Gram matrix) form on
 * a problem of the MNIST 3-vs-8 after-kernel shape. A reference run of the dual fixes the final
 * margin; then each form is timed to 99% of it. Also reported, from the same run: the time to form
 * the Gram matrix (TensorFlow MatMul), the product rates against the plain-loop references and
 * against TensorFlow's own MatMul rate.
 */
@Command(
    name = "svm-forms",
    mixinStandardHelpOptions = true,
    description = {
      "Time JST Algorithm 1 in primal and dual form to 99%% of the final margin.",
      "Without --features: a generated rank-20-plus-noise problem of the shape of",
      "MNIST 3-vs-8 after-kernel features (n = 11982, p = 45527: 2.2 GB of features,",
      "0.57 GB Gram matrix; the Gram matrix alone takes minutes)."
    })
public final class BenchSvmFormsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--features", paramLabel = "X.npy", description = "Training features (n x p) instead of a generated problem.")
  Path features;

  @Option(names = "--labels", paramLabel = "y.npy", description = "Labels 0/1 of --features.")
  Path labels;

  @Option(names = "--n", defaultValue = "11982", description = "Generated examples (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--p", defaultValue = "45527", description = "Generated features (default ${DEFAULT-VALUE}).")
  int p;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated problem.")
  long seed;

  @Option(names = "--reference-seconds", defaultValue = "120", description = "Budget of the dual reference run that fixes the final margin (default ${DEFAULT-VALUE}, the original's svm_time_limit).")
  double referenceSeconds;

  @Option(names = "--fraction", defaultValue = "0.99", description = "Fraction of the final margin to reach (default ${DEFAULT-VALUE}).")
  double fraction;

  @Option(names = "--primal-budget", defaultValue = "1800", description = "Seconds the primal may take before its time is extrapolated (default ${DEFAULT-VALUE}).")
  double primalBudget;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    if (!(fraction > 0 && fraction <= 1) || referenceSeconds <= 0 || primalBudget <= 0) {
      throw new AkException("--fraction must be in (0, 1], --reference-seconds and --primal-budget > 0");
    }
    long t0 = System.nanoTime();
    DenseMatrix x;
    Labels y;
    String source;
    if (features != null) {
      if (labels == null) {
        throw new AkException("--features needs --labels");
      }
      x = SvmInputs.matrix(features, "training features");
      y = SvmInputs.labels(labels, x.rows(), features);
      source = features.toString();
    } else {
      BenchSvmProblem.Generated g = BenchSvmProblem.generate(n, p, 20, 0.5, seed);
      x = g.x();
      y = g.labels();
      source = "generated rank-20 + noise, seed " + seed;
    }
    try {
      y.requireBothClasses();
    } catch (IllegalArgumentException e) {
      throw new AkException((labels != null ? labels + ": " : "") + e.getMessage());
    }
    double prepare = seconds(t0);
    w.printf(Locale.ROOT, "problem         %d x %d (%s), %.1f s to prepare%n", x.rows(), x.cols(), source, prepare);
    w.flush();

    long t1 = System.nanoTime();
    DenseMatrix k = TensorFlowGram.of(x);
    double gramSeconds = seconds(t1);
    double gramGflops = 2.0 * x.rows() * x.rows() * x.cols() / gramSeconds / 1e9;
    w.printf(Locale.ROOT, "Gram matrix     %.1f s by TensorFlow MatMul (%.1f GFLOP/s)%n", gramSeconds, gramGflops);
    w.flush();
    TrainingSet primalData = new TrainingSet.Features(x, y);
    TrainingSet dualData = new TrainingSet.Gram(k, y);

    MatMulRate.Rate tf = MatMulRate.measure(2048, 3);
    Rates rates = Rates.measure(x, k);
    w.printf(Locale.ROOT, "load average    %s at the start of the timings%n", loadAverage());
    w.printf(Locale.ROOT, "TensorFlow      MatMul 2048^3 float32: %.1f GFLOP/s (median)%n", tf.medianGflops());
    double dualFlops = 2.0 * k.rows() * k.cols();
    w.printf(Locale.ROOT, "dual product    K a from the upper triangle: %.4f s = %.2f GFLOP/s (%.3fx TF MatMul);"
            + " full blocked %.4f s, plain loop %.4f s (%.1fx)%n",
        rates.dual, dualFlops / rates.dual / 1e9, dualFlops / rates.dual / 1e9 / tf.medianGflops(),
        rates.gramFull, rates.gramNaive, rates.gramNaive / rates.dual);
    w.printf(Locale.ROOT, "primal products X w + X^T q: %.4f s = %.2f GFLOP/s; X w blocked %.4f s vs plain loop %.4f s (%.1fx)%n",
        rates.primal, 4.0 * x.rows() * x.cols() / rates.primal / 1e9, rates.featuresBlocked, rates.featuresNaive,
        rates.featuresNaive / rates.featuresBlocked);
    w.flush();

    Solution reference;
    try (Progress progress = Progress.start("reference: dual jst1", 0, "it")) {
      reference = new Jst1().fit(dualData, StopRule.timeLimit(referenceSeconds), progress);
    }
    double target = fraction * reference.trainingMargin();
    w.printf(Locale.ROOT, "reference       dual, %d iterations in %.1f s (%s): final margin %.6g; target %.6g%n",
        reference.iterations(), reference.seconds(), reference.stopReason(), reference.trainingMargin(), target);
    if (!(reference.trainingMargin() > 0)) {
      throw new AkException("the reference run did not separate the data (margin " + reference.trainingMargin() + "): no target to time");
    }
    long cap = reference.iterations();
    Solution dual;
    try (Progress progress = Progress.start("dual to target", cap, "it")) {
      dual = new Jst1().fit(dualData, StopRule.marginAtLeast(target, cap), progress);
    }
    Solution primal;
    try (Progress progress = Progress.start("primal to target", dual.iterations(), "it")) {
      primal = new Jst1().fit(primalData, StopRule.marginAtLeast(target, cap).withTimeLimit(primalBudget), progress);
    }
    boolean reached = primal.stopReason() == StopReason.TARGET_MARGIN;
    double primalSeconds = reached ? primal.seconds() : primal.seconds() / Math.max(1, primal.iterations()) * dual.iterations();
    w.printf(Locale.ROOT, "dual            %d iterations, %.2f s to %.0f%% of the final margin (%.4f s/iteration)%n",
        dual.iterations(), dual.seconds(), 100 * fraction, dual.seconds() / Math.max(1, dual.iterations()));
    w.printf(Locale.ROOT, "primal          %d iterations, %.2f s%s (%.4f s/iteration)%n",
        reached ? primal.iterations() : dual.iterations(), primalSeconds,
        reached ? "" : " EXTRAPOLATED from " + primal.iterations() + " iterations in the budget",
        primal.seconds() / Math.max(1, primal.iterations()));
    w.printf(Locale.ROOT, "ratio           primal / dual = %.1fx; including the Gram matrix: %.1fx;"
            + " per iteration, from the interleaved product timings: %.1fx%n",
        primalSeconds / dual.seconds(), primalSeconds / (dual.seconds() + gramSeconds), rates.primal / rates.dual);
    w.flush();
    if (out != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("problem", Map.of("n", x.rows(), "p", x.cols(), "source", source));
      doc.put("gramSeconds", gramSeconds);
      doc.put("tensorflowMatMulGflops", tf.medianGflops());
      doc.put("dualProductSeconds", rates.dual);
      doc.put("fullGramProductSeconds", rates.gramFull);
      doc.put("primalProductsSeconds", rates.primal);
      doc.put("referenceIterations", reference.iterations());
      doc.put("finalMargin", reference.trainingMargin());
      doc.put("targetMargin", target);
      doc.put("iterationsToTarget", dual.iterations());
      doc.put("dualSeconds", dual.seconds());
      doc.put("primalSeconds", primalSeconds);
      doc.put("primalExtrapolated", !reached);
      doc.put("ratio", primalSeconds / dual.seconds());
      doc.put("ratioIncludingGram", primalSeconds / (dual.seconds() + gramSeconds));
      doc.put("productRatio", rates.primal / rates.dual);
      doc.put("provenance", Provenance.current());
      Json.write(out, doc);
    }
    return 0;
  }

  /** The 1-minute load average, to judge how quiet the machine was. */
  static String loadAverage() {
    double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /**
   * Product times: the dual's (upper triangle of K), the full blocked product with K, the plain
   * loop over K, the primal's two products with X, and X w blocked against its plain loop. Medians
   * of 5 runs; the plain loops run once.
   */
  private record Rates(
      double dual, double gramFull, double gramNaive, double primal, double featuresBlocked, double featuresNaive) {
    static Rates measure(DenseMatrix x, DenseMatrix k) {
      double[] a = new double[k.cols()];
      Arrays.fill(a, 1.0 / k.cols());
      double[] out = new double[k.rows()];
      double[] wv = new double[x.cols()];
      Arrays.fill(wv, 1.0 / x.cols());
      double[] m = new double[x.rows()];
      double[] g = new double[x.cols()];
      double[][] times = new double[4][5];
      for (int r = 0; r < 5; r++) {
        long t = System.nanoTime();
        SymmetricMatVec.multiply(k, a, out);
        times[0][r] = seconds(t);
        t = System.nanoTime();
        MatVec.multiply(k, a, out);
        times[1][r] = seconds(t);
        t = System.nanoTime();
        MatVec.multiply(x, wv, m);
        times[2][r] = seconds(t);
        MatVec.multiplyTransposed(x, m, g);
        times[3][r] = seconds(t);
      }
      long t = System.nanoTime();
      ReferenceMatVec.multiply(k, a);
      double gramNaive = seconds(t);
      t = System.nanoTime();
      ReferenceMatVec.multiply(x, wv);
      double featuresNaive = seconds(t);
      for (double[] row : times) {
        Arrays.sort(row);
      }
      return new Rates(times[0][2], times[1][2], gramNaive, times[3][2], times[2][2], featuresNaive);
    }
  }
}
