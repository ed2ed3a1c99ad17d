package org.afterkernel.experiment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.linear.StopRule;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.WhiteningSpec;
import org.afterkernel.train.Augmentation;
import org.afterkernel.train.LossFunction;
import org.afterkernel.train.RotationCentre;
import org.afterkernel.train.TrainConfig;

/**
 * Every option of the original script, with its meaning and default, plus this port's additions
 * (width and presets, seed, a fixed SVM iteration count, the SVM form, the JSON output). Immutable
 * and validated on construction; JSON keys are the kebab-case option names.
 *
 * @param maxNumEpochs epochs to train (with a loss target: the cap); original default 1000
 * @param trainingLossTarget train until the training loss is at most this (null: fixed epochs)
 * @param learningRate SGD learning rate (null: Keras's default 0.01, printed "None" in the TSV)
 * @param testAccuracyOutput file the TSV row is appended to (null or empty: none)
 * @param modelSummaryOutput file the model summary is written to if it does not exist (null: none)
 * @param filterSize VGG convolution size
 * @param poolSize VGG pooling size and stride
 * @param numParameters parameter budget of the width rule (the Sum net's width)
 * @param numBlocks VGG blocks
 * @param numLayers VGG convolutions / MLP hidden layers
 * @param numRuns runs averaged
 * @param numTranslations test images for translation invariance (0: not measured)
 * @param numZooms test images for zoom invariance (0: not measured)
 * @param numSwaps test images for swap invariance (0: not measured)
 * @param numRotations test images for rotation invariance (0: not measured)
 * @param kerAlignmentSampleSize test images for the kernel alignment (0: not measured)
 * @param effectiveRankSampleSize test images for the effective rank (0: not measured)
 * @param rotationAngle rotation angle in radians, measured at + and -
 * @param useAugmentation train with the original's augmentation
 * @param trainLinearModel fit the max-margin SVM on the kernel
 * @param useConjugateKernel use conjugate features instead of gradient features
 * @param plusClass the class labelled 1
 * @param minusClass the class labelled 0
 * @param dataset mnist or cifar10
 * @param nnArchitecture VGG, MLP or Sum
 * @param svmSolver exact (the hard-margin SVM to a KKT tolerance), jst1 (the script's default), jst2 or
 *     sklearn (LIBLINEAR, as scikit-learn's LinearSVC)
 * @param svmTimeLimit wall-clock budget of the SVM in seconds (when no iteration count is given)
 * @param width explicit width (overrides the budget rule)
 * @param preset the paper's network: vgg (26), mega-vgg (119), mlp (94), sum (16)
 * @param seed base seed: run r uses seed + r
 * @param svmIterations a fixed number of SVM iterations instead of the time limit (reproducible)
 * @param svmForm primal, dual or auto (dual when there are more features than examples)
 * @param trainExamples use the first N training examples of the task (0: all, as the script)
 * @param testExamples use the first N test examples of the task (0: all, as the script)
 * @param svmStop how the SVM stops: {@code time-limit} (the script's rule, or {@code svm-iterations}
 *     when given) or {@code converged} (the margin's relative change since half as many iterations
 *     is at most {@code svm-tolerance}, checked every {@code svm-window} iterations; {@code
 *     svm-iterations}, default 1,000,000, caps it): results then do not depend on the machine
 * @param svmTolerance relative margin change of {@code svm-stop: converged}; with {@code svm-stop: kkt}
 *     the certified residual (the exact solver's KKT residual, JST1's relative duality gap)
 * @param svmWindow iterations between two convergence checks
 * @param augmentationCentre the augmentation's rotation centre: keras (parity, null means it) or
 *     geometric
 * @param conjugateSvm with {@code train-linear-model}, also fit the SVM on the conjugate kernel of the
 *     same network ({@code conjugate_linear_error}, {@code conjugate_margin}): figure 7 from one
 *     trajectory
 * @param loss training loss: bce (null: the original's binary cross-entropy) or mse (targets +-1)
 * @param initScale every initial weight times this (null: 1)
 * @param whiten null, zca or zca:EPS: ZCA whitening fitted on the training images, applied inside the
 *     network to training, test and perturbed images alike
 * @param bias whether layers add a bias (null: true)
 * @param hidden MLP hidden widths (null: the preset's or num-layers x width)
 * @param activation hidden activation relu, tanh or linear (null: relu)
 * @param batchSize minibatch size, a number or full (null: 32, Keras's)
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record ExperimentConfig(
    int maxNumEpochs,
    Double trainingLossTarget,
    Double learningRate,
    String testAccuracyOutput,
    String modelSummaryOutput,
    int filterSize,
    int poolSize,
    double numParameters,
    int numBlocks,
    int numLayers,
    int numRuns,
    int numTranslations,
    int numZooms,
    int numSwaps,
    int numRotations,
    int kerAlignmentSampleSize,
    int effectiveRankSampleSize,
    double rotationAngle,
    boolean useAugmentation,
    boolean trainLinearModel,
    boolean useConjugateKernel,
    int plusClass,
    int minusClass,
    String dataset,
    String nnArchitecture,
    String svmSolver,
    double svmTimeLimit,
    Integer width,
    String preset,
    long seed,
    Long svmIterations,
    String svmForm,
    int trainExamples,
    int testExamples,
    String svmStop,
    double svmTolerance,
    int svmWindow,
    RotationCentre augmentationCentre,
    boolean conjugateSvm,
    String loss,
    Double initScale,
    String whiten,
    Boolean bias,
    List<Integer> hidden,
    String activation,
    String batchSize) {

  /** The original script's spellings of the architecture. */
  public static final List<String> ARCHITECTURES = List.of("VGG", "MLP", "Sum");
  /** Accepted SVM solvers ({@code sklearn} and {@code liblinear} are the same). */
  public static final List<String> SOLVERS = List.of("exact", "jst1", "jst2", "sklearn", "liblinear");
  /** Accepted SVM stop rules. */
  public static final List<String> SVM_STOPS = List.of("time-limit", "converged", "kkt");
  /** The iteration cap of {@code svm-stop: converged} when {@code svm-iterations} is not given. */
  public static final long DEFAULT_CONVERGED_CAP = 1_000_000;

  public ExperimentConfig {
    check(maxNumEpochs >= 0, "max-num-epochs", maxNumEpochs, ">= 0");
    check(trainingLossTarget == null || trainingLossTarget > 0, "training-loss-target", trainingLossTarget, "> 0");
    check(learningRate == null || (learningRate > 0 && !learningRate.isInfinite()), "learning-rate", learningRate, "> 0");
    check(filterSize >= 1, "filter-size", filterSize, ">= 1");
    check(poolSize >= 1, "pool-size", poolSize, ">= 1");
    check(numParameters >= 1, "num-parameters", numParameters, ">= 1");
    check(numBlocks >= 1, "num-blocks", numBlocks, ">= 1");
    check(numLayers >= 1, "num-layers", numLayers, ">= 1");
    check(numRuns >= 1, "num-runs", numRuns, ">= 1");
    for (int v : new int[] {numTranslations, numZooms, numSwaps, numRotations, kerAlignmentSampleSize,
        effectiveRankSampleSize}) {
      check(v >= 0, "sample sizes (num-translations, ...)", v, ">= 0");
    }
    check(Double.isFinite(rotationAngle), "rotation-angle", rotationAngle, "a finite number");
    check(svmTimeLimit > 0, "svm-time-limit", svmTimeLimit, "> 0 seconds");
    check(width == null || width >= 1, "width", width, ">= 1");
    check(svmIterations == null || svmIterations >= 1, "svm-iterations", svmIterations, ">= 1");
    check(trainExamples >= 0, "train-examples", trainExamples, ">= 0 (0: all)");
    check(testExamples >= 0, "test-examples", testExamples, ">= 0 (0: all)");
    check(SVM_STOPS.contains(svmStop), "svm-stop", svmStop, "one of " + SVM_STOPS);
    check(svmTolerance > 0 && svmTolerance < 1, "svm-tolerance", svmTolerance, "in (0, 1)");
    check(svmWindow >= 1, "svm-window", svmWindow, ">= 1");
    try {
      new ClassPair(minusClass, plusClass);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("minus-class/plus-class: " + e.getMessage());
    }
    Dataset.fromName(dataset);
    nnArchitecture = originalArchitectureName(nnArchitecture);
    check(SOLVERS.contains(svmSolver), "svm-solver", svmSolver, "one of " + SOLVERS);
    check(List.of("auto", "primal", "dual").contains(svmForm), "svm-form", svmForm, "auto, primal or dual");
    check(preset == null || NetworkSpec.PRESETS.contains(preset), "preset", preset, "one of " + NetworkSpec.PRESETS);
    if (preset != null) {
      // The preset decides the architecture: record it, so results never say VGG for a preset MLP.
      nnArchitecture = NetworkSpec.preset(preset, 1, 1, 1).architecture().originalName();
    }
    if (augmentationCentre == null) {
      augmentationCentre = RotationCentre.KERAS;
    }
    if (loss != null) {
      loss = LossFunction.parseBinary(loss).cliName();
    }
    if (whiten != null) {
      WhiteningSpec.parse(whiten);
    }
    if (batchSize != null) {
      TrainConfig.parseBatchSize(batchSize);
    }
    Activation.ofStudy(activation);
    if (testAccuracyOutput != null && testAccuracyOutput.isBlank()) {
      testAccuracyOutput = null;
    }
  }

  /** The original's spelling (VGG, MLP, Sum) of an architecture name given in any case. */
  private static String originalArchitectureName(String name) {
    for (String a : ARCHITECTURES) {
      if (a.equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("nn-architecture is '" + name + "', expected one of " + ARCHITECTURES);
  }

  private static void check(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(field + " is " + value + ", expected " + expected);
    }
  }

  /** The original script's defaults (and this port's for its additions). */
  public static ExperimentConfig defaults() {
    return new ExperimentConfig(1000, null, null, "/tmp/ak.txt", "/tmp/ak_model.txt", 3, 2, 1e5, 2, 4, 5,
        0, 0, 0, 0, 0, 0, 0.25, false, false, false, 8, 3, "mnist", "VGG", "jst1", 120.0, null, null, 1,
        null, "auto", 0, 0, "time-limit", 1e-4, 100, RotationCentre.KERAS, false, null, null, null, null, null, null,
        null);
  }

  /** The dataset. */
  public Dataset datasetValue() {
    return Dataset.fromName(dataset);
  }

  /** The binary task. */
  public ClassPair classes() {
    return new ClassPair(minusClass, plusClass);
  }

  /** The training augmentation: the original's about {@code augmentationCentre}, or none. */
  public Augmentation augmentation() {
    return useAugmentation ? Augmentation.original(augmentationCentre) : Augmentation.NONE;
  }

  /** The SGD learning rate actually used. */
  public double effectiveLearningRate() {
    return learningRate == null ? 0.01 : learningRate;
  }

  /** The solver name of the linear package ({@code sklearn} is LIBLINEAR). */
  public String solverName() {
    return svmSolver.equals("sklearn") ? "liblinear" : svmSolver;
  }

  /**
   * The network: a preset's (the paper's widths), else the architecture with {@code width}, else
   * with the original script's width rule applied to {@code numParameters}.
   */
  public NetworkSpec networkSpec() {
    Dataset d = datasetValue();
    String base = preset != null ? preset : nnArchitecture.toLowerCase(Locale.ROOT);
    NetworkSpec p = NetworkSpec.preset(base, d.height(), d.width(), d.channels());
    NetworkSpec s = new NetworkSpec(p.architecture(), p.width(), numBlocks, numLayers, filterSize, poolSize,
        p.height(), p.imageWidth(), p.channels());
    if (width != null) {
      s = s.withWidth(width);
    } else if (preset == null && hidden == null) {
      s = s.withParameterBudget(numParameters);
    }
    return s.withSettings(hidden, Activation.ofStudy(activation), bias, initScale);
  }

  /** The training of a run seeded {@code seed} for {@code epochs} epochs (the cap with a loss target). */
  public TrainConfig trainConfig(int epochs, long seed) {
    return new TrainConfig(epochs, effectiveLearningRate(), batchSize == null ? 32 : TrainConfig.parseBatchSize(batchSize),
        trainingLossTarget, augmentation(), seed, LossFunction.parseBinary(loss));
  }

  /** The input whitening's regularizer (null: inputs are not whitened). */
  public Double whiteningEps() {
    return whiten == null ? null : WhiteningSpec.parse(whiten);
  }

  /** The architecture as the original spells it in its TSV row. */
  public String architectureName() {
    return networkSpec().architecture().originalName();
  }

  /** True when the SVM stops after a fixed number of iterations rather than a time budget. */
  public boolean svmByIterations() {
    return svmIterations != null;
  }

  /** The SVM's stop rule: the time limit, the iteration count, or convergence (capped). */
  public StopRule svmStopRule() {
    if (svmSolver.equals("exact")) {
      // The exact solver stops at its KKT tolerance only (rounds cap it): time and margin rules
      // would make it inexact, so without svm-stop kkt it uses the default tolerance.
      return StopRule.kkt(svmStop.equals("kkt") ? svmTolerance : StopRule.DEFAULT_KKT_TOLERANCE,
          svmIterations != null ? svmIterations : org.afterkernel.linear.ExactSvm.DEFAULT_ROUNDS);
    }
    if (svmStop.equals("kkt")) {
      return StopRule.kkt(svmTolerance, svmIterations != null ? svmIterations : DEFAULT_CONVERGED_CAP);
    }
    if (svmStop.equals("converged")) {
      return StopRule.converged(svmTolerance, svmWindow, svmIterations != null ? svmIterations : DEFAULT_CONVERGED_CAP);
    }
    return svmByIterations() ? StopRule.iterations(svmIterations) : StopRule.timeLimit(svmTimeLimit);
  }

  /** A copy with {@code maxNumEpochs} replaced (sweeps measure one trajectory at several epochs). */
  public ExperimentConfig withMaxNumEpochs(int epochs) {
    return new ExperimentConfig(epochs, trainingLossTarget, learningRate, testAccuracyOutput, modelSummaryOutput,
        filterSize, poolSize, numParameters, numBlocks, numLayers, numRuns, numTranslations, numZooms, numSwaps,
        numRotations, kerAlignmentSampleSize, effectiveRankSampleSize, rotationAngle, useAugmentation,
        trainLinearModel, useConjugateKernel, plusClass, minusClass, dataset, nnArchitecture, svmSolver,
        svmTimeLimit, width, preset, seed, svmIterations, svmForm, trainExamples, testExamples, svmStop,
        svmTolerance, svmWindow, augmentationCentre, conjugateSvm, loss, initScale, whiten, bias, hidden, activation,
        batchSize);
  }
}
