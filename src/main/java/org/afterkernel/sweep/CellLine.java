package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.afterkernel.experiment.RunResult;
import org.afterkernel.io.Json;
import org.afterkernel.io.Provenance;
import org.afterkernel.tf.TensorFlowRuntime;

/**
 * The JSON line of one finished cell ({@value #SCHEMA}): the sweep and cell identity, the
 * varying settings, the full configuration, the status ({@code done} or {@code failed}), the
 * measures (with {@code epochsTrained}: the epochs trained, which for a cell trained to a loss
 * target is where training stopped, not the cell's cap {@code epochs}) and, for a failed cell, the
 * error; {@code data}, the files the cell's training and test sets were read from (names, sizes,
 * SHA-256, whether they match their reference sums), classes and examples; {@code threads}, the TensorFlow intra-op thread count it was computed with (part of its
 * identity: results move in their last digits with it, and a results folder holds one count).
 */
public final class CellLine {
  /** Version tag of the line layout. */
  public static final String SCHEMA = "afterkernel.sweep-cell/1";

  private CellLine() {}

  /**
   * The thread count a line was computed with: its {@code threads}, or for a line written before
   * it was recorded, its provenance's intra-op threads (0 meant one per processor: its {@code
   * processors}); 0 when the line says neither.
   */
  public static int threads(JsonNode line) {
    if (line.path("threads").isIntegralNumber() && line.path("threads").canConvertToInt()) {
      return line.path("threads").asInt();
    }
    JsonNode p = line.path("provenance");
    int intra = p.path("intraOpThreads").asInt(0);
    return intra > 0 ? intra : p.path("processors").asInt(0);
  }

  /** The line of a measured cell. */
  public static ObjectNode done(SweepDefinition def, String hash, SweepPlan.Task task, SweepPlan.Cell cell,
      RunResult r, double elapsedSeconds, Object data) {
    ObjectNode n = header(def, hash, task, cell, "done", data);
    n.put("seed", r.seed());
    n.put("epochsTrained", r.epochs());
    n.put("parameters", r.parameters());
    n.set("values", Json.MAPPER.valueToTree(r.values()));
    n.set("training", Json.MAPPER.valueToTree(r.training()));
    n.set("svm", Json.MAPPER.valueToTree(r.svm()));
    if (r.conjugateSvm() != null) {
      n.set("conjugateSvm", Json.MAPPER.valueToTree(r.conjugateSvm()));
    }
    n.set("timings", Json.MAPPER.valueToTree(r.timings()));
    n.put("elapsedSeconds", elapsedSeconds);
    n.set("provenance", Json.MAPPER.valueToTree(cell.config().augmentation().recordIn(Provenance.current())));
    return n;
  }

  /** The line of a cell whose task failed before measuring it. */
  public static ObjectNode failed(SweepDefinition def, String hash, SweepPlan.Task task, SweepPlan.Cell cell,
      String error, double elapsedSeconds, Object data) {
    ObjectNode n = header(def, hash, task, cell, "failed", data);
    n.put("seed", task.config().seed() + cell.run());
    n.put("error", error);
    n.put("elapsedSeconds", elapsedSeconds);
    n.set("provenance", Json.MAPPER.valueToTree(cell.config().augmentation().recordIn(Provenance.current())));
    return n;
  }

  private static ObjectNode header(SweepDefinition def, String hash, SweepPlan.Task task, SweepPlan.Cell cell,
      String status, Object data) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("schema", SCHEMA);
    n.put("sweep", def.name());
    n.put("sweepHash", hash);
    if (def.figure() != null) {
      n.put("figure", def.figure());
    }
    n.put("cell", cell.id());
    n.put("task", task.id());
    n.set("settings", cell.settings());
    n.put("run", cell.run());
    n.put("sweepRuns", def.runs());
    n.put("epochs", cell.epochs());
    n.put("threads", TensorFlowRuntime.effectiveIntraOpThreads());
    n.put("status", status);
    n.set("config", Json.MAPPER.valueToTree(cell.config()));
    if (data != null) {
      n.set("data", Json.MAPPER.valueToTree(data));
    }
    n.put("finishedAt", Instant.now().toString());
    return n;
  }
}
