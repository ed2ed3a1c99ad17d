package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Progress;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.MultiplyAdds;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.train.EpochStats;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench train}: one training epoch's throughput and achieved GFLOP/s, printed beside
 * TensorFlow's MatMul rate measured in the same run.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training throughput (examples/s, GFLOP/s) against TensorFlow's MatMul rate here.")
public final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin NetworkOptions network;

  @Option(names = "--epochs", defaultValue = "1", description = "Timed epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--matmul-seconds", defaultValue = "5", description = "Seconds of MatMul timing (default ${DEFAULT-VALUE}).")
  double matmulSeconds;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    NetworkSpec netSpec = network.spec(data.dataset());
    LabeledImages train = Datasets.load(data.dataDir(), data.dataset(), Split.TRAIN, data.classes(), 0);
    MatMulBracket reference = MatMulBracket.start(matmulSeconds);
    double seconds = 0;
    long examples = 0;
    try (Model model = Model.create(netSpec, 1)) {
      Trainer trainer = new Trainer(model, train.first(640), TrainConfig.defaults(1, 1));
      trainer.trainEpoch(Progress.silent()); // warm-up: graph optimisation, allocator, kernels
      Trainer timed = new Trainer(model, train, TrainConfig.defaults(epochs, 2));
      for (int e = 0; e < epochs; e++) {
        try (Progress p = Progress.start("bench epoch " + (e + 1), train.count(), "examples")) {
          EpochStats s = timed.trainEpoch(p);
          seconds += s.seconds();
          examples += train.count();
        }
      }
      double matmul = reference.finish();
      long macs = MultiplyAdds.training(model);
      double rate = examples / seconds;
      double gflops = rate * 2.0 * macs / 1e9;
      o.printf(Locale.ROOT, "network           %s, %,d parameters%n", netSpec.label(), model.parameterCount());
      o.printf(Locale.ROOT, "training          %,d examples in %.2f s: %.0f examples/s (batch 32)%n", examples, seconds, rate);
      o.printf(Locale.ROOT, "work              %.2f MFLOP per example per step (2 x %,d multiply-adds)%n", 2.0 * macs / 1e6, macs);
      o.printf(Locale.ROOT, "achieved          %.1f GFLOP/s%n", gflops);
      reference.print(o, "TF MatMul 2048^2  ");
      o.printf(Locale.ROOT, "ratio             %.1f%% of the MatMul rate%n", 100 * gflops / matmul);
    }
    return 0;
  }
}
