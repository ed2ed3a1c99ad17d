package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureBenchmark;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench features}: per-example gradient throughput of the batched path against the
 * reference path, and the Gram products' GFLOP/s against TensorFlow's MatMul rate, in one run.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Batched vs reference per-example gradients, and Gram GFLOP/s vs TensorFlow's MatMul rate.")
public final class BenchFeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin NetworkOptions network;

  @Option(names = "--examples", defaultValue = "2048",
      description = "Training examples through the batched path (default ${DEFAULT-VALUE}).")
  int examples;

  @Option(names = "--reference-examples", defaultValue = "100",
      description = "Examples through the reference path (default ${DEFAULT-VALUE}).")
  int referenceExamples;

  @Option(names = "--gram-rows", defaultValue = "2048",
      description = "Rows of the timed Gram matrix (default ${DEFAULT-VALUE}).")
  int gramRows;

  @Option(names = "--matmul-seconds", defaultValue = "5", description = "Seconds of MatMul timing (default ${DEFAULT-VALUE}).")
  double matmulSeconds;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    NetworkSpec netSpec = network.spec(data.dataset());
    LabeledImages train = Datasets.load(data.dataDir(), data.dataset(), Split.TRAIN, data.classes(),
        Math.max(examples, gramRows));
    MatMulBracket reference = MatMulBracket.start(matmulSeconds);
    FeatureBenchmark.Result r;
    try (Model m = Model.create(netSpec, 1);
        Progress p = Progress.start("bench features", (long) train.count() + referenceExamples, "examples")) {
      r = FeatureBenchmark.run(m, train.images(), referenceExamples, gramRows, p);
    }
    double matmul = reference.finish();
    o.printf(Locale.ROOT, "network            %s, %,d features per example%n", netSpec.label(), r.features());
    o.printf(Locale.ROOT, "batched            %,d examples in %.2f s: %.1f examples/s%n", r.batchedExamples(),
        r.batchedSeconds(), r.batchedRate());
    o.printf(Locale.ROOT, "reference          %,d examples in %.2f s: %.1f examples/s%n", r.referenceExamples(),
        r.referenceSeconds(), r.referenceRate());
    o.printf(Locale.ROOT, "batched/reference  %.1fx%n", r.batchedRate() / r.referenceRate());
    o.printf(Locale.ROOT, "Gram %,d x %,d      %.2f s, %.1f GFLOP/s (%.3g multiply-adds, upper block triangle)%n",
        r.gramRows(), r.gramRows(), r.gramSeconds(), r.gramGflops(), r.gramMultiplyAdds());
    reference.print(o, "TF MatMul 2048^2   ");
    o.printf(Locale.ROOT, "Gram/MatMul        %.1f%%%n", 100 * r.gramGflops() / matmul);
    return 0;
  }
}
