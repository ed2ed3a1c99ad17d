package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;

/** Comparing two sets of results: measures and identity count, timings and provenance do not. */
class SweepComparisonTest {
  /** A done line written by hand, with the given test error and timing fields. */
  private static ObjectNode line(String cell, int epochs, double svmError, double seconds, String host) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("sweepHash", "abc");
    n.put("cell", cell);
    n.put("task", "t-" + host);
    n.set("settings", Json.MAPPER.createObjectNode().put("max-num-epochs", epochs));
    n.put("run", 0);
    n.put("epochs", epochs);
    n.put("seed", 1);
    n.put("status", "done");
    n.put("parameters", 1234);
    n.set("values", Json.MAPPER.createObjectNode().put("svm_test_error", svmError).put("alignment", 0.5));
    n.set("timings", Json.MAPPER.createObjectNode().put("train", seconds));
    n.put("elapsedSeconds", seconds);
    n.put("finishedAt", "2026-01-0" + (int) seconds + "T00:00:00Z");
    n.set("provenance", Json.MAPPER.createObjectNode().put("host", host));
    return n;
  }

  @Test
  void equalWhenOnlyTimingsDatesAndProvenanceDiffer() {
    List<ObjectNode> a = List.of(line("c0", 0, 0.125, 1, "node1"), line("c1", 1, 0.0625, 2, "node1"));
    List<ObjectNode> b = List.of(line("c1", 1, 0.0625, 7, "node2"), line("c0", 0, 0.125, 5, "node3"));
    assertEquals(List.of(), SweepComparison.differences(a, b));
  }

  @Test
  void aDifferentMeasureAMissingCellAndAnExtraCellAreReported() {
    List<ObjectNode> a = List.of(line("c0", 0, 0.125, 1, "x"), line("c1", 1, 0.0625, 1, "x"));
    List<ObjectNode> b = List.of(line("c0", 0, 0.1250001, 1, "x"), line("c2", 2, 0.0, 1, "x"));
    assertEquals(List.of(
        "cell c0: values {\"svm_test_error\":0.125,\"alignment\":0.5} vs"
            + " {\"svm_test_error\":0.1250001,\"alignment\":0.5}",
        "cell c1: only in the first",
        "cell c2: only in the second"), SweepComparison.differences(a, b));
  }

  @Test
  void settingsStatusAndSeedCount() {
    ObjectNode failed = line("c0", 0, 0.125, 1, "x");
    failed.put("status", "failed");
    ObjectNode reseeded = line("c0", 0, 0.125, 1, "x");
    reseeded.put("seed", 2);
    ObjectNode moved = line("c0", 0, 0.125, 1, "x");
    ((ObjectNode) moved.get("settings")).put("width", 8);
    List<ObjectNode> reference = List.of(line("c0", 0, 0.125, 1, "x"));
    assertEquals(List.of("cell c0: status \"done\" vs \"failed\""),
        SweepComparison.differences(reference, List.of(failed)));
    assertEquals(List.of("cell c0: seed 1 vs 2"), SweepComparison.differences(reference, List.of(reseeded)));
    assertEquals(List.of("cell c0: settings {\"max-num-epochs\":0} vs {\"max-num-epochs\":0,\"width\":8}"),
        SweepComparison.differences(reference, List.of(moved)));
  }
}
