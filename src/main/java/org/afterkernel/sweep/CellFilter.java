package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.afterkernel.AkException;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.io.Json;

/**
 * Which cells of a sweep to run: {@code KEY=VALUE} conditions, all of which a cell must meet
 * ({@code ak sweep run --where}). KEY is {@code run} (0-based) or a configuration key, compared
 * with the cell's whole configuration (base, case and grid point): {@code --where preset=mlp} runs
 * the MLP part of a sweep, {@code --where run=0} the first run of every setting. Numbers compare
 * by value ({@code learning-rate=1e-3} matches 0.001), booleans and text exactly, {@code null}
 * matches an unset key. Cells that no condition excludes are the same cells, with the same ids,
 * that the whole sweep runs, so a filtered run's results resume and merge like any other.
 */
public final class CellFilter {
  /** Runs every cell. */
  public static final CellFilter ALL = new CellFilter(List.of(), "--where");

  private record Condition(String key, String value) {}

  private final List<Condition> conditions;
  private final String option;

  private CellFilter(List<Condition> conditions, String option) {
    this.conditions = List.copyOf(conditions);
    this.option = option;
  }

  /**
   * Parses {@code KEY=VALUE} conditions.
   *
   * @throws AkException naming a condition without {@code =} or with a key that is neither
   *     {@code run} nor a configuration key
   */
  public static CellFilter parse(List<String> where) {
    return parse(where, "--where");
  }

  /**
   * Parses {@code KEY=VALUE} conditions given by {@code option} (named in error messages, e.g.
   * {@code --paired 'linear_error@max-num-epochs=1 < ...'}).
   *
   * @throws AkException as {@link #parse(List)}
   */
  public static CellFilter parse(List<String> where, String option) {
    TreeSet<String> keys = new TreeSet<>();
    Json.MAPPER.valueToTree(ExperimentConfig.defaults()).fieldNames().forEachRemaining(keys::add);
    List<Condition> out = new ArrayList<>();
    for (String w : where) {
      int eq = w.indexOf('=');
      if (eq <= 0 || eq == w.length() - 1) {
        throw new AkException(option + " '" + w + "': expected KEY=VALUE (e.g. preset=mlp or run=0)");
      }
      String key = w.substring(0, eq).trim();
      if (!key.equals("run") && !keys.contains(key)) {
        throw new AkException(option + " '" + w + "': no setting '" + key + "' (expected run or a configuration key: "
            + String.join(", ", keys) + ")");
      }
      out.add(new Condition(key, w.substring(eq + 1).trim()));
    }
    return new CellFilter(out, option);
  }

  /** The keys the conditions name, in order. */
  public List<String> keys() {
    return conditions.stream().map(Condition::key).toList();
  }

  /** True when there are no conditions. */
  public boolean isAll() {
    return conditions.isEmpty();
  }

  /** True when {@code cell} meets every condition. */
  public boolean matches(SweepPlan.Cell cell) {
    return conditions.isEmpty() || matches(Json.MAPPER.valueToTree(cell.config()), cell.run());
  }

  /**
   * True when a cell of run {@code run} whose whole configuration is {@code config} (a results
   * line's {@code config}) meets every condition.
   */
  public boolean matches(JsonNode config, int run) {
    for (Condition c : conditions) {
      JsonNode actual = c.key.equals("run") ? Json.MAPPER.getNodeFactory().numberNode(run) : config.get(c.key);
      if (!equal(actual, c)) {
        return false;
      }
    }
    return true;
  }

  /** The tasks of {@code tasks} with only their matching cells; tasks left without cells dropped. */
  public List<SweepPlan.Task> apply(List<SweepPlan.Task> tasks) {
    List<SweepPlan.Task> out = new ArrayList<>();
    for (SweepPlan.Task t : tasks) {
      List<SweepPlan.Cell> cells = t.cells().stream().filter(this::matches).toList();
      if (!cells.isEmpty()) {
        out.add(cells.size() == t.cells().size() ? t : new SweepPlan.Task(t.id(), t.run(), t.config(), cells));
      }
    }
    return out;
  }

  private boolean equal(JsonNode actual, Condition c) {
    if (actual == null || actual.isNull() || c.value.equals("null")) {
      return (actual == null || actual.isNull()) == c.value.equals("null");
    }
    if (actual.isNumber()) {
      try {
        return actual.asDouble() == Double.parseDouble(c.value);
      } catch (NumberFormatException e) {
        throw new AkException(option + " " + c.key + "=" + c.value + ": " + c.key + " is a number (e.g. "
            + actual.asText() + "), received '" + c.value + "'");
      }
    }
    if (actual.isBoolean()) {
      String v = c.value.toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new AkException(option + " " + c.key + "=" + c.value + ": expected true or false");
      }
      return actual.asBoolean() == Boolean.parseBoolean(v);
    }
    return actual.asText().equals(c.value);
  }

  @Override
  public String toString() {
    return conditions.stream().map(c -> c.key + "=" + c.value).reduce((a, b) -> a + " " + b).orElse("all cells");
  }
}
