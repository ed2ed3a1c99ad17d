package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.afterkernel.experiment.Measure;
import org.afterkernel.experiment.Statistics;

/**
 * Mean and half-width over runs of every measure of every setting of a sweep's finished cells:
 * the tables of the paper's figures.
 */
public final class SweepSummary {
  private SweepSummary() {}

  /**
   * One setting's statistics.
   *
   * @param sweep sweep name
   * @param figure the paper's figure (may be null)
   * @param settings the varying options
   * @param stats measure key to statistics over runs
   */
  public record Row(String sweep, Integer figure, ObjectNode settings, Map<String, Statistics> stats) {}

  /** Groups the done lines by sweep and setting, in order of first appearance. */
  public static List<Row> of(List<ObjectNode> lines) {
    Map<String, List<ObjectNode>> groups = new LinkedHashMap<>();
    for (ObjectNode n : lines) {
      if (n.path("status").asText().equals("done")) {
        String key = n.path("sweep").asText() + "|" + SweepPlan.canonical((ObjectNode) n.get("settings"));
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (List<ObjectNode> g : groups.values()) {
      ObjectNode first = g.get(0);
      Map<String, Statistics> stats = new LinkedHashMap<>();
      for (Measure m : Measure.values()) {
        double[] v = g.stream().map(n -> n.path("values").get(m.key()))
            .filter(x -> x != null && x.isNumber()).mapToDouble(JsonNode::asDouble).toArray();
        if (v.length == g.size() && v.length > 0) {
          stats.put(m.key(), Statistics.of(v));
        }
      }
      JsonNode fig = first.get("figure");
      rows.add(new Row(first.path("sweep").asText(), fig == null || fig.isNull() ? null : fig.asInt(),
          (ObjectNode) first.get("settings"), stats));
    }
    return rows;
  }

  /** The rows as CSV: sweep, figure, every setting key, runs, then mean and half-width per measure. */
  public static String csv(List<Row> rows) {
    TreeSet<String> keys = new TreeSet<>();
    rows.forEach(r -> r.settings().fieldNames().forEachRemaining(keys::add));
    List<String> measures = new ArrayList<>();
    for (Measure m : Measure.values()) {
      if (rows.stream().anyMatch(r -> r.stats().containsKey(m.key()))) {
        measures.add(m.key());
      }
    }
    StringBuilder b = new StringBuilder("sweep,figure");
    keys.forEach(k -> b.append(',').append(k));
    b.append(",runs");
    measures.forEach(m -> b.append(',').append(m).append("_mean,").append(m).append("_halfwidth"));
    b.append('\n');
    for (Row r : rows) {
      b.append(r.sweep()).append(',').append(r.figure() == null ? "" : r.figure());
      for (String k : keys) {
        JsonNode v = r.settings().get(k);
        b.append(',').append(v == null || v.isNull() ? "" : quote(v.isTextual() ? v.asText() : v.toString()));
      }
      int runs = r.stats().values().stream().mapToInt(Statistics::n).max().orElse(0);
      b.append(',').append(runs);
      for (String m : measures) {
        Statistics s = r.stats().get(m);
        b.append(',').append(s == null ? "" : Double.toString(s.mean()));
        b.append(',').append(s == null || s.halfWidth() == null ? "" : Double.toString(s.halfWidth()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** A plain-text table of the rows, one line per setting. */
  public static String table(List<Row> rows, List<String> measures) {
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      b.append(describe(r.settings()));
      for (String m : measures) {
        Statistics s = r.stats().get(m);
        if (s != null) {
          b.append(String.format(Locale.ROOT, "  %s %.4g", m, s.mean()));
          if (s.halfWidth() != null) {
            b.append(String.format(Locale.ROOT, " ± %.2g", s.halfWidth()));
          }
        }
      }
      b.append(String.format(Locale.ROOT, "  (n=%d)%n",
          r.stats().values().stream().mapToInt(Statistics::n).max().orElse(0)));
    }
    return b.toString();
  }

  /** {@code key=value key=value} of a setting. */
  public static String describe(ObjectNode settings) {
    StringBuilder b = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(e.getKey()).append('=').append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue());
    }
    return b.length() == 0 ? "(base)" : b.toString();
  }

  /** A CSV field: quoted when it holds a comma, a quote or a line break. */
  static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
