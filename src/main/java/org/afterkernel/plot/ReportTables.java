package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.afterkernel.experiment.Measure;
import org.afterkernel.experiment.Statistics;
import org.afterkernel.io.Json;
import org.afterkernel.sweep.SweepSummary;

/**
 * The tables of a sweep's report section, as HTML: the summary (mean ± half-width of every measure
 * per setting, from {@link SweepSummary}), the failed cells, the configuration shared by every cell,
 * the data files the cells were computed on and the provenance of the runs.
 */
final class ReportTables {
  private static final List<String> PROVENANCE = List.of("afterkernel", "tensorflowJava", "tensorflowNative", "natives",
      "java", "os", "cpu", "processors", "intraOpThreads", "threads", "interOpThreads", "host");

  private ReportTables() {}

  /** One row per setting: its varying options, the runs, and mean ± half-width per measure. */
  static String summary(List<ObjectNode> lines) {
    List<SweepSummary.Row> rows = SweepSummary.of(lines);
    Set<String> keys = new LinkedHashSet<>();
    rows.forEach(r -> r.settings().fieldNames().forEachRemaining(keys::add));
    List<String> measures = new ArrayList<>();
    for (Measure m : Measure.values()) {
      if (rows.stream().anyMatch(r -> r.stats().containsKey(m.key()))) {
        measures.add(m.key());
      }
    }
    StringBuilder b = new StringBuilder("<table class=\"summary\"><thead><tr>");
    keys.forEach(k -> b.append("<th>").append(Html.escape(k)).append("</th>"));
    b.append("<th>n</th>");
    measures.forEach(m -> b.append("<th>").append(Html.escape(m)).append("</th>"));
    b.append("</tr></thead><tbody>\n");
    for (SweepSummary.Row r : rows) {
      b.append("<tr>");
      for (String k : keys) {
        JsonNode v = r.settings().get(k);
        b.append("<td>").append(v == null ? "" : Html.escape(v.isTextual() ? v.asText() : v.toString())).append("</td>");
      }
      int n = r.stats().values().stream().mapToInt(Statistics::n).max().orElse(0);
      b.append("<td>").append(n).append("</td>");
      for (String m : measures) {
        Statistics s = r.stats().get(m);
        b.append("<td class=\"num\">").append(s == null ? "" : Html.escape(meanHalfWidth(s))).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</tbody></table>\n").toString();
  }

  /**
   * "0.110 ± 0.010": the half-width to two significant digits and the mean to the same decimal
   * place (at most six significant digits); "0.5000 ± 0" when the runs agree; the mean alone
   * (four significant digits) for one run.
   */
  static String meanHalfWidth(Statistics s) {
    double mean = s.mean();
    Double hw = s.halfWidth();
    if (hw == null || hw == 0 || !Double.isFinite(hw) || !Double.isFinite(mean)) {
      String m = String.format(Locale.ROOT, "%.4g", mean);
      return hw == null ? m : hw == 0 ? m + " ± 0" : m + " ± " + hw;
    }
    int decimals = new java.math.BigDecimal(hw).round(new java.math.MathContext(2)).scale();
    if (mean != 0) {
      decimals = Math.min(decimals, 5 - (int) Math.floor(Math.log10(Math.abs(mean))));
    }
    decimals = Math.max(0, decimals);
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f, mean) + " ± " + String.format(Locale.ROOT, f, hw);
  }

  /** The failed cells with their errors, or an empty string when none failed. */
  static String failed(List<ObjectNode> lines) {
    StringBuilder b = new StringBuilder();
    for (ObjectNode l : lines) {
      if (!Aggregation.isDone(l)) {
        b.append("<tr><td>").append(Html.escape(SweepSummary.describe((ObjectNode) l.get("settings"))))
            .append("</td><td>").append(l.path("run").asInt()).append("</td><td>")
            .append(Html.escape(l.path("error").asText())).append("</td></tr>\n");
      }
    }
    return b.length() == 0 ? "" : "<table><thead><tr><th>setting</th><th>run</th><th>error</th></tr></thead><tbody>\n"
        + b + "</tbody></table>\n";
  }

  /** The experiment options equal in every cell, as pretty JSON. */
  static String commonConfig(List<ObjectNode> lines) {
    Map<String, JsonNode> common = new TreeMap<>();
    boolean first = true;
    for (ObjectNode l : lines) {
      JsonNode c = l.path("config");
      if (first) {
        c.properties().forEach(e -> common.put(e.getKey(), e.getValue()));
        first = false;
      } else {
        common.entrySet().removeIf(e -> !e.getValue().equals(c.get(e.getKey())));
      }
    }
    return Json.toString(common);
  }

  /** The options that differ between cells, each with its values. */
  static Map<String, Set<String>> varyingConfig(List<ObjectNode> lines) {
    Map<String, Set<String>> values = new TreeMap<>();
    for (ObjectNode l : lines) {
      for (Map.Entry<String, JsonNode> e : l.path("config").properties()) {
        values.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue().toString());
      }
    }
    values.entrySet().removeIf(e -> e.getValue().size() < 2);
    return values;
  }

  /**
   * The data files the cells were computed on (from each line's {@code data}): split, file, size,
   * SHA-256 and its check, with the number of cells; a warning first when a file did not match its
   * reference sum, and a note for cells that do not record their data.
   */
  static String data(List<ObjectNode> lines) {
    Map<String, Integer> rows = new LinkedHashMap<>();
    int unrecorded = 0;
    boolean mismatch = false;
    for (ObjectNode l : lines) {
      JsonNode d = l.get("data");
      if (d == null || !d.isObject()) {
        unrecorded++;
        continue;
      }
      for (Map.Entry<String, JsonNode> split : d.properties()) {
        JsonNode s = split.getValue();
        for (JsonNode f : s.path("files")) {
          mismatch |= f.path("check").asText().startsWith("MISMATCH") || !s.path("verified").asBoolean(true);
          String row = "<td>" + Html.escape(s.path("dataset").asText() + " " + split.getKey() + " (classes "
              + s.path("classes").asText() + ", " + s.path("examples").asInt() + " examples)") + "</td><td>"
              + Html.escape(f.path("name").asText()) + "</td><td class=\"num\">" + f.path("bytes").asLong()
              + "</td><td><code>" + Html.escape(f.path("sha256").asText()) + "</code></td><td>"
              + Html.escape(f.path("check").asText()) + "</td>";
          rows.merge(row, 1, Integer::sum);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    if (mismatch) {
      b.append("<p class=\"problem\">Some cells were computed on files that differ from their reference"
          + " SHA-256 (not the official data): see the check column.</p>\n");
    }
    if (!rows.isEmpty()) {
      b.append("<table class=\"data\"><thead><tr><th>set</th><th>file</th><th>bytes</th><th>SHA-256</th>"
          + "<th>check</th><th>cells</th></tr></thead><tbody>\n");
      rows.forEach((r, n) -> b.append("<tr>").append(r).append("<td>").append(n).append("</td></tr>\n"));
      b.append("</tbody></table>\n");
    }
    if (unrecorded > 0) {
      b.append("<p>").append(unrecorded).append(" cell(s) do not record their data files (written before"
          + " afterkernel recorded them).</p>\n");
    }
    return b.toString();
  }

  /** Versions, machines, threads and dates of the runs: each value with the number of cells. */
  static String provenance(List<ObjectNode> lines) {
    Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
    String firstDate = null;
    String lastDate = null;
    Map<String, Integer> commands = new LinkedHashMap<>();
    for (ObjectNode l : lines) {
      JsonNode p = l.path("provenance");
      for (String k : PROVENANCE) {
        JsonNode v = p.get(k);
        if (v != null && !v.isNull()) {
          values.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(v.asText(), 1, Integer::sum);
        }
      }
      JsonNode cmd = p.get("command");
      if (cmd != null && cmd.isArray()) {
        List<String> words = new ArrayList<>();
        cmd.forEach(w -> words.add(w.asText()));
        commands.merge("ak " + String.join(" ", words), 1, Integer::sum);
      }
      String date = l.path("finishedAt").asText(p.path("createdAt").asText(""));
      if (!date.isEmpty()) {
        firstDate = firstDate == null || date.compareTo(firstDate) < 0 ? date : firstDate;
        lastDate = lastDate == null || date.compareTo(lastDate) > 0 ? date : lastDate;
      }
    }
    values.put("command", commands);
    StringBuilder b = new StringBuilder("<table class=\"provenance\"><tbody>\n");
    for (Map.Entry<String, Map<String, Integer>> e : values.entrySet()) {
      List<String> shown = new ArrayList<>();
      e.getValue().forEach((v, n) -> shown.add(Html.escape(v) + (e.getValue().size() > 1 ? " <small>(" + n
          + " cells)</small>" : "")));
      b.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>").append(String.join("<br>", shown))
          .append("</td></tr>\n");
    }
    if (firstDate != null) {
      b.append("<tr><th>cells finished</th><td>").append(Html.escape(firstDate)).append(" to ")
          .append(Html.escape(lastDate)).append("</td></tr>\n");
    }
    return b.append("</tbody></table>\n").toString();
  }
}
