package org.afterkernel.experiment;

import java.util.Locale;
import org.afterkernel.AkException;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.FeatureScale;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.ExactSvm;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.MaxMarginSolver;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.Solvers;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.SvmEvaluation;
import org.afterkernel.linear.TrainingSet;

/**
 * The script's linear model on the kernel: features of the whole training and test sets (gradient
 * or conjugate), divided by Z = 1e-4 + the mean training-feature norm, then the max-margin solver.
 * The dual form (the same iterates on the Gram matrix) is used when there are more features than
 * training examples, unless the configuration forces a form; it is the only form that never holds
 * the features (mega-VGG's would be 43 GB).
 */
final class SvmStage {
  private SvmStage() {}

  /** Which form the configuration resolves to for {@code features} features and {@code n} examples. */
  static String form(ExperimentConfig c, long features, int n, MaxMarginSolver solver) {
    String form = c.svmForm().equals("auto") ? (features > n && solver.supportsGram() ? "dual" : "primal")
        : c.svmForm();
    if (form.equals("dual") && !solver.supportsGram()) {
      throw new AkException("svm-solver " + c.svmSolver() + " needs features (primal form); it cannot use svm-form dual");
    }
    return form;
  }

  /** Fits and evaluates the SVM for run {@code seed}. */
  static SvmEvaluation run(ExperimentConfig c, MeasuredNetwork net, LabeledImages train, LabeledImages test,
      long seed, Progress progress) {
    return run(c, net, c.useConjugateKernel() ? FeatureKind.CONJUGATE : FeatureKind.NTK, train, test, seed, progress);
  }

  /** Fits and evaluates the SVM on the {@code kind} kernel of the network. */
  static SvmEvaluation run(ExperimentConfig c, MeasuredNetwork net, FeatureKind kind, LabeledImages train,
      LabeledImages test, long seed, Progress progress) {
    SvmProblem p = problem(c, net, kind, train, test, progress);
    MaxMarginSolver solver = Solvers.create(c.solverName(), seed);
    // The exact solver reports its rounds in the stage's line; JST's per-iteration steps would be
    // counted as the stage's feature rows, so they stay silent.
    Solution s = solver.fit(p.train(), c.svmStopRule(), solver instanceof ExactSvm ? progress : Progress.silent());
    return SvmEvaluation.of(s, p.test(), p.testLabels());
  }

  /** The scaled training and test data of the {@code kind} kernel, in the form the config resolves to. */
  static SvmProblem problem(ExperimentConfig c, MeasuredNetwork net, FeatureKind kind, LabeledImages train,
      LabeledImages test, Progress progress) {
    FeatureMap map = net.kernel(kind);
    MaxMarginSolver solver = Solvers.create(c.solverName(), c.seed());
    Labels trainLabels = Labels.of(train.labels()).requireBothClasses();
    Labels testLabels = Labels.of(test.labels());
    String form = form(c, map.dimension(), train.count(), solver);
    if (form.equals("dual")) {
      Kernel.Matrices k = Kernel.of(map).compute(train.images(), test.images(), progress);
      double z = FeatureScale.fromGram(k.gram());
      FeatureScale.divideInPlace(k.gram(), z * z);
      FeatureScale.divideInPlace(k.cross(), z * z);
      return new SvmProblem(new TrainingSet.Gram(k.gram(), trainLabels), k.cross(), testLabels, 0);
    }
    checkFeaturesFit(map.dimension(), train.count(), test.count());
    map = net.features(kind);
    DenseMatrix xTrain = map.features(train.images(), progress);
    DenseMatrix xTest = map.features(test.images(), progress);
    double z = FeatureScale.fromFeatures(xTrain);
    FeatureScale.divideInPlace(xTrain, z);
    FeatureScale.divideInPlace(xTest, z);
    return new SvmProblem(new TrainingSet.Features(xTrain, trainLabels), xTest, testLabels, 0);
  }

  /** Refuses, with the numbers, features that cannot be held in the heap. */
  private static void checkFeaturesFit(long features, int trainExamples, int testExamples) {
    int examples = trainExamples + testExamples;
    double bytes = 4.0 * features * examples;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (features * (long) Math.max(trainExamples, testExamples) > Integer.MAX_VALUE - 8 || bytes > free) {
      throw new AkException(String.format(Locale.ROOT,
          "the primal SVM needs the features of %,d examples x %,d = %.1f GB in one Java array, but %.1f GB of"
              + " heap is free (and an array holds at most 2^31 values): use svm-form dual (or auto)",
          examples, features, bytes / 1e9, free / 1e9));
    }
  }
}
