package org.afterkernel.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.afterkernel.data.DataIdentity;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.invariance.InvarianceMeasures;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.linear.SvmEvaluation;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Whitening;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.train.EpochStats;
import org.afterkernel.train.Evaluation;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;
import org.afterkernel.train.TrainingHistory;

/**
 * Runs an experiment as the original script: for each run a fresh network (seed = base seed + run),
 * the NTK measures, training, the after-kernel measures, the SVM and the NN test error; then means
 * and half-widths. A run can also be measured at several epochs of one training trajectory (used by
 * sweeps): the network is trained once and measured on the way.
 */
public final class ExperimentRunner {
  private final ExperimentConfig config;
  private final LabeledImages train;
  private final LabeledImages test;
  private final Consumer<String> log;
  private final boolean showProgress;
  private InvarianceMeasures.Perturbed perturbed;
  private final Whitening whitening;
  private Map<String, DataIdentity> data;

  /** A runner on the given data; {@code log} receives one line per finished stage. */
  public ExperimentRunner(ExperimentConfig config, LabeledImages train, LabeledImages test,
      Consumer<String> log, boolean showProgress) {
    this.config = config;
    this.train = train;
    this.test = test;
    this.log = log;
    this.showProgress = showProgress;
    Double eps = config.whiteningEps();
    this.whitening = eps == null ? null : Whitening.fit(train.images(), eps);
  }

  /** A runner that loads the configured task from {@code dataDir}, recording the files' identity. */
  public static ExperimentRunner load(ExperimentConfig c, Path dataDir, Consumer<String> log, boolean progress) {
    LabeledImages train = Datasets.load(dataDir, c.datasetValue(), Split.TRAIN, c.classes(), c.trainExamples());
    LabeledImages test = Datasets.load(dataDir, c.datasetValue(), Split.TEST, c.classes(), c.testExamples());
    return new ExperimentRunner(c, train, test, log, progress)
        .withData(dataIdentity(c, dataDir, train.count(), test.count()));
  }

  /** The identity of the training and test files of {@code c} in {@code dataDir} (keys train, test). */
  public static Map<String, DataIdentity> dataIdentity(ExperimentConfig c, Path dataDir, int train, int test) {
    Map<String, DataIdentity> m = new LinkedHashMap<>();
    m.put("train", DataIdentity.of(dataDir, c.datasetValue(), Split.TRAIN, c.classes().toString(), train));
    m.put("test", DataIdentity.of(dataDir, c.datasetValue(), Split.TEST, c.classes().toString(), test));
    return m;
  }

  /** This runner, recording {@code identity} as the data of its result. */
  public ExperimentRunner withData(Map<String, DataIdentity> identity) {
    this.data = identity;
    return this;
  }

  /** All runs, then the summary, the TSV row and provenance. */
  public ExperimentResult run() {
    long t0 = System.nanoTime();
    NetworkSpec spec = config.networkSpec();
    List<RunResult> runs = new ArrayList<>();
    long parameters = 0;
    for (int r = 0; r < config.numRuns(); r++) {
      parameters = runOne(r, new int[] {config.maxNumEpochs()}, runs::add);
      log.accept(String.format(Locale.ROOT, "run %d/%d done: %s", r + 1, config.numRuns(),
          brief(runs.get(runs.size() - 1))));
    }
    Map<String, Statistics> summary = summarize(runs);
    Map<String, Double> timings = new LinkedHashMap<>();
    for (RunResult rr : runs) {
      rr.timings().forEach((k, v) -> timings.merge(k, v, Double::sum));
    }
    timings.put("total", (System.nanoTime() - t0) / 1e9);
    return new ExperimentResult(ExperimentResult.SCHEMA, config, data, spec, parameters, runs, summary,
        TsvRow.format(config, summary, parameters), timings, config.augmentation().recordIn(Provenance.current()));
  }

  /**
   * One run, measured after each epoch count in {@code measureAt} (ascending; 0 measures the
   * untrained network). With a loss target, the run is measured once, where training stopped.
   *
   * @return the network's parameter count
   */
  public long runOne(int run, int[] measureAt, Consumer<RunResult> sink) {
    long seed = config.seed() + run;
    int[] points = measureAt.clone();
    Arrays.sort(points);
    try (Model model = Model.create(config.networkSpec(), seed, whitening)) {
      Map<String, Double> timings = new LinkedHashMap<>();
      Map<String, Double> ntk = new LinkedHashMap<>();
      MeasuredNetwork initial = state(model);
      if (KernelMeasures.requested(config)) {
        ntk = timed(timings, "ntk_measures", p -> KernelMeasures.measure(config, initial, test, perturbed(), "ntk_", p));
      }
      Map<String, Double> ntkValues = ntk;
      List<EpochStats> history = new ArrayList<>();
      if (points[0] == 0 || config.maxNumEpochs() == 0) {
        sink.accept(measure(run, seed, initial, ntkValues, 0, null, timings));
      }
      if (config.maxNumEpochs() == 0 || points[points.length - 1] == 0) {
        return model.parameterCount();
      }
      TrainConfig tc = config.trainConfig(
          config.trainingLossTarget() == null ? points[points.length - 1] : config.maxNumEpochs(), seed);
      Trainer trainer = new Trainer(model, train, tc);
      long trainStart = System.nanoTime();
      double[] measuring = {0};
      TrainingHistory full = trainer.fit(stats -> {
        history.add(stats);
        if (config.trainingLossTarget() == null && Arrays.binarySearch(points, stats.epoch()) >= 0) {
          long m0 = System.nanoTime();
          Map<String, Double> t = new LinkedHashMap<>(timings);
          t.put("train", (System.nanoTime() - trainStart) / 1e9 - measuring[0]);
          log.accept(String.format(Locale.ROOT, "  train: %s to epoch %d (loss %.4g)",
              Progress.duration(t.get("train")), stats.epoch(), stats.loss()));
          sink.accept(measure(run, seed, state(model), ntkValues, stats.epoch(), historyOf(history), t));
          measuring[0] += (System.nanoTime() - m0) / 1e9;
        }
      }, showProgress);
      if (config.trainingLossTarget() != null) {
        timings.put("train", full.seconds());
        sink.accept(measure(run, seed, state(model), ntkValues, full.epochs(), full, timings));
      }
      return model.parameterCount();
    }
  }

  /**
   * The measures of a given model rather than one trained here (an imported SavedModel): its
   * after-kernel measures (prefix {@code ak_}), the SVM on its kernel and its NN test error, and,
   * when {@code initial} is given, that model's kernel measures as the untrained network's (prefix
   * {@code ntk_}). The run's epoch count is unknown and recorded as -1.
   */
  public RunResult measureModel(Model model, Model initial, long seed) {
    Map<String, Double> timings = new LinkedHashMap<>();
    Map<String, Double> ntk = new LinkedHashMap<>();
    if (initial != null && KernelMeasures.requested(config)) {
      ntk = timed(timings, "ntk_measures", p -> KernelMeasures.measure(config, state(initial), test, perturbed(),
          "ntk_", p));
    }
    return measure(0, seed, state(model), ntk, -1, null, timings);
  }

  /** The measures' view of {@code model} with its weights as they are now. */
  private MeasuredNetwork state(Model model) {
    return new MeasuredNetwork(model, test, MeasuredNetwork.testRowsNeeded(config, test.count()));
  }

  /** The invariances' perturbed test images, made once for every network and epoch measured. */
  private InvarianceMeasures.Perturbed perturbed() {
    if (perturbed == null) {
      perturbed = KernelMeasures.perturb(config, test);
    }
    return perturbed;
  }

  /**
   * The measures of the network as it is now, after {@code epochs} epochs. At 0 epochs the after
   * kernel is the NTK: its measures are the {@code ntk_} values already taken, not taken again.
   */
  private RunResult measure(int run, long seed, MeasuredNetwork net, Map<String, Double> ntk, int epochs,
      TrainingHistory history, Map<String, Double> timingsSoFar) {
    Model model = net.model();
    Map<String, Double> timings = new LinkedHashMap<>(timingsSoFar);
    Map<String, Double> values = new LinkedHashMap<>(ntk);
    if (epochs == 0 && !ntk.isEmpty()) {
      ntk.forEach((k, v) -> values.put("ak_" + k.substring("ntk_".length()), v));
    } else if (KernelMeasures.requested(config)) {
      values.putAll(timed(timings, "ak_measures", p -> KernelMeasures.measure(config, net, test, perturbed(), "ak_", p)));
    }
    SvmEvaluation svm = null;
    SvmEvaluation conj = null;
    if (config.trainLinearModel()) {
      svm = timed(timings, "svm", p -> SvmStage.run(config, net, train, test, seed, p));
      values.put(Measure.LINEAR_ERROR.key(), svm.testError());
      values.put(Measure.MARGIN.key(), svm.trainingMargin());
      if (config.conjugateSvm() && !config.useConjugateKernel()) {
        conj = timed(timings, "conjugate_svm",
            p -> SvmStage.run(config, net, org.afterkernel.kernel.FeatureKind.CONJUGATE, train, test, seed, p));
        values.put(Measure.CONJUGATE_LINEAR_ERROR.key(), conj.testError());
        values.put(Measure.CONJUGATE_MARGIN.key(), conj.trainingMargin());
      }
    }
    long e0 = System.nanoTime();
    Evaluation nn = Evaluation.of(model.logits(test.images()), test.labels());
    timings.put("nn_error", (System.nanoTime() - e0) / 1e9);
    values.put(Measure.NN_ERROR.key(), nn.errorParity());
    values.put(Measure.NN_ERROR_CORRECT.key(), nn.error());
    if (history != null && !history.perEpoch().isEmpty()) {
      values.put(Measure.TRAINING_LOSS.key(), history.perEpoch().get(history.perEpoch().size() - 1).loss());
    }
    return new RunResult(run, seed, epochs, model.parameterCount(), values, history, svm, conj, timings);
  }

  /** The history of fixed-epoch training up to the last of {@code stats}. */
  private static TrainingHistory historyOf(List<EpochStats> stats) {
    double secs = stats.stream().mapToDouble(EpochStats::seconds).sum();
    return new TrainingHistory(stats.size(), List.copyOf(stats), List.of(), "epochs", secs);
  }

  /** Runs a stage with a progress bar (when shown) and records its time. */
  private <T> T timed(Map<String, Double> timings, String stage, java.util.function.Function<Progress, T> body) {
    long t0 = System.nanoTime();
    T out;
    try (Progress p = showProgress ? Progress.start(stage, 0, "feature rows") : Progress.silent()) {
      out = body.apply(p);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    timings.merge(stage, secs, Double::sum);
    log.accept(String.format(Locale.ROOT, "  %s: %s", stage, Progress.duration(secs)));
    return out;
  }

  /** Mean and half-width of every measure present in every run. */
  public static Map<String, Statistics> summarize(List<RunResult> runs) {
    Map<String, Statistics> out = new LinkedHashMap<>();
    if (runs.isEmpty()) {
      return out;
    }
    for (String key : runs.get(0).values().keySet()) {
      if (runs.stream().allMatch(r -> r.values().containsKey(key))) {
        out.put(key, Statistics.of(runs.stream().mapToDouble(r -> r.values().get(key)).toArray()));
      }
    }
    return out;
  }

  private static String brief(RunResult r) {
    StringBuilder b = new StringBuilder();
    r.values().forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s=%.4g ", k, v)));
    return b.toString().trim();
  }
}
