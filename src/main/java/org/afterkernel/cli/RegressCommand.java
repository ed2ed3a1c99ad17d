package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
import org.afterkernel.linear.Agreement;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.KernelRegression;
import org.afterkernel.linear.Labels;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.ModelDirectory;
import org.afterkernel.nn.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ak regress}: kernel regression of the +-1 targets (one-hot with {@code --classes all},
 * {@link ClassRegressRun}) with a network's tangent (or conjugate)
 * kernel, an ensemble estimate of the infinite-width kernel, or given Gram files; training and
 * test error and MSE, and — with a network — how its test predictions agree with the network's
 * outputs (the silent-alignment paper's figure 1b-c).
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
    description = {"Kernel (ridge or ridgeless) regression with a network's kernel (--model [--initial]), the mean"
        + " kernel of --ensemble M fresh networks, or --gram/--cross files; errors, MSE and agreement with the network."})
public final class RegressCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin DataOptions data;
  @Mixin ImagesOptions own;
  @Mixin FeatureOptions features;
  @Mixin OutputsOptions outputsOption;

  @Option(names = "--train-first", paramLabel = "N", defaultValue = "1000",
      description = "Regress on the first N training images (default ${DEFAULT-VALUE}; 0 = all).")
  int trainFirst;

  @Option(names = "--test-first", paramLabel = "N", defaultValue = "1000",
      description = "Predict the first N test images (default ${DEFAULT-VALUE}; 0 = all).")
  int testFirst;

  @Option(names = "--ridge", paramLabel = "L", defaultValue = "0",
      description = "Ridge added to the Gram's diagonal (default 0: ridgeless, the minimum-norm least-squares solution).")
  double ridge;

  @Option(names = "--ensemble", paramLabel = "M",
      description = "Average the kernels of M fresh networks (--arch, --width, seeds --seed..): the infinite-width estimate.")
  Integer ensemble;

  @Option(names = "--gram", paramLabel = "K.npy", description = "A training Gram K(train, train) instead of a model.")
  Path gram;

  @Option(names = "--cross", paramLabel = "C.npy", description = "With --gram: K(test, train).")
  Path cross;

  @Option(names = "--train-labels", paramLabel = "Y.npy", description = "With --gram: 0/1 training labels.")
  Path trainLabels;

  @Option(names = "--memory-budget", paramLabel = "GB", defaultValue = "3",
      description = "Gigabytes of features held at once (default ${DEFAULT-VALUE}).")
  double memoryBudgetGb;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "regress.json and predictions-test.npy, predictions-train.npy, targets-test.npy (+ network-test.npy).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    data.withOwn(own);
    data.requireLabels("regress");
    if (gram != null && own.given()) {
      throw new ParameterException(spec.commandLine(), "--gram takes Gram files: drop --images");
    }
    if (data.allClasses()) {
      TrainCommand.checkWritable(out);
      return new ClassRegressRun(this).run(o);
    }
    if (outputsOption.mode() != null) {
      throw new AkException("--outputs is for the ten-class task (--classes all): a binary task regresses one logit");
    }
    boolean files = gram != null;
    Path testLabels = own.testLabels;
    if (files && (cross == null || trainLabels == null || testLabels == null)) {
      throw new ParameterException(spec.commandLine(), "--gram needs --cross, --train-labels and --test-labels");
    }
    if (files && (model.modelDir != null || ensemble != null)) {
      throw new ParameterException(spec.commandLine(), "--gram cannot be combined with --model or --ensemble");
    }
    if (ensemble != null && model.modelDir != null) {
      throw new ParameterException(spec.commandLine(), "--ensemble averages fresh networks: drop --model");
    }
    TrainCommand.checkWritable(out);
    long t0 = System.nanoTime();
    Map<String, Object> record = new LinkedHashMap<>();
    DenseMatrix k;
    DenseMatrix c;
    Labels yTrain;
    Labels yTest;
    double[] network = null;
    if (files) {
      k = SvmInputs.matrix(gram, "Gram");
      c = SvmInputs.matrix(cross, "cross kernel");
      yTrain = SvmInputs.labels(trainLabels, k.rows(), gram);
      yTest = SvmInputs.labels(testLabels, c.rows(), cross);
      if (c.cols() != k.rows()) {
        throw new AkException(cross + ": " + c.cols() + " columns, but " + gram + " has " + k.rows() + " training rows");
      }
      record.put("kernel", Map.of("gram", gram.toString(), "cross", cross.toString()));
    } else {
      LabeledImages train = data.load(Split.TRAIN, trainFirst);
      LabeledImages test = data.load(Split.TEST, testFirst);
      record.put("data", data.dataName());
      yTrain = Labels.of(train.labels());
      yTest = Labels.of(test.labels());
      long budget = (long) (memoryBudgetGb * (1L << 30));
      Kernel.Matrices m;
      if (ensemble != null) {
        NetworkSpec s = model.network.spec(data.imageShape());
        try (Progress p = Progress.start("ensemble", ensemble, "networks")) {
          m = EnsembleKernel.average(s, model.seed, ensemble, features.kind(), train.images(), test.images(), budget, p);
        }
        record.put("kernel", Map.of("ensemble", ensemble, "network", s, "seeds", model.seed + ".." + (model.seed + ensemble - 1),
            "estimate", "mean finite kernel of the ensemble: an estimate of the infinite-width kernel"));
      } else {
        try (Model net = model.open(data.imageShape(), data.dataName())) {
          m = Kernel.of(FeatureMap.of(net, features.kind(), Implementation.STRUCTURED)).withMemoryBudget(budget)
              .compute(train.images(), test.images(), Progress.silent());
        }
        record.put("kernel", Map.of("model", model.describe(data.imageShape())));
        network = networkOutputs(test);
      }
      k = m.gram();
      c = m.cross();
    }
    record.put("kind", features.kind().cliName());
    KernelRegression fit;
    try {
      fit = KernelRegression.fit(k, yTrain.signs(), ridge);
    } catch (IllegalArgumentException e) {
      throw new AkException("regress: " + e.getMessage());
    }
    double[] trainPred = fit.predict(k);
    double[] testPred = fit.predict(c);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("trainError", Agreement.signError(trainPred, yTrain.signs()));
    results.put("trainMse", Agreement.meanSquaredError(trainPred, yTrain.signs()));
    results.put("testError", Agreement.signError(testPred, yTest.signs()));
    results.put("testMse", Agreement.meanSquaredError(testPred, yTest.signs()));
    results.put("ridge", ridge);
    results.put("solver", ridge == 0 ? "ridgeless: pseudo-inverse over eigenvalues above n * float32 eps * max|lambda|"
        : "ridge: (K + ridge I)^-1 y by eigendecomposition");
    results.put("rank", fit.rank());
    results.put("eigenvalues", Map.of("smallest", fit.smallestEigenvalue(), "largest", fit.largestEigenvalue()));
    if (network != null) {
      Agreement a = Agreement.of(testPred, network);
      results.put("network", Map.of("testError", Agreement.signError(network, yTest.signs()), "pearson", a.pearson(),
          "signAgreement", a.signAgreement(), "meanSquaredDifference", a.meanSquaredDifference()));
    }
    record.put("trainExamples", k.rows());
    record.put("testExamples", c.rows());
    record.put("results", results);
    record.put("seconds", (System.nanoTime() - t0) / 1e9);
    record.put("provenance", Provenance.current());
    try (StagedOutputs outputs = new StagedOutputs()) {
      Path dir = outputs.directory(out);
      Npy.writeDoubles(dir.resolve("predictions-test.npy"), new long[] {testPred.length}, testPred);
      Npy.writeDoubles(dir.resolve("predictions-train.npy"), new long[] {trainPred.length}, trainPred);
      Npy.writeDoubles(dir.resolve("targets-test.npy"), new long[] {testPred.length}, yTest.signs());
      if (network != null) {
        Npy.writeDoubles(dir.resolve("network-test.npy"), new long[] {network.length}, network);
      }
      Json.write(dir.resolve("regress.json"), record);
      outputs.commit();
    }
    o.printf(Locale.ROOT, "kernel regression on %,d training images (rank %d, ridge %s): train error %.4f, test error"
        + " %.4f, test MSE %.4f%n", k.rows(), fit.rank(), ridge, results.get("trainError"), results.get("testError"),
        results.get("testMse"));
    if (network != null) {
      @SuppressWarnings("unchecked")
      Map<String, Double> n = (Map<String, Double>) results.get("network");
      o.printf(Locale.ROOT, "network test error %.4f; regressor vs network outputs: Pearson %.4f, signs agree %.4f,"
          + " mean squared difference %.4g%n", n.get("testError"), n.get("pearson"), n.get("signAgreement"),
          n.get("meanSquaredDifference"));
    }
    o.printf("wrote %s%n", out);
    return 0;
  }

  /** The trained network's outputs on the test images (a model directory's trained weights, even with --initial). */
  private double[] networkOutputs(LabeledImages test) {
    try (Model net = model.modelDir != null && ModelDirectory.isModelDirectory(model.modelDir)
        ? ModelDirectory.open(model.modelDir, ModelDirectory.Stage.TRAINED)
        : model.open(data.imageShape(), data.dataName())) {
      float[] f = net.logits(test.images());
      double[] out = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
      return out;
    }
  }
}
