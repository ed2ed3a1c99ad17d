package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.afterkernel.io.Json;

/** {@link PairedSummary} rows as text, CSV and JSON ({@code ak sweep summarize --paired}). */
public final class PairedReport {
  private PairedReport() {}

  /** The rule, one line, printed above the rows. */
  public static final String RULE = "paired by run: difference = LEFT - RIGHT; mean ± half-width (stddev / sqrt(n));"
      + " reproduced / not reproduced: beyond the threshold in (against) the claimed direction by more than "
      + (int) Verdict.WIDTHS + " half-widths with n >= " + Verdict.MIN_RUNS + "; consistent / contrary: n < "
      + Verdict.MIN_RUNS + "; otherwise inconclusive";

  private static final String[] BLOCKS = {"svm", "conjugateSvm"};

  /**
   * One block per comparison: the comparison, then per group its settings and verdict token, the
   * differences by run, the runs left out and the SVM certificates when one is missing or negative.
   */
  public static String text(List<PairedSummary.Row> rows) {
    StringBuilder b = new StringBuilder(RULE).append('\n');
    PairedComparison last = null;
    for (PairedSummary.Row r : rows) {
      if (r.comparison() != last) {
        b.append(r.comparison().text()).append('\n');
        last = r.comparison();
      }
      b.append("  ").append(SweepSummary.describe(r.group())).append(": ").append(r.verdict().token()).append('\n');
      if (!r.runs().isEmpty()) {
        b.append("    by run:");
        for (int i = 0; i < r.runs().size(); i++) {
          b.append(i == 0 ? " " : ", ").append(r.runs().get(i)).append(": ")
              .append(Verdict.number(r.differences()[i], 3));
        }
        b.append('\n');
      }
      r.unpaired().forEach(u -> b.append("    left out: ").append(u).append('\n'));
      for (PairedSummary.SvmNote s : r.svm()) {
        if (s.notSeparable() + s.noCertificate() + s.nonPositiveMargin() > 0) {
          b.append(String.format(Locale.ROOT,
              "    %s of %d cell(s): not separable in %d, no certificate in %d, training margin <= 0 in %d%n",
              s.block(), s.cells(), s.notSeparable(), s.noCertificate(), s.nonPositiveMargin()));
        }
      }
    }
    return b.toString();
  }

  /** One CSV line per row, with the differences and runs as {@code ;}-separated lists. */
  public static String csv(List<PairedSummary.Row> rows) {
    StringBuilder b = new StringBuilder(
        "comparison,group,n,mean,half_width,verdict,runs,differences,left_out");
    for (String block : BLOCKS) {
      b.append(',').append(block).append("_cells,").append(block).append("_not_separable,").append(block)
          .append("_no_certificate,").append(block).append("_margin_nonpositive");
    }
    b.append('\n');
    for (PairedSummary.Row r : rows) {
      Verdict v = r.verdict();
      b.append(SweepSummary.quote(r.comparison().text())).append(',')
          .append(SweepSummary.quote(SweepSummary.describe(r.group())))
          .append(',').append(v.n()).append(',').append(v.n() == 0 ? "" : Double.toString(v.mean()))
          .append(',').append(v.halfWidth() == null ? "" : Double.toString(v.halfWidth()))
          .append(',').append(v.label()).append(',')
          .append(String.join(";", r.runs().stream().map(String::valueOf).toList())).append(',');
      for (int i = 0; i < r.differences().length; i++) {
        b.append(i == 0 ? "" : ";").append(r.differences()[i]);
      }
      b.append(',').append(SweepSummary.quote(String.join("; ", r.unpaired())));
      for (String block : BLOCKS) {
        PairedSummary.SvmNote s = r.svm().stream().filter(x -> x.block().equals(block)).findFirst().orElse(null);
        b.append(s == null ? ",,,," : "," + s.cells() + "," + s.notSeparable() + "," + s.noCertificate() + ","
            + s.nonPositiveMargin());
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The rows as a JSON array of objects, with the rule. */
  public static String json(List<PairedSummary.Row> rows) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("rule", RULE);
    ArrayNode out = doc.putArray("rows");
    for (PairedSummary.Row r : rows) {
      Verdict v = r.verdict();
      ObjectNode o = out.addObject();
      o.put("comparison", r.comparison().text());
      o.put("direction", r.comparison().direction() < 0 ? "below" : "above");
      o.put("threshold", r.comparison().threshold());
      o.set("group", r.group());
      o.put("n", v.n());
      if (v.n() > 0) {
        o.put("mean", v.mean());
      }
      if (v.halfWidth() != null) {
        o.put("halfWidth", v.halfWidth());
      }
      o.put("verdict", v.label());
      o.put("token", v.token());
      ArrayNode runs = o.putArray("runs");
      r.runs().forEach(runs::add);
      ArrayNode d = o.putArray("differences");
      for (double x : r.differences()) {
        d.add(x);
      }
      ArrayNode left = o.putArray("leftOut");
      r.unpaired().forEach(left::add);
      ArrayNode svm = o.putArray("svm");
      for (PairedSummary.SvmNote s : r.svm()) {
        svm.addObject().put("block", s.block()).put("cells", s.cells()).put("notSeparable", s.notSeparable())
            .put("noCertificate", s.noCertificate()).put("marginNonPositive", s.nonPositiveMargin());
      }
    }
    return Json.toString(doc) + "\n";
  }
}
