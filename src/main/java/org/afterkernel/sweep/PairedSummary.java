package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.afterkernel.AkException;

/**
 * A {@link PairedComparison} evaluated on a sweep's finished cells: per group of cells that share
 * every setting the comparison does not name (a task: network, dataset, class pair...), the paired
 * difference of each run that has both cells, their mean and half-width and the {@link Verdict}.
 * Runs with only one of the two cells, or without a measure, are listed, not guessed. Groups come
 * in the order of their settings (numbers by value); a difference within rounding of 0 (relative
 * {@value #ROUNDING} of the measures it is computed from) is 0.
 */
public final class PairedSummary {
  private PairedSummary() {}

  /**
   * The SVM certificates behind the cells a row used, for one SVM of the cell ({@code svm}: the
   * after kernel's, {@code conjugateSvm}: the conjugate kernel's).
   *
   * @param block the results line's block, {@code svm} or {@code conjugateSvm}
   * @param cells cells used whose measures come from this SVM
   * @param notSeparable cells whose certificate says the training set was not separated
   * @param noCertificate cells whose block records no {@code separable} (e.g. JST1 results before
   *     the exact SVM)
   * @param nonPositiveMargin cells whose training margin is at most 0 (the training set not separated
   *     by the solution reported)
   */
  public record SvmNote(String block, int cells, int notSeparable, int noCertificate, int nonPositiveMargin) {}

  /**
   * One group's result.
   *
   * @param comparison the comparison
   * @param group the settings the group's cells share (the comparison's keys left out)
   * @param runs the runs paired, ascending
   * @param differences each paired run's LEFT minus RIGHT (or LEFT, against a number)
   * @param verdict the verdict
   * @param unpaired one line per run left out, saying why
   * @param svm the certificates of the SVMs whose measures the comparison uses
   */
  public record Row(PairedComparison comparison, ObjectNode group, List<Integer> runs, double[] differences,
      Verdict verdict, List<String> unpaired, List<SvmNote> svm) {}

  /**
   * Evaluates {@code c} on the done lines among {@code lines} that {@code where} keeps (lines of
   * one sweep and thread count, deduplicated: {@link SweepFiles}).
   *
   * @throws AkException when no cell matches a side, or a side matches two cells of one run and group
   */
  public static List<Row> of(List<ObjectNode> lines, PairedComparison c, CellFilter where) {
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    Map<String, Map<Integer, List<ObjectNode>>> left = new LinkedHashMap<>();
    Map<String, Map<Integer, List<ObjectNode>>> right = new LinkedHashMap<>();
    for (ObjectNode n : lines) {
      if (!n.path("status").asText().equals("done") || !where.matches(n.path("config"), n.path("run").asInt())) {
        continue;
      }
      ObjectNode group = n.path("settings").isObject() ? ((ObjectNode) n.get("settings")).deepCopy()
          : n.objectNode();
      group.remove(c.keys());
      String key = SweepPlan.canonical(group);
      if (c.left().matches(n)) {
        groups.putIfAbsent(key, group);
        left.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(run(n), k -> new ArrayList<>()).add(n);
      }
      if (c.right() != null && c.right().matches(n)) {
        groups.putIfAbsent(key, group);
        right.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(run(n), k -> new ArrayList<>()).add(n);
      }
    }
    String scope = where.isAll() ? "" : " among the cells --where " + where + " keeps";
    if (left.isEmpty()) {
      throw new AkException("--paired '" + c.text() + "': no finished cell matches '" + c.left().text() + "'" + scope);
    }
    if (c.right() != null && right.isEmpty()) {
      throw new AkException("--paired '" + c.text() + "': no finished cell matches '" + c.right().text() + "'" + scope);
    }
    List<Row> rows = new ArrayList<>();
    List<Map.Entry<String, ObjectNode>> ordered = new ArrayList<>(groups.entrySet());
    ordered.sort((x, y) -> compare(x.getValue(), y.getValue()));
    for (Map.Entry<String, ObjectNode> g : ordered) {
      Map<Integer, List<ObjectNode>> l = left.getOrDefault(g.getKey(), Map.of());
      Map<Integer, List<ObjectNode>> r = right.getOrDefault(g.getKey(), Map.of());
      TreeSet<Integer> runs = new TreeSet<>(l.keySet());
      runs.addAll(r.keySet());
      List<Integer> paired = new ArrayList<>();
      List<Double> diffs = new ArrayList<>();
      List<String> unpaired = new ArrayList<>();
      List<ObjectNode> used = new ArrayList<>();
      for (int run : runs) {
        ObjectNode a = single(c, c.left(), l.get(run), run, g.getValue());
        ObjectNode b = c.right() == null ? null : single(c, c.right(), r.get(run), run, g.getValue());
        if (a == null || (c.right() != null && b == null)) {
          unpaired.add("run " + run + ": no finished cell for '" + (a == null ? c.left() : c.right()).text() + "'");
          continue;
        }
        Double va = c.left().value(a);
        Double vb = b == null ? Double.valueOf(0) : c.right().value(b);
        if (va == null || vb == null) {
          unpaired.add("run " + run + ": no value of " + String.join("/", (va == null ? c.left() : c.right()).measures())
              + " in cell " + (va == null ? a : b).path("cell").asText());
          continue;
        }
        paired.add(run);
        double scale = Math.max(c.left().scale(a), b == null ? Math.abs(c.threshold()) : c.right().scale(b));
        double d = va - vb;
        diffs.add(Math.abs(d) <= ROUNDING * scale ? 0 : d);
        used.add(a);
        if (b != null && b != a) {
          used.add(b);
        }
      }
      double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
      rows.add(new Row(c, g.getValue(), List.copyOf(paired), d, Verdict.of(d, c.direction(), c.threshold()),
          List.copyOf(unpaired), svmNotes(c, used)));
    }
    return rows;
  }

  /**
   * Differences at most this times the largest measure they are computed from are 0: rounding,
   * e.g. (a - b) - (c - d) with equal gaps, not a measured difference.
   */
  static final double ROUNDING = 1e-12;

  /** Settings in order: field by field, numbers by value, other values by their text. */
  private static int compare(ObjectNode x, ObjectNode y) {
    List<String> keys = new ArrayList<>();
    x.fieldNames().forEachRemaining(keys::add);
    y.fieldNames().forEachRemaining(k -> {
      if (!keys.contains(k)) {
        keys.add(k);
      }
    });
    for (String k : keys) {
      JsonNode a = x.get(k);
      JsonNode b = y.get(k);
      int r = a == null || b == null ? Boolean.compare(a != null, b != null)
          : a.isNumber() && b.isNumber() ? Double.compare(a.asDouble(), b.asDouble()) : a.asText().compareTo(b.asText());
      if (r != 0) {
        return r;
      }
    }
    return 0;
  }

  private static int run(JsonNode n) {
    return n.path("run").asInt();
  }

  /** The one cell of {@code cells}, null when there is none; two or more are an error. */
  private static ObjectNode single(PairedComparison c, PairedComparison.Side side, List<ObjectNode> cells, int run,
      ObjectNode group) {
    if (cells == null || cells.isEmpty()) {
      return null;
    }
    if (cells.size() > 1) {
      throw new AkException("--paired '" + c.text() + "': '" + side.text() + "' matches " + cells.size()
          + " cells of run " + run + " with settings " + SweepSummary.describe(group) + " ("
          + String.join(", ", cells.stream().map(x -> x.path("cell").asText()).toList())
          + "): name the setting that tells them apart in the side (KEY=VALUE after @) or with --where");
    }
    return cells.get(0);
  }

  /** The certificates of the SVMs whose measures {@code c} uses, over the cells used. */
  private static List<SvmNote> svmNotes(PairedComparison c, List<ObjectNode> used) {
    Set<String> measures = new LinkedHashSet<>(c.left().measures());
    if (c.right() != null) {
      measures.addAll(c.right().measures());
    }
    List<SvmNote> notes = new ArrayList<>();
    String[][] svms = {{"svm", "linear_error", "margin"}, {"conjugateSvm", "conjugate_linear_error", "conjugate_margin"}};
    for (String[] s : svms) {
      if (!measures.contains(s[1]) && !measures.contains(s[2])) {
        continue;
      }
      int notSeparable = 0;
      int noCertificate = 0;
      int nonPositive = 0;
      for (ObjectNode n : used) {
        JsonNode separable = n.path(s[0]).path("separable");
        if (separable.isBoolean() && !separable.asBoolean()) {
          notSeparable++;
        } else if (!separable.isBoolean()) {
          noCertificate++;
        }
        JsonNode margin = n.path("values").path(s[2]);
        if (margin.isNumber() && margin.asDouble() <= 0) {
          nonPositive++;
        }
      }
      notes.add(new SvmNote(s[0], used.size(), notSeparable, noCertificate, nonPositive));
    }
    return notes;
  }
}
