package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.io.Json;

/**
 * A sweep expanded into tasks and cells. A cell is one setting (case plus grid point) and one run;
 * a task is the training trajectory shared by the cells that differ only in {@code
 * max-num-epochs} (without a loss target): trained once to the largest epoch count and measured at
 * each. Tasks are ordered run by run (every setting's run 0 first), so partial results cover every
 * setting early; shards take every N-th task.
 */
public final class SweepPlan {
  /** The epochs option, whose grid values one trajectory covers. */
  public static final String EPOCHS = "max-num-epochs";

  private SweepPlan() {}

  /**
   * One setting measured for one run.
   *
   * @param id stable identifier: the setting as sorted compact JSON, '#', the run
   * @param settings the options that vary in the sweep (case and grid point)
   * @param run 0-based run index (seed = base seed + run)
   * @param epochs epochs trained when measured
   * @param config the experiment configuration of the cell (one run)
   */
  public record Cell(String id, ObjectNode settings, int run, int epochs, ExperimentConfig config) {}

  /**
   * One training trajectory.
   *
   * @param id the trajectory's setting (without epochs) and run
   * @param run 0-based run index
   * @param config the configuration trained (its epochs: the largest of the cells)
   * @param cells the cells measured on the way, by ascending epochs
   */
  public record Task(String id, int run, ExperimentConfig config, List<Cell> cells) {
    /** The epoch counts at which the trajectory is measured. */
    public int[] epochs() {
      return cells.stream().mapToInt(Cell::epochs).toArray();
    }
  }

  /** Every task of the sweep, in execution order. */
  public static List<Task> expand(SweepDefinition def) {
    List<ObjectNode> settings = new ArrayList<>();
    for (ObjectNode c : def.cases()) {
      for (ObjectNode point : points(def.grid())) {
        ObjectNode s = c.deepCopy();
        point.fields().forEachRemaining(e -> s.set(e.getKey(), e.getValue()));
        settings.add(s);
      }
    }
    // Group settings that differ only in epochs into one trajectory (unless trained to a loss target).
    Map<String, List<ObjectNode>> groups = new java.util.LinkedHashMap<>();
    for (ObjectNode s : settings) {
      ExperimentConfig cfg = config(def, s);
      ObjectNode key = s.deepCopy();
      if (cfg.trainingLossTarget() == null) {
        key.remove(EPOCHS);
      }
      groups.computeIfAbsent(canonical(key), k -> new ArrayList<>()).add(s);
    }
    List<Task> tasks = new ArrayList<>();
    for (int run = 0; run < def.runs(); run++) {
      for (Map.Entry<String, List<ObjectNode>> g : groups.entrySet()) {
        List<Cell> cells = new ArrayList<>();
        for (ObjectNode s : g.getValue()) {
          ExperimentConfig cfg = config(def, s);
          cells.add(new Cell(canonical(s) + "#" + run, s, run, cfg.maxNumEpochs(), cfg));
        }
        cells.sort(java.util.Comparator.comparingInt(Cell::epochs));
        for (int i = 1; i < cells.size(); i++) {
          if (cells.get(i).epochs() == cells.get(i - 1).epochs()) {
            throw new org.afterkernel.AkException("two cells of one trajectory have " + cells.get(i).epochs()
                + " epochs: " + cells.get(i).id());
          }
        }
        ExperimentConfig longest = cells.get(cells.size() - 1).config();
        tasks.add(new Task(g.getKey() + "#" + run, run, longest, List.copyOf(cells)));
      }
    }
    return tasks;
  }

  /** The experiment configuration of a setting: base, then the setting, one run. */
  static ExperimentConfig config(SweepDefinition def, ObjectNode setting) {
    return new ConfigMerger().overlay(def.base(), "base").overlay(setting, "setting").set("num-runs", 1)
        .set("test-accuracy-output", "").set("model-summary-output", null).build();
  }

  /** All combinations of grid values, keys in grid order. */
  private static List<ObjectNode> points(Map<String, List<JsonNode>> grid) {
    List<ObjectNode> out = new ArrayList<>();
    out.add(Json.MAPPER.createObjectNode());
    for (Map.Entry<String, List<JsonNode>> axis : grid.entrySet()) {
      List<ObjectNode> next = new ArrayList<>();
      for (ObjectNode p : out) {
        for (JsonNode v : axis.getValue()) {
          ObjectNode q = p.deepCopy();
          q.set(axis.getKey(), v);
          next.add(q);
        }
      }
      out = next;
    }
    return out;
  }

  /** Compact JSON with keys sorted: the stable text of a setting. */
  public static String canonical(ObjectNode n) {
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      sorted.put(e.getKey(), e.getValue());
    }
    return Json.toLine(sorted);
  }
}
