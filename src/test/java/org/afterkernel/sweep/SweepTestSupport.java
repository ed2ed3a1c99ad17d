package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.afterkernel.data.TestData;

/** Small sweeps and separate sweep processes for the sweep tests. */
public final class SweepTestSupport {
  private SweepTestSupport() {}

  /** Writes a small sweep file: MLPs on MNIST subsets, epochs grid, a few cheap measures. */
  public static Path writeSweep(Path dir, String name, int runs, String extraCases) throws IOException {
    Path f = dir.resolve(name + ".json");
    Files.writeString(f, "{\"name\": \"" + name + "\", \"runs\": " + runs + ","
        + " \"base\": {\"train-examples\": 300, \"test-examples\": 80, \"train-linear-model\": true,"
        + " \"svm-iterations\": 40, \"num-swaps\": 40, \"ker-alignment-sample-size\": 30, \"preset\": \"mlp\"},"
        + " \"cases\": [{\"width\": 8}, {\"width\": 12, \"learning-rate\": 0.05}" + extraCases + "],"
        + " \"grid\": {\"max-num-epochs\": [0, 1, 3]}}");
    return f;
  }

  /** Starts {@code ak sweep run} in a separate JVM. */
  static Process start(Path sweep, Path out, String... extra) throws IOException {
    return start(sweep, out, out.resolveSibling(out.getFileName() + "-" + System.nanoTime() + ".log"), extra);
  }

  /** Starts {@code ak sweep run} in a separate JVM, its output going to {@code log}. */
  public static Process start(Path sweep, Path out, Path log, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-cp", System.getProperty("java.class.path"), "org.afterkernel.cli.Main", "sweep", "run",
        sweep.toString(), "--out", out.toString(), "--data-dir", TestData.sharedDataDir().toString()));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    pb.environment().put("AK_NO_TTY", "1");
    pb.environment().remove("SLURM_ARRAY_TASK_ID");
    pb.environment().remove("JOB_COMPLETION_INDEX");
    pb.environment().remove("AK_SHARD");
    pb.environment().remove("AK_THREADS");
    Files.createDirectories(out);
    return pb.start();
  }

  /** Cell id to its measured values, for the done lines; fails on a duplicated cell. */
  public static Map<String, JsonNode> valuesByCell(List<ObjectNode> lines) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (ObjectNode n : lines) {
      if (n.path("status").asText().equals("done")) {
        JsonNode old = out.put(n.path("cell").asText(), n.get("values"));
        assertEquals(null, old, "cell " + n.path("cell").asText() + " appears twice");
      }
    }
    return out;
  }
}
