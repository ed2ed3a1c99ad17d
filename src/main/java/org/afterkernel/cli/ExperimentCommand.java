package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.data.DataDir;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.ExperimentResult;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.experiment.Statistics;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.io.RowAppend;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak experiment}: the original {@code run_ak_experiment.py}. Every option of the script in
 * kebab-case (its snake_case spellings accepted too), options from {@code --config FILE} overridden
 * by flags; the TSV row is appended to {@code --test-accuracy-output} and the JSON document
 * written to {@code --out}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the original after-kernel experiment (run_ak_experiment.py): NTK measures, training,",
        "after-kernel measures, SVM, NN error, averaged over runs. Defaults are the script's."})
public final class ExperimentCommand implements Callable<Integer> {
  /** Options that are not experiment settings. */
  private static final Set<String> NOT_CONFIG = Set.of("config", "out", "data-dir", "help", "version", "threads");

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON object of options (kebab- or snake_case keys); flags override it.")
  Path config;

  @Option(names = "--out", paramLabel = "RESULT.json", description = "JSON document (default: ak-experiment-<time>.json here).")
  Path out;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Option(names = {"--max-num-epochs", "--max_num_epochs"}, paramLabel = "N", description = "Epochs to train; with a loss target, the cap (default 1000).")
  Integer maxNumEpochs;

  @Option(names = {"--training-loss-target", "--training_loss_target"}, paramLabel = "L", description = "Train until the training loss is at most L (10 epochs, then doubling passes).")
  Double trainingLossTarget;

  @Option(names = {"--learning-rate", "--learning_rate"}, paramLabel = "LR", description = "SGD learning rate (default: Keras's 0.01, printed None).")
  Double learningRate;

  @Option(names = {"--test-accuracy-output", "--test_accuracy_output"}, paramLabel = "FILE", description = "File the TSV row is appended to (default /tmp/ak.txt; empty: none).")
  String testAccuracyOutput;

  @Option(names = {"--model-summary-output", "--model_summary_output"}, paramLabel = "FILE", description = "Model summary, written if the file does not exist (default /tmp/ak_model.txt).")
  String modelSummaryOutput;

  @Option(names = {"--filter-size", "--filter_size"}, paramLabel = "N", description = "VGG convolution size (default 3).")
  Integer filterSize;

  @Option(names = {"--pool-size", "--pool_size"}, paramLabel = "N", description = "VGG pooling size (default 2).")
  Integer poolSize;

  @Option(names = {"--num-parameters", "--num_parameters"}, paramLabel = "N", description = "Budget of the width rule (default 1e5; the Sum net's width).")
  Double numParameters;

  @Option(names = {"--num-blocks", "--num_blocks"}, paramLabel = "N", description = "VGG blocks (default 2).")
  Integer numBlocks;

  @Option(names = {"--num-layers", "--num_layers"}, paramLabel = "N", description = "VGG convolutions / MLP hidden layers (default 4).")
  Integer numLayers;

  @Option(names = {"--num-runs", "--num_runs"}, paramLabel = "N", description = "Runs averaged (default 5).")
  Integer numRuns;

  @Option(names = {"--num-translations", "--num_translations"}, paramLabel = "N", description = "Test images for translation invariance (default 0: off).")
  Integer numTranslations;

  @Option(names = {"--num-zooms", "--num_zooms"}, paramLabel = "N", description = "Test images for zoom invariance (default 0: off).")
  Integer numZooms;

  @Option(names = {"--num-swaps", "--num_swaps"}, paramLabel = "N", description = "Test images for swap invariance (default 0: off).")
  Integer numSwaps;

  @Option(names = {"--num-rotations", "--num_rotations"}, paramLabel = "N", description = "Test images for rotation invariance (default 0: off).")
  Integer numRotations;

  @Option(names = {"--ker-alignment-sample-size", "--ker_alignment_sample_size"}, paramLabel = "N", description = "Test images for the kernel alignment (default 0: off).")
  Integer kerAlignmentSampleSize;

  @Option(names = {"--effective-rank-sample-size", "--effective_rank_sample_size"}, paramLabel = "N", description = "Test images for the effective rank (default 0: off).")
  Integer effectiveRankSampleSize;

  @Option(names = {"--rotation-angle", "--rotation_angle"}, paramLabel = "RAD", description = "Rotation angle (default 0.25).")
  Double rotationAngle;

  @Option(names = {"--use-augmentation", "--use_augmentation"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Train with the original's augmentation (true/false; default false).")
  Boolean useAugmentation;

  @Option(names = {"--augmentation-centre", "--augmentation_centre", "--augment-centre"}, paramLabel = "CENTRE",
      description = "Rotation centre of the augmentation: keras (default, parity: (H/2+0.5, W/2+0.5), keras-preprocessing"
          + " 1.1.2) or geometric ((H-1)/2, (W-1)/2), as Keras >= 2.9.")
  String augmentationCentre;

  @Option(names = {"--train-linear-model", "--train_linear_model"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Fit the SVM on the kernel (default false).")
  Boolean trainLinearModel;

  @Option(names = {"--use-conjugate-kernel", "--use_conjugate_kernel"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Use conjugate features instead of gradients (default false).")
  Boolean useConjugateKernel;

  @Option(names = {"--plus-class", "--plus_class"}, paramLabel = "C", description = "Class labelled 1 (default 8).")
  Integer plusClass;

  @Option(names = {"--minus-class", "--minus_class"}, paramLabel = "C", description = "Class labelled 0 (default 3).")
  Integer minusClass;

  @Option(names = "--dataset", paramLabel = "NAME", description = "mnist or cifar10 (default mnist).")
  String dataset;

  @Option(names = {"--nn-architecture", "--nn_architecture"}, paramLabel = "ARCH", description = "VGG, MLP or Sum (default VGG).")
  String nnArchitecture;

  @Option(names = {"--svm-solver", "--svm_solver"}, paramLabel = "NAME", description = "exact (the hard-margin SVM to a KKT tolerance), jst1 (the script's), jst2 or sklearn"
      + " (LIBLINEAR) (default jst1).")
  String svmSolver;

  @Option(names = {"--svm-time-limit", "--svm_time_limit"}, paramLabel = "S", description = "SVM wall-clock budget in seconds (default 120).")
  Double svmTimeLimit;

  @Option(names = "--width", paramLabel = "N", description = "Explicit width (overrides the budget rule).")
  Integer width;

  @Option(names = "--preset", paramLabel = "NAME", description = "The paper's network: vgg (26), mega-vgg (119), mlp (94), sum (16).")
  String preset;

  @Option(names = "--seed", paramLabel = "N", description = "Base seed; run r uses seed + r (default 1).")
  Long seed;

  @Option(names = "--svm-iterations", paramLabel = "N", description = "Stop the SVM after N iterations instead of the time limit (reproducible).")
  Long svmIterations;

  @Option(names = "--svm-stop", paramLabel = "RULE",
      description = "time-limit (the script's rule, or --svm-iterations), converged (margin within --svm-tolerance"
          + " of its value at half the iterations; reproducible on any machine) or kkt (the certified residual at"
          + " most --svm-tolerance: the exact solver's KKT residual, JST1's duality gap) (default time-limit; the"
          + " exact solver always stops by kkt).")
  String svmStop;

  @Option(names = "--svm-tolerance", paramLabel = "T", description = "Relative margin change of --svm-stop converged, or the residual of --svm-stop kkt"
      + " (default 1e-4).")
  Double svmTolerance;

  @Option(names = "--svm-window", paramLabel = "N", description = "Iterations between convergence checks (default 100).")
  Integer svmWindow;

  @Option(names = "--conjugate-svm", arity = "0..1", paramLabel = "BOOL",
      description = "Also fit the SVM on the conjugate kernel of the same network (default false).")
  Boolean conjugateSvm;

  @Option(names = "--loss", paramLabel = "LOSS", description = "bce (default, the original's) or mse (targets +-1).")
  String loss;

  @Option(names = "--init-scale", paramLabel = "S", description = "Multiply every initial weight by S (default 1).")
  Double initScale;

  @Option(names = "--whiten", paramLabel = "zca[:EPS]", description = "ZCA-whiten the inputs (fitted on the training images).")
  String whiten;

  @Option(names = "--bias", arity = "0..1", paramLabel = "BOOL", description = "Biases in every layer (default true).")
  Boolean bias;

  @Option(names = "--no-bias", description = "No biases (the same as --bias false).")
  boolean noBias;

  @Option(names = "--hidden", split = ",", paramLabel = "W", description = "MLP hidden widths, e.g. 100 or 512,256.")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: relu (default), tanh or linear.")
  String activation;

  @Option(names = "--batch-size", paramLabel = "N|full", description = "Minibatch size or full (default 32, Keras's).")
  String batchSize;

  @Option(names = "--svm-form", paramLabel = "FORM", description = "auto (dual when features outnumber examples), primal or dual.")
  String svmForm;

  @Option(names = "--train-examples", paramLabel = "N", description = "Use the first N training examples (default 0: all).")
  Integer trainExamples;

  @Option(names = "--test-examples", paramLabel = "N", description = "Use the first N test examples (default 0: all).")
  Integer testExamples;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    ExperimentConfig c = config();
    Path jsonOut = out != null ? out : Path.of("ak-experiment-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
    o.printf("experiment: %s on %s %d-vs-%d, %d run(s), %s%n", c.networkSpec().label(), c.dataset(),
        c.minusClass(), c.plusClass(), c.numRuns(), c.trainingLossTarget() == null
            ? c.maxNumEpochs() + " epoch(s)" : "to training loss " + c.trainingLossTarget());
    o.flush();
    OutputChecks.file(jsonOut, "--out");
    Path tsv = c.testAccuracyOutput() == null || c.testAccuracyOutput().isBlank() ? null
        : Path.of(c.testAccuracyOutput());
    if (tsv != null) {
      OutputChecks.file(tsv, "--test-accuracy-output");
    }
    Path summary = c.modelSummaryOutput() == null || c.modelSummaryOutput().isBlank() ? null
        : Path.of(c.modelSummaryOutput());
    if (summary != null) {
      OutputChecks.file(summary, "--model-summary-output");
    }
    ExperimentRunner runner = ExperimentRunner.load(c, DataDir.resolve(dataDir), line -> {
      o.println(line);
      o.flush();
    }, true);
    ExperimentResult result = runner.run();
    publish(c, result, jsonOut, tsv, summary);
    printSummary(o, result);
    o.printf("wrote %s%s%n", jsonOut, tsv != null ? " and appended a row to " + tsv : "");
    return 0;
  }

  /**
   * Writes the outputs all or none: the JSON document and the model summary are staged, then the
   * TSV row is appended (under a lock on the TSV file), then the staged files are renamed into
   * place; if that fails, the row is cut off again.
   */
  private static void publish(ExperimentConfig c, ExperimentResult result, Path jsonOut, Path tsv, Path summary) {
    try (StagedOutputs outputs = new StagedOutputs()) {
      result.write(outputs.file(jsonOut));
      if (summary != null && !Files.exists(summary)) {
        try (Model m = Model.create(c.networkSpec(), c.seed())) {
          AtomicFiles.writeString(outputs.file(summary), m.summary());
        }
      }
      if (tsv == null) {
        outputs.commit();
        return;
      }
      try (RowAppend row = RowAppend.append(tsv, result.tsvRow())) {
        outputs.commit();
        row.keep();
      }
    }
  }

  /** Defaults, then --config, then the flags given. */
  ExperimentConfig config() {
    ConfigMerger merger = new ConfigMerger();
    if (config != null) {
      merger.overlay(config);
    }
    for (OptionSpec opt : spec.commandLine().getParseResult().matchedOptions()) {
      String key = opt.longestName().replaceFirst("^--", "");
      if (key.equals("no-bias")) {
        merger.set("bias", false);
      } else if (!NOT_CONFIG.contains(key)) {
        merger.set(key, opt.getValue());
      }
    }
    return merger.build();
  }

  private static void printSummary(PrintWriter o, ExperimentResult r) {
    o.println();
    o.printf("%-24s %14s %14s %4s%n", "measure", "mean", "half-width", "n");
    for (Map.Entry<String, Statistics> e : r.summary().entrySet()) {
      Statistics s = e.getValue();
      o.printf(Locale.ROOT, "%-24s %14.6g %14s %4d%n", e.getKey(), s.mean(),
          s.halfWidth() == null ? "-" : String.format(Locale.ROOT, "%.6g", s.halfWidth()), s.n());
    }
    o.printf(Locale.ROOT, "parameters %,d; total %.1f s%n", r.parameters(), r.timings().get("total"));
  }
}
