package org.afterkernel.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.io.Json;
import org.afterkernel.sweep.CellLine;
import org.afterkernel.sweep.SweepPlan;

/** Writes small sweep results files with known values, laid out as {@code ak sweep run} writes them. */
public final class ResultLines {
  private final String sweep;
  private final Integer figure;
  private final String hash;

  /** Lines of sweep {@code sweep} (figure may be null). */
  public ResultLines(String sweep, Integer figure) {
    this(sweep, figure, Integer.toHexString(sweep.hashCode()));
  }

  /** Lines of sweep {@code sweep} with the definition hash {@code hash}. */
  public ResultLines(String sweep, Integer figure, String hash) {
    this.sweep = sweep;
    this.figure = figure;
    this.hash = hash;
  }

  /** The epochs of {@link #figure2}. */
  public static final int[] EPOCHS = {0, 1, 10};

  /**
   * Figure 2's results: VGG on MNIST 3-vs-8 and MLP on 5-vs-6, epochs 0, 1, 10, two runs. Two runs
   * a and b give the mean (a + b) / 2 and the half-width |a - b| / 2 (sample stddev |a - b| /
   * sqrt(2), over sqrt(2)): SVM (linear_error) means VGG 0.11, 0.07, 0.04 (half-widths 0.01, 0.01,
   * 0), MLP 0.31, 0.21, 0.12 (0.01, 0.01, 0.02); NN (nn_error) VGG 0.5, 0.15, 0.04 (0, 0.05, 0.01),
   * MLP 0.5, 0.32, 0.15 (0, 0.02, 0.05).
   */
  public List<ObjectNode> figure2() {
    double[][][] svm = {{{0.10, 0.06, 0.04}, {0.12, 0.08, 0.04}}, {{0.30, 0.20, 0.10}, {0.32, 0.22, 0.14}}};
    double[][][] nn = {{{0.50, 0.20, 0.05}, {0.50, 0.10, 0.03}}, {{0.50, 0.30, 0.20}, {0.50, 0.34, 0.10}}};
    String[] presets = {"vgg", "mlp"};
    int[][] classes = {{3, 8}, {5, 6}};
    List<ObjectNode> lines = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      for (int c = 0; c < 2; c++) {
        for (int e = 0; e < EPOCHS.length; e++) {
          lines.add(done(settings("preset", presets[c], "dataset", "mnist", "minus-class", classes[c][0],
              "plus-class", classes[c][1], "max-num-epochs", EPOCHS[e]), run,
              Map.of("linear_error", svm[c][run][e], "nn_error", nn[c][run][e], "margin", 0.5)));
        }
      }
    }
    return lines;
  }

  /** Settings (and config overrides) from alternating keys and values. */
  public static ObjectNode settings(Object... kv) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      s.set((String) kv[i], Json.MAPPER.valueToTree(kv[i + 1]));
    }
    return s;
  }

  /** A finished cell measured at {@code settings.max-num-epochs} with {@code values}. */
  public ObjectNode done(ObjectNode settings, int run, Map<String, Double> values) {
    ObjectNode n = header(settings, run, "done");
    n.put("parameters", settings.path("preset").asText().equals("mlp") ? 100675 : 45527);
    n.set("values", Json.MAPPER.valueToTree(values));
    n.put("elapsedSeconds", 1.5);
    return n;
  }

  /** A failed cell. */
  public ObjectNode failed(ObjectNode settings, int run, String error) {
    ObjectNode n = header(settings, run, "failed");
    n.put("error", error);
    return n;
  }

  private ObjectNode header(ObjectNode settings, int run, String status) {
    ObjectNode config = settings("max-num-epochs", 1000, "learning-rate", null, "nn-architecture", "VGG",
        "preset", null, "dataset", "mnist", "minus-class", 3, "plus-class", 8, "use-augmentation", false,
        "use-conjugate-kernel", false, "width", null, "num-parameters", 100000.0, "seed", 1);
    config.setAll(settings);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("schema", CellLine.SCHEMA);
    n.put("sweep", sweep);
    n.put("sweepHash", hash);
    if (figure != null) {
      n.put("figure", figure);
    }
    n.put("cell", SweepPlan.canonical(settings) + "#" + run);
    n.put("task", "t#" + run);
    n.set("settings", settings);
    n.put("run", run);
    n.put("seed", 1 + run);
    n.put("epochs", config.path("max-num-epochs").asInt());
    n.put("status", status);
    n.set("config", config);
    n.put("finishedAt", "2026-01-0" + (1 + run) + "T10:00:00Z");
    n.set("provenance", settings("afterkernel", "0.1.0", "tensorflowJava", "1.1.0", "java", "17.0.15 (Debian)",
        "cpu", "Test CPU <x86>", "processors", 2, "host", "testhost", "command",
        List.of("sweep", "run", "configs/" + sweep + ".json")));
    return n;
  }

  /** Writes the lines as a results file. */
  public static Path write(Path file, List<ObjectNode> lines) throws IOException {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(Json.toLine(l)).append('\n'));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return file;
  }
}
