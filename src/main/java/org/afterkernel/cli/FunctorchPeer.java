package org.afterkernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.afterkernel.io.Json;
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

  private final Path script;
  private final List<String> pythons;

  /** A peer measurement: the examples/s of each timed repetition, or why there is none. */
  record Measurement(boolean available, String reason, List<Double> rates, JsonNode json) {
    static Measurement unavailable(String reason) {
      return new Measurement(false, reason, List.of(), null);
    }
  }

  private FunctorchPeer(Path script, List<String> pythons) {
    this.script = script;
    this.pythons = pythons;
  }

  /**
   * The peer with {@code script} (null: the project's own, found beside the running jar) and the
   * Pythons to try: {@code python} if given, else {@code $AK_PEER_PYTHON}, {@code python3} on the
   * PATH and {@code /usr/bin/python3} (Debian's python3-torch) in this order.
   */
  static FunctorchPeer locate(Path script, String python) {
    Set<String> candidates = new LinkedHashSet<>();
    if (python != null) {
      candidates.add(python);
    } else {
      String env = System.getenv("AK_PEER_PYTHON");
      if (env != null && !env.isBlank()) {
        candidates.add(env);
      }
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
    }
    return new FunctorchPeer(script != null ? script : projectScript(), List.copyOf(candidates));
  }

  private static Path projectScript() {
    try {
      Path code = Path.of(FunctorchPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/afterkernel.jar or target/classes: the project root is two levels up.
      Path root = code.toAbsolutePath().getParent().getParent();
      return root.resolve(SCRIPT);
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of(SCRIPT);
    }
  }

  /** Times {@code spec}'s network in the peer: {@code repeats} passes of {@code examples}. */
  Measurement measure(NetworkSpec spec, int batchSize, int examples, int repeats, int threads) {
    if (!Files.isRegularFile(script)) {
      return Measurement.unavailable("no peer script at " + script);
    }
    if (spec.architecture() == Architecture.SUM) {
      return Measurement.unavailable("the peer script builds vgg and mlp networks only");
    }
    List<String> reasons = new ArrayList<>();
    for (String python : pythons) {
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      cmd.addAll(arguments(spec, batchSize, examples, repeats, threads));
      try {
        JsonNode j = runForJson(cmd);
        if (j.path("available").asBoolean(false)) {
          List<Double> rates = new ArrayList<>();
          j.path("examples_per_second").forEach(v -> rates.add(v.asDouble()));
          return new Measurement(true, null, rates, j);
        }
        reasons.add(python + ": " + j.path("reason").asText("no reason given"));
      } catch (IOException e) {
        reasons.add(python + ": " + e.getMessage());
      }
    }
    return Measurement.unavailable(String.join("; ", reasons));
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

  /** Runs {@code cmd} and parses the last line of its standard output as JSON. */
  private static JsonNode runForJson(List<String> cmd) throws IOException {
    Path err = Files.createTempFile("ak-peer", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out");
      }
      if (p.exitValue() != 0 || out.isEmpty()) {
        List<String> lines = Files.readAllLines(err);
        throw new IOException("exit " + p.exitValue() + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
      }
      return Json.MAPPER.readTree(out.substring(out.lastIndexOf('\n') + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
