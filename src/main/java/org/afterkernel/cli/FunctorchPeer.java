package org.afterkernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.nn.Architecture;
import org.afterkernel.nn.NetworkSpec;

/**
 * The peer measurement of {@code ak bench features --peer functorch}: runs {@code
 * tools/peer/functorch_features.py} (PyTorch functorch {@code vmap(grad)} on the same network,
 * batch size and thread count) with the first Python that has PyTorch, and reads its JSON line.
 * Optional by design: where no Python or no PyTorch is found the measurement is "unavailable" and
 * the benchmark goes on.
 */
final class FunctorchPeer {
  /** Where the script lives relative to the project root. */
  static final String SCRIPT = "tools/peer/functorch_features.py";

  private final PeerScript peer;

  /** A peer measurement: the examples/s of each timed repetition, or why there is none. */
  record Measurement(boolean available, String reason, List<Double> rates, JsonNode json) {
    static Measurement unavailable(String reason) {
      return new Measurement(false, reason, List.of(), null);
    }
  }

  private FunctorchPeer(PeerScript peer) {
    this.peer = peer;
  }

  /**
   * The peer with {@code script} (null: the project's own, found beside the running jar) and the
   * Pythons to try: {@code python} if given, else {@code $AK_PEER_PYTHON}, {@code python3} on the
   * PATH and {@code /usr/bin/python3} (Debian's python3-torch) in this order.
   */
  static FunctorchPeer locate(Path script, String python) {
    return new FunctorchPeer(PeerScript.locate(SCRIPT, script, python));
  }

  /** Times {@code spec}'s network in the peer: {@code repeats} passes of {@code examples}. */
  Measurement measure(NetworkSpec spec, int batchSize, int examples, int repeats, int threads) {
    if (spec.architecture() == Architecture.SUM) {
      return Measurement.unavailable("the peer script builds vgg and mlp networks only");
    }
    JsonNode j = peer.run(arguments(spec, batchSize, examples, repeats, threads), 10);
    if (!j.path("available").asBoolean(false)) {
      return Measurement.unavailable(j.path("reason").asText());
    }
    List<Double> rates = new ArrayList<>();
    j.path("examples_per_second").forEach(v -> rates.add(v.asDouble()));
    return new Measurement(true, null, rates, j);
  }

  private static List<String> arguments(NetworkSpec spec, int batchSize, int examples, int repeats, int threads) {
    boolean vgg = spec.architecture() == Architecture.VGG;
    return List.of("--arch", vgg ? "vgg" : "mlp", "--width", Integer.toString(spec.width()),
        "--num-blocks", Integer.toString(spec.numBlocks()), "--num-layers", Integer.toString(spec.numLayers()),
        "--filter-size", Integer.toString(spec.filterSize()), "--pool-size", Integer.toString(spec.poolSize()),
        "--height", Integer.toString(spec.height()), "--image-width", Integer.toString(spec.imageWidth()),
        "--channels", Integer.toString(spec.channels()), "--batch-size", Integer.toString(batchSize),
        "--examples", Integer.toString(examples), "--repeats", Integer.toString(repeats),
        "--threads", Integer.toString(threads));
  }
}
