package org.afterkernel.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.invariance.InvarianceKind;
import org.afterkernel.invariance.InvarianceMeasures;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.FeatureScale;
import org.afterkernel.kernel.GramTiming;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.kernel.KernelStats;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Jst1;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.TrainingSet;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.MultiplyAdds;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;

/**
 * One experiment cell at full size, stage by stage (issue 13's {@code ak bench experiment}): one
 * training epoch, the per-example features, the Gram matrix materialized and structured, the SVM's
 * kernel, one dual iteration and the run to convergence, each invariance, the alignment. Every
 * stage is reported with its floor on this machine: its floating-point work at the MatMul rate, or
 * for the dual iteration the Gram's upper triangle at the measured memory bandwidth (both measured
 * by the caller in the same run).
 */
public final class CellBenchmark {
  /**
   * One stage.
   *
   * @param name what was timed
   * @param seconds wall-clock time
   * @param count how much was done, in {@code unit}
   * @param unit e.g. examples, rows, iterations
   * @param flops floating-point operations of the work at its least
   * @param bytes bytes the work must at least read or write (the features it materializes, the Gram
   *     entries it forms, the triangle a dual iteration reads)
   */
  public record Stage(String name, double seconds, double count, String unit, double flops, double bytes) {
    /**
     * The least time this machine needs for the work: the larger of its flops at the MatMul rate and
     * its bytes at the memory bandwidth.
     */
    public double floorSeconds(double flopsPerSecond, double bytesPerSecond) {
      return Math.max(bytes / bytesPerSecond, flops / flopsPerSecond);
    }

    /** What bounds the floor: {@code matmul} or {@code bandwidth}. */
    public String floorBasis(double flopsPerSecond, double bytesPerSecond) {
      return bytes / bytesPerSecond > flops / flopsPerSecond ? "bandwidth" : "matmul";
    }

    /** The stage as a row: its time, its floor and floor / time (1 at the machine's limit). */
    public String format(double flopsPerSecond, double bytesPerSecond) {
      double floor = floorSeconds(flopsPerSecond, bytesPerSecond);
      return String.format(java.util.Locale.ROOT, "%-44s %9.3f s %11.5g %-10s floor %9.3f s (%s) = %5.1f%%",
          name, seconds, count, unit, floor, floorBasis(flopsPerSecond, bytesPerSecond), 100 * floor / seconds);
    }
  }

  /** What to run beyond the stages every cell has. */
  public record Options(boolean materializedBaseline, long svmIterations, boolean converge, double tolerance,
      long convergeCap, long seed) {}

  /** The report: stages in order, and the convergence of the SVM when asked for. */
  public record Report(List<Stage> stages, Map<String, Object> svm) {}

  private final ExperimentConfig config;
  private final LabeledImages train;
  private final LabeledImages test;
  private final Consumer<String> log;
  private final List<Stage> stages = new ArrayList<>();

  /**
   * A benchmark of {@code config}'s cell; {@code log} receives a line per finished stage (the
   * caller sets the stages against the floors measured around the whole run).
   */
  public CellBenchmark(ExperimentConfig config, LabeledImages train, LabeledImages test, Consumer<String> log) {
    this.config = config;
    this.train = train;
    this.test = test;
    this.log = log;
  }

  /** Runs every stage. */
  public Report run(Options o) {
    Map<String, Object> svm = new LinkedHashMap<>();
    try (Model model = Model.create(config.networkSpec(), o.seed())) {
      int n = train.count();
      double trainFlops = 2.0 * MultiplyAdds.training(model);
      Trainer trainer = new Trainer(model, train, new TrainConfig(1, config.effectiveLearningRate(), 32, null,
          org.afterkernel.train.Augmentation.NONE, o.seed()));
      long t0 = System.nanoTime();
      trainer.trainEpoch(Progress.silent());
      add("train one epoch", seconds(t0), n, "examples", n * trainFlops, 0);

      FeatureMap batched = FeatureMap.of(model, FeatureKind.NTK, Implementation.BATCHED);
      FeatureMap structured = FeatureMap.of(model, FeatureKind.NTK, Implementation.STRUCTURED);
      // Per-example gradients cost about one training step (forward, input and weight gradients);
      // structured rows at least the forward and backward passes.
      double rowFlops = 2.0 * MultiplyAdds.forwardAndBackward(model);
      if (o.materializedBaseline()) {
        int rows = (int) Math.min(n, (4L << 30) / (4 * batched.dimension()));
        GramTiming.Result m = GramTiming.measure(batched, train.images(), rows, Progress.silent());
        add("features, materialized", m.rowSeconds(), rows, "examples", rows * trainFlops, 4.0 * rows * m.width());
        add("Gram of " + rows + ", materialized", m.gramSeconds(), m.multiplyAdds() * 2 / 1e9, "GFLOP",
            2 * m.multiplyAdds(), 4 * m.multiplyAdds() / m.width());
      }
      GramTiming.Result s = GramTiming.measure(structured, train.images(), n, Progress.silent());
      add("rows, structured", s.rowSeconds(), n, "examples", n * rowFlops, 4.0 * n * s.width());
      add("Gram of " + n + ", structured", s.gramSeconds(), s.multiplyAdds() * 2 / 1e9, "GFLOP",
          2 * s.multiplyAdds(), 4 * s.multiplyAdds() / s.width());

      t0 = System.nanoTime();
      Kernel.Matrices k = Kernel.of(structured).compute(train.images(), test.images(), Progress.silent());
      double z = FeatureScale.fromGram(k.gram());
      FeatureScale.divideInPlace(k.gram(), z * z);
      FeatureScale.divideInPlace(k.cross(), z * z);
      double crossMacs = (double) n * n * s.width() / 2 + (double) test.count() * n * s.width();
      add("SVM kernel: Gram + K(test, train), with rows", seconds(t0), n + test.count(), "examples",
          (n + test.count()) * rowFlops + 2 * crossMacs, 4.0 * n * (n + test.count()));

      Labels y = Labels.of(train.labels());
      double triangleBytes = 4.0 * n * (n + 1) / 2;
      var fixed = new Jst1().fit(new TrainingSet.Gram(k.gram(), y), StopRule.iterations(o.svmIterations()),
          Progress.silent());
      add("dual iteration (mean of " + o.svmIterations() + ")", fixed.seconds() / o.svmIterations(), 1, "iteration",
          0, triangleBytes);
      svm.put("iterationSeconds", fixed.seconds() / o.svmIterations());
      svm.put("triangleBytes", triangleBytes);
      if (o.converge()) {
        svm.putAll(converge(k, y, o));
      }
      measures(model, o);
    }
    return new Report(List.copyOf(stages), svm);
  }

  private Map<String, Object> converge(Kernel.Matrices k, Labels y, Options o) {
    StopRule rule = StopRule.converged(o.tolerance(), config.svmWindow(), o.convergeCap());
    SvmConvergence.Trace t;
    try (Progress p = Progress.start("dual jst1 to convergence", 0, "it")) {
      t = SvmConvergence.run(k.gram(), y, k.cross(), Labels.of(test.labels()), rule, config.svmWindow(),
          new double[] {0.99, 0.999}, p);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", rule.toMap());
    m.put("stopReason", t.solution().stopReason().toString());
    m.put("iterations", t.solution().iterations());
    m.put("seconds", t.solution().seconds());
    m.put("margin", t.solution().trainingMargin());
    m.put("testError", t.finalTestError());
    m.put("milestones", t.milestones());
    m.put("testErrorChangeAfterFirstMilestone", t.testErrorChangesAfter());
    log.accept(String.format(java.util.Locale.ROOT, "SVM converged: %s", m));
    return m;
  }

  /** Each invariance alone, then the alignment, on the trained network. */
  private void measures(Model model, Options o) {
    double rowFlops = 2.0 * MultiplyAdds.forwardAndBackward(model);
    FeatureKind kind = config.useConjugateKernel() ? FeatureKind.CONJUGATE : FeatureKind.NTK;
    FeatureMap map = FeatureMap.of(model, kind, Implementation.STRUCTURED);
    for (Map.Entry<InvarianceKind, Integer> e : KernelMeasures.invariances(config).entrySet()) {
      Map<InvarianceKind, Integer> one = new EnumMap<>(InvarianceKind.class);
      one.put(e.getKey(), e.getValue());
      long rows = InvarianceMeasures.featureRows(one, config.rotationAngle(), test.count());
      long t0 = System.nanoTime();
      InvarianceMeasures.measure(map, test.images(), one, config.rotationAngle(), Progress.silent());
      add("invariance " + e.getKey().measureName(), seconds(t0), rows, "rows", rows * rowFlops, 0);
    }
    if (config.kerAlignmentSampleSize() > 0) {
      LabeledImages sample = test.first(config.kerAlignmentSampleSize());
      long t0 = System.nanoTime();
      DenseMatrix ntk = Kernel.of(FeatureMap.of(model, FeatureKind.NTK, Implementation.STRUCTURED))
          .gram(sample.images(), Progress.silent());
      DenseMatrix conj = Kernel.of(FeatureMap.of(model, FeatureKind.CONJUGATE, Implementation.BATCHED))
          .gram(sample.images(), Progress.silent());
      KernelStats.alignment(ntk, conj);
      double macs = sample.count() * (double) sample.count() * (ntkWidth(model) + model.conjugateDimension());
      add("alignment", seconds(t0), sample.count(), "examples", sample.count() * rowFlops + 2 * macs, 0);
    }
  }

  private void add(String name, double seconds, double count, String unit, double flops, double bytes) {
    stages.add(new Stage(name, seconds, count, unit, flops, bytes));
    log.accept(String.format(java.util.Locale.ROOT, "%-44s %9.3f s", name, seconds));
  }

  private static int ntkWidth(Model model) {
    return FeatureMap.of(model, FeatureKind.NTK, Implementation.STRUCTURED).layout().width();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
