package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.nn.MultiplyAdds;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.kernel.FeatureBenchmark;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench features}: per-example gradient throughput of the batched path against the
 * earlier batched-patches path, the reference path, optionally PyTorch functorch on the same
 * network, and the floor (the counted work at TensorFlow's MatMul rate); the batched path stage
 * by stage; the Gram products' GFLOP/s against the MatMul rate. All in one run.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Per-example gradients: batched vs earlier batched-patches vs reference paths (and"
        + " optionally functorch), against the floor at TensorFlow's MatMul rate; Gram GFLOP/s.")
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

  @Option(names = "--repeats", defaultValue = "3",
      description = "Timed passes of the batched paths (and of the peer, alternating) (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--stage-examples", defaultValue = "1024",
      description = "Examples of the stage-by-stage timing of the batched path (default ${DEFAULT-VALUE}).")
  int stageExamples;

  @Option(names = "--peer", defaultValue = "none", paramLabel = "none|functorch",
      description = "Also time PyTorch functorch vmap(grad) on the same network, batch size and threads,"
          + " back to back with each pass (" + FunctorchPeer.SCRIPT + "; optional) (default ${DEFAULT-VALUE}).")
  String peer;

  @Option(names = "--peer-batch-size", paramLabel = "N",
      description = "The peer's batch size (default: afterkernel's, e.g. 256 for vgg and mlp).")
  Integer peerBatchSize;

  @Option(names = "--peer-python", paramLabel = "PYTHON",
      description = "Python for the peer (default: $AK_PEER_PYTHON, else python3, else /usr/bin/python3).")
  String peerPython;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    if (!peer.equals("none") && !peer.equals("functorch")) {
      throw new ParameterException(spec.commandLine(), "--peer is '" + peer + "', expected none or functorch");
    }
    if (repeats < 1 || examples < 1 || (peerBatchSize != null && peerBatchSize < 1)) {
      throw new ParameterException(spec.commandLine(), "--repeats, --examples and --peer-batch-size must be >= 1");
    }
    String loadBefore = Load.now();
    NetworkSpec netSpec = network.spec(data.dataset());
    LabeledImages train = Datasets.load(data.dataDir(), data.dataset(), Split.TRAIN, data.classes(),
        Math.max(examples, gramRows));
    Images timed = train.images().slice(0, Math.min(examples, train.count()));
    int threads = TensorFlowRuntime.intraOpThreads() > 0 ? TensorFlowRuntime.intraOpThreads()
        : Runtime.getRuntime().availableProcessors();
    FunctorchPeer functorch = peer.equals("functorch") ? FunctorchPeer.locate(null, peerPython) : null;
    List<FunctorchPeer.Measurement> peers = new ArrayList<>();
    MatMulBracket reference = MatMulBracket.start(matmulSeconds);
    FeatureBenchmark.Result r;
    long macs;
    try (Model m = Model.create(netSpec, 1);
        Progress p = Progress.start("bench features", 2L * repeats * timed.count() + referenceExamples, "examples")) {
      macs = MultiplyAdds.training(m);
      int batch = FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED).batchSize();
      r = FeatureBenchmark.run(m, timed, new FeatureBenchmark.Plan(repeats, referenceExamples, gramRows,
          stageExamples), rep -> {
            if (functorch != null) {
              p.status("peer functorch, pass " + (rep + 1));
              peers.add(functorch.measure(netSpec, peerBatchSize != null ? peerBatchSize : batch,
                  timed.count(), 1, threads));
            }
          }, p);
    }
    double matmul = reference.finish();
    new BenchFeaturesReport(o, netSpec, r, threads, macs, matmul, peers).print();
    reference.print(o, "TF MatMul 2048^2   ");
    o.printf(Locale.ROOT, "load               %s at the start, %s at the end (1, 5, 15 min; %d cores)%n",
        loadBefore, Load.now(), Runtime.getRuntime().availableProcessors());
    return 0;
  }
}
