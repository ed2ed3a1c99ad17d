package org.afterkernel.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What to plot: y measures against an x field, cut into panels and series by dimensions. A
 * figure of the paper is one ({@link FigureCatalog}); {@code ak plot --x --y --group} builds
 * another.
 *
 * @param name file name stem of the outputs, e.g. {@code fig04}
 * @param figure the paper's figure number (null for other plots)
 * @param title what the plot shows
 * @param x the x field
 * @param scale how x is placed (null: chosen from the field and its values)
 * @param measures y measure keys that must be present
 * @param baselines y measure keys drawn when present (the NTK beside the after kernel)
 * @param panelBy dimensions whose facets make a panel each (empty: one panel)
 * @param groupBy dimensions whose facets make a series each; null for the default: the quantity,
 *     the kernel, the architecture, the task and every setting not accounted for by x or the panels
 * @param yTitle y-axis title when a panel holds several quantities
 * @param producer the sweep config that measures what the plot needs, for error messages (or null)
 */
public record PlotSpec(String name, Integer figure, String title, ResultField x, XScale scale, List<String> measures,
    List<String> baselines, List<Dimension> panelBy, List<Dimension> groupBy, String yTitle, String producer) {

  /**
   * A plot of any pair of fields, for {@code ak plot --x X --y Y[,Y2] [--group G,...] [--panel P,...]}.
   *
   * @param lines the results, to resolve field names against
   * @param scale "auto", "linear", "log" or "symlog"
   */
  public static PlotSpec generic(List<ObjectNode> lines, String x, List<String> y, List<String> group,
      List<String> panel, String scale, String name) {
    ResultField xf = ResultField.parse(x, lines);
    List<String> ys = new ArrayList<>();
    for (String m : y) {
      ResultField f = ResultField.parse(m, lines);
      if (!f.measured()) {
        throw new org.afterkernel.AkException("--y " + m + ": expected a measure of the results' values"
            + " (e.g. nn_error, linear_error, ak_swap), not " + f.kind().name().toLowerCase(java.util.Locale.ROOT)
            + " field " + f.key());
      }
      ys.add(f.key());
    }
    List<Dimension> groups = null;
    if (group != null && !group.isEmpty()) {
      groups = new ArrayList<>();
      for (String g : group) {
        groups.add(ResultField.parse(g, lines));
      }
      if (ys.size() > 1) {
        groups.add(0, Dimension.QUANTITY);
        groups.add(1, Dimension.KERNEL);
      }
    }
    List<Dimension> panels = new ArrayList<>();
    if (panel != null) {
      for (String p : panel) {
        panels.add(ResultField.parse(p, lines));
      }
    }
    String stem = name != null ? name : String.join("-", ys) + "-vs-" + xf.key();
    XScale s = scale == null || scale.equalsIgnoreCase("auto") ? null : XScale.parse(scale);
    return new PlotSpec(stem, null, String.join(", ", ys) + " vs " + xf.key(), xf, s, ys, List.of(), panels, groups,
        MeasureName.sharedTitle(ys), null);
  }
}
