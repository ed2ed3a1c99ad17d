package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two sets of a sweep's results agree: the same cells, each with the same {@link #FIELDS}
 * (settings, run, epochs, seed, status, parameter count, measures and error), compared exactly.
 * Timings, dates, provenance, the task's grouping and the configuration's file paths are ignored,
 * so a sharded run on a cluster can be checked against a single-process run.
 */
public final class SweepComparison {
  /** The fields of a cell line that must be equal. */
  public static final List<String> FIELDS =
      List.of("sweepHash", "settings", "run", "epochs", "seed", "status", "parameters", "values", "error");

  private SweepComparison() {}

  /**
   * The differences between results {@code a} and {@code b} (one line per cell at most), empty
   * when they agree. Each list holds one line per cell ({@link SweepFiles#deduplicate}).
   */
  public static List<String> differences(List<ObjectNode> a, List<ObjectNode> b) {
    Map<String, ObjectNode> left = byCell(a);
    Map<String, ObjectNode> right = byCell(b);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : left.entrySet()) {
      ObjectNode other = right.get(e.getKey());
      if (other == null) {
        out.add("cell " + e.getKey() + ": only in the first");
        continue;
      }
      for (String f : FIELDS) {
        JsonNode x = e.getValue().get(f);
        JsonNode y = other.get(f);
        if (x == null ? y != null : !x.equals(y)) {
          out.add("cell " + e.getKey() + ": " + f + " " + x + " vs " + y);
          break;
        }
      }
    }
    for (String id : right.keySet()) {
      if (!left.containsKey(id)) {
        out.add("cell " + id + ": only in the second");
      }
    }
    return out;
  }

  private static Map<String, ObjectNode> byCell(List<ObjectNode> lines) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (ObjectNode n : lines) {
      out.put(n.path("cell").asText(), n);
    }
    return out;
  }
}
