package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.DataDir;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Split;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.experiment.RunResult;
import org.afterkernel.experiment.Statistics;
import org.afterkernel.io.Provenance;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.AnalysisResult;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.ImportedModel;
import org.afterkernel.savedmodel.KerasImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ak savedmodel analyze DIR --dataset D --classes A,B [--initial DIR2]}: the after-kernel
 * measures of {@code ak experiment} on an imported model (and the untrained-network measures on an
 * initial-weights model when given), written as {@code ak experiment}'s JSON.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The after-kernel measures of ak experiment on an imported SavedModel: SVM test error and margin"
          + " on its after kernel, the four invariances, alignment with the conjugate kernel, effective"
          + " rank, NN test error; with --initial, the same kernel measures (ntk_) of an initial-weights"
          + " model. Defaults: 1000 test images per measure and the SVM on (jst1, 120 s), as"
          + " configs/quickstart.json; --config and the flags below override them."
    })
public final class SavedModelAnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The trained model: a SavedModel directory, a .keras file or an .h5 file.")
  Path dir;

  @Option(names = "--initial", paramLabel = "DIR2", description = "The same network at initialisation (any format DIR may be).")
  Path initial;

  @Mixin ArchitectureOption architecture;

  @Option(names = "--out", paramLabel = "RESULT.json", description = "JSON document (default: ak-analyze-<time>.json here).")
  Path out;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Option(names = "--dataset", paramLabel = "NAME", description = "mnist or cifar10 (default mnist).")
  String dataset;

  @Option(names = "--classes", paramLabel = "MINUS,PLUS", description = "The binary task (default 3,8).")
  String classes;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON object of experiment options; flags override it.")
  Path config;

  @Mixin OutputOptions output;
  @Mixin ImagesOptions own;

  @Option(names = "--num-translations", paramLabel = "N", description = "Test images for translation invariance (default 1000).")
  Integer numTranslations;

  @Option(names = "--num-zooms", paramLabel = "N", description = "Test images for zoom invariance (default 1000).")
  Integer numZooms;

  @Option(names = "--num-swaps", paramLabel = "N", description = "Test images for swap invariance (default 1000).")
  Integer numSwaps;

  @Option(names = "--num-rotations", paramLabel = "N", description = "Test images for rotation invariance (default 1000).")
  Integer numRotations;

  @Option(names = "--ker-alignment-sample-size", paramLabel = "N", description = "Test images for the kernel alignment (default 1000).")
  Integer kerAlignmentSampleSize;

  @Option(names = "--effective-rank-sample-size", paramLabel = "N", description = "Test images for the effective rank (default 1000).")
  Integer effectiveRankSampleSize;

  @Option(names = "--rotation-angle", paramLabel = "RAD", description = "Rotation angle (default 0.25).")
  Double rotationAngle;

  @Option(names = "--train-linear-model", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Fit the SVM on the kernel (default true).")
  Boolean trainLinearModel;

  @Option(names = "--use-conjugate-kernel", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Conjugate features instead of gradients (default false).")
  Boolean useConjugateKernel;

  @Option(names = "--svm-solver", paramLabel = "NAME", description = "exact, jst1, jst2 or sklearn (default jst1).")
  String svmSolver;

  @Option(names = "--svm-time-limit", paramLabel = "S", description = "SVM wall-clock budget in seconds (default 120).")
  Double svmTimeLimit;

  @Option(names = "--svm-iterations", paramLabel = "N", description = "Stop the SVM after N iterations instead (reproducible).")
  Long svmIterations;

  @Option(names = "--svm-form", paramLabel = "FORM", description = "auto, primal or dual.")
  String svmForm;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the SVM solver (default 1).")
  Long seed;

  /** The measures' defaults for analyze: those of configs/quickstart.json. */
  private static final Map<String, Object> DEFAULTS = Map.of(
      "num-translations", 1000, "num-rotations", 1000, "num-zooms", 1000, "num-swaps", 1000,
      "ker-alignment-sample-size", 1000, "effective-rank-sample-size", 1000, "train-linear-model", true,
      "num-runs", 1, "test-accuracy-output", "", "model-summary-output", "");

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    own.requireImagesForLabels();
    if (own.given() && dataset != null) {
      throw new AkException("--dataset " + dataset + " and --images " + own.images + ": give one of them");
    }
    ExperimentConfig c = config();
    Dataset d = c.datasetValue();
    long[] images = own.given() ? own.imageShape() : new long[] {d.height(), d.width(), d.channels()};
    // A ten-class model on a binary task: z_plus - z_minus is the logit of "plus rather than minus".
    OutputHead fallback = OutputHead.difference(c.plusClass(), c.minusClass());
    ImportOptions options = new ImportOptions(output.head(), output.preSoftmax(), images, fallback);
    Path outFile = out != null ? out : Path.of("ak-analyze-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
    long t0 = System.nanoTime();
    try (ImportedModel m = load(dir, options);
        ImportedModel init = initial == null ? null : load(initial, options)) {
      if (init != null && init.model().parameterCount() != m.model().parameterCount()) {
        throw new AkException(initial + ": the initial model has " + init.model().parameterCount()
            + " parameters, " + dir + " has " + m.model().parameterCount() + " (not the same network)");
      }
      o.printf(Locale.ROOT, "model: %s; %,d parameters; logit: %s%n", m.description(),
          m.model().parameterCount(), m.logitDescription());
      if (init != null) {
        o.printf("initial: %s%n", init.description());
      }
      o.printf(Locale.ROOT, "task: %s %d-vs-%d%n", own.given() ? own.describe() : c.dataset(), c.minusClass(),
          c.plusClass());
      o.flush();
      java.util.function.Consumer<String> log = line -> {
        o.println(line);
        o.flush();
      };
      ExperimentRunner runner;
      if (own.given()) { // --images train, --test-images test, binary task of --classes (default 0,1)
        ClassPair pair = new ClassPair(c.minusClass(), c.plusClass());
        runner = new ExperimentRunner(c, ImagesOptions.binary(own.load(Split.TRAIN), pair, c.trainExamples()),
            ImagesOptions.binary(own.load(Split.TEST), pair, c.testExamples()), log, true);
      } else {
        runner = ExperimentRunner.load(c, DataDir.resolve(dataDir), log, true);
      }
      RunResult run = runner.measureModel(m.model(), init == null ? null : init.model(), c.seed());
      Map<String, Statistics> summary = ExperimentRunner.summarize(List.of(run));
      Map<String, Double> timings = new LinkedHashMap<>(run.timings());
      timings.put("total", (System.nanoTime() - t0) / 1e9);
      AnalysisResult result = new AnalysisResult(AnalysisResult.SCHEMA, dir.toString(), m.description(),
          m.logitDescription(), initial == null ? null : initial.toString(),
          init == null ? null : init.description(), own.given() ? own.describe() + ", test " + own.testImages
          + (own.testLabels != null ? " (labels " + own.testLabels + ")" : "") : null,
          c, m.model().parameterCount(), List.of(run), summary,
          timings, Provenance.current());
      result.write(outFile);
      o.println();
      o.printf("%-24s %14s%n", "measure", "value");
      run.values().forEach((k, v) -> o.printf(Locale.ROOT, "%-24s %14.6g%n", k, v));
      o.printf(Locale.ROOT, "wrote %s (%.1f s)%n", outFile, timings.get("total"));
    }
    return 0;
  }

  /** Analyze's defaults, then --config, then the flags given. */
  ExperimentConfig config() {
    ConfigMerger merger = new ConfigMerger();
    DEFAULTS.forEach(merger::set);
    if (config != null) {
      merger.overlay(config);
    }
    set(merger, "dataset", dataset);
    if (classes != null || own.given()) { // your own --labels: classes 0,1 unless --classes says
      ClassPair pair = classes != null ? ClassPair.parse(classes) : new ClassPair(0, 1);
      merger.set("minus-class", pair.minus()).set("plus-class", pair.plus());
    }
    set(merger, "num-translations", numTranslations);
    set(merger, "num-zooms", numZooms);
    set(merger, "num-swaps", numSwaps);
    set(merger, "num-rotations", numRotations);
    set(merger, "ker-alignment-sample-size", kerAlignmentSampleSize);
    set(merger, "effective-rank-sample-size", effectiveRankSampleSize);
    set(merger, "rotation-angle", rotationAngle);
    set(merger, "train-linear-model", trainLinearModel);
    set(merger, "use-conjugate-kernel", useConjugateKernel);
    set(merger, "svm-solver", svmSolver);
    set(merger, "svm-time-limit", svmTimeLimit);
    set(merger, "svm-iterations", svmIterations);
    set(merger, "svm-form", svmForm);
    set(merger, "seed", seed);
    return merger.build();
  }

  /** Imports a model for the images; a shape that does not fit names the images file too. */
  private ImportedModel load(Path model, ImportOptions options) {
    try {
      return KerasImporter.load(model, architecture.architecture(), options);
    } catch (AkException e) {
      throw own.given() ? own.withFile(e) : e;
    }
  }

  private static void set(ConfigMerger merger, String key, Object value) {
    if (value != null) {
      merger.set(key, value);
    }
  }
}
