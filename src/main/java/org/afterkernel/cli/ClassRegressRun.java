package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.kernel.EnsembleKernel;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.kernel.MultiOutputKernel;
import org.afterkernel.linear.Agreement;
import org.afterkernel.linear.ClassRegression;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.ModelDirectory;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.OutputHead;

/**
 * {@code ak regress --classes all}: one-hot kernel regression on the ten-class task, with a
 * C-output network's full kernel ({@code --outputs full}, one regression of the flattened targets)
 * or its trace ({@code --outputs trace}), or with a scalar kernel shared by every class (an
 * ensemble's infinite-width estimate, or a one-output network's kernel: one regression per class).
 */
final class ClassRegressRun {
  private final RegressCommand r;

  ClassRegressRun(RegressCommand command) {
    this.r = command;
  }

  int run(PrintWriter o) {
    if (r.gram != null) {
      throw new AkException("--gram with --classes all: give --model or --ensemble (Gram files take a binary task)");
    }
    MultiOutputKernel.Mode mode = r.outputsOption.mode();
    if (r.ensemble != null && mode != null) {
      throw new AkException("--ensemble averages one-output networks (a scalar kernel for every class): drop --outputs");
    }
    long t0 = System.nanoTime();
    LabeledImages train = r.data.load(Split.TRAIN, r.trainFirst);
    LabeledImages test = r.data.load(Split.TEST, r.testFirst);
    int classes = r.data.outputs();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("data", r.data.dataName());
    long budget = (long) (r.memoryBudgetGb * (1L << 30));
    ClassRegression fit;
    float[] network = null;
    try {
      if (r.ensemble != null) {
        NetworkSpec s = r.model.network.spec(r.data.imageShape());
        Kernel.Matrices m;
        try (Progress p = Progress.start("ensemble", r.ensemble, "networks")) {
          m = EnsembleKernel.average(s, r.model.seed, r.ensemble, r.features.kind(), train.images(), test.images(),
              budget, p);
        }
        record.put("kernel", Map.of("ensemble", r.ensemble, "network", s, "seeds", r.model.seed + ".."
            + (r.model.seed + r.ensemble - 1), "estimate", "mean finite kernel of the ensemble: an estimate of the"
            + " infinite-width kernel, used for every class (K x I)"));
        fit = ClassRegression.withScalarKernel(m.gram(), m.cross(), train.labels(), classes, r.ridge);
      } else if (mode != null) {
        try (OutputModels models = OutputModels.open(r.model, r.data.imageShape(), r.data.dataName(), classes)) {
          if (models.outputs() != classes) {
            throw new AkException(r.model.modelDir + ": the network has " + models.outputs() + " outputs, the"
                + " task has " + classes + " classes");
          }
          Kernel.Matrices m = MultiOutputKernel.compute(mode, models.maps(Implementation.STRUCTURED),
              train.images(), test.images(), budget, Progress.silent());
          fit = mode == MultiOutputKernel.Mode.FULL
              ? ClassRegression.withFullKernel(m.gram(), m.cross(), train.labels(), classes, r.ridge)
              : ClassRegression.withScalarKernel(m.gram(), m.cross(), train.labels(), classes, r.ridge);
        }
        record.put("kernel", Map.of("model", r.model.describe(r.data.imageShape()), "outputs", mode.cliName()));
        network = trainedOutputs(test);
      } else {
        try (Model net = r.model.open(r.data.imageShape(), r.data.dataName())) {
          Kernel.Matrices m = Kernel.of(FeatureMap.of(net, r.features.kind(), Implementation.STRUCTURED))
              .withMemoryBudget(budget).compute(train.images(), test.images(), Progress.silent());
          fit = ClassRegression.withScalarKernel(m.gram(), m.cross(), train.labels(), classes, r.ridge);
        }
        record.put("kernel", Map.of("model", r.model.describe(r.data.imageShape()), "outputs",
            "the network's one logit: its kernel used for every class (K x I)"));
      }
    } catch (IllegalArgumentException e) {
      throw new AkException("regress: " + e.getMessage());
    }
    record.put("kind", r.features.kind().cliName());
    record.put("classes", "all");
    double[] yTrain = ClassRegression.oneHot(train.labels(), classes);
    double[] yTest = ClassRegression.oneHot(test.labels(), classes);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("trainError", ClassRegression.error(fit.trainPredictions(), classes, train.labels()));
    results.put("trainMse", Agreement.meanSquaredError(fit.trainPredictions(), yTrain));
    results.put("testError", ClassRegression.error(fit.testPredictions(), classes, test.labels()));
    results.put("testMse", Agreement.meanSquaredError(fit.testPredictions(), yTest));
    results.put("targets", "one-hot; error: the largest of the " + classes + " predictions is not the class;"
        + " MSE: mean over examples and classes");
    results.put("ridge", r.ridge);
    results.put("rank", fit.rank());
    results.put("eigenvalues", Map.of("smallest", fit.smallestEigenvalue(), "largest", fit.largestEigenvalue()));
    double[] probabilities = null;
    if (network != null) {
      double[] logits = new double[network.length];
      for (int i = 0; i < logits.length; i++) {
        logits[i] = network[i];
      }
      probabilities = ClassRegression.softmaxRows(logits, classes);
      Agreement a = Agreement.of(fit.testPredictions(), probabilities);
      results.put("network", Map.of("testError", ClassRegression.error(logits, classes, test.labels()),
          "classAgreement", ClassRegression.classAgreement(fit.testPredictions(), logits, classes),
          "pearsonWithProbabilities", a.pearson(), "meanSquaredDifferenceWithProbabilities",
          a.meanSquaredDifference()));
    }
    record.put("trainExamples", train.count());
    record.put("testExamples", test.count());
    record.put("results", results);
    record.put("seconds", (System.nanoTime() - t0) / 1e9);
    record.put("provenance", Provenance.current());
    try (StagedOutputs outputs = new StagedOutputs()) {
      Path dir = outputs.directory(r.out);
      long[] testShape = {test.count(), classes};
      Npy.writeDoubles(dir.resolve("predictions-test.npy"), testShape, fit.testPredictions());
      Npy.writeDoubles(dir.resolve("predictions-train.npy"), new long[] {train.count(), classes},
          fit.trainPredictions());
      Npy.writeDoubles(dir.resolve("targets-test.npy"), testShape, yTest);
      if (probabilities != null) {
        Npy.writeDoubles(dir.resolve("network-test.npy"), testShape, probabilities);
        Npy.writeFloats(dir.resolve("network-logits-test.npy"), testShape, network);
      }
      Json.write(dir.resolve("regress.json"), record);
      outputs.commit();
    }
    o.printf(Locale.ROOT, "one-hot kernel regression on %,d training images, %d classes (rank %d, ridge %s): train"
        + " error %.4f, test error %.4f, test MSE %.4f%n", train.count(), classes, fit.rank(), r.ridge,
        results.get("trainError"), results.get("testError"), results.get("testMse"));
    if (network != null) {
      @SuppressWarnings("unchecked")
      Map<String, Double> n = (Map<String, Double>) results.get("network");
      o.printf(Locale.ROOT, "network test error %.4f; regressor vs network: same class %.4f, Pearson with its"
          + " probabilities %.4f%n", n.get("testError"), n.get("classAgreement"), n.get("pearsonWithProbabilities"));
    }
    o.printf("wrote %s%n", r.out);
    return 0;
  }

  /** The trained network's outputs on the test images ({@code [m, C]}), even with --initial. */
  private float[] trainedOutputs(LabeledImages test) {
    ModelOptions mo = r.model;
    try (Model net = mo.modelDir != null && ModelDirectory.isModelDirectory(mo.modelDir)
        ? ModelDirectory.open(mo.modelDir, ModelDirectory.Stage.TRAINED, OutputHead.index(0))
        : mo.open(r.data.imageShape(), r.data.dataName(), OutputHead.index(0), r.data.outputs())) {
      return net.outputs(test.images());
    }
  }
}
