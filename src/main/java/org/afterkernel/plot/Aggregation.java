package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.afterkernel.AkException;
import org.afterkernel.sweep.SweepPlan;
import org.afterkernel.sweep.SweepSummary;

/**
 * Cuts a sweep's result lines into panels, series and points according to a {@link PlotSpec}, and
 * averages each point's runs ({@link Buckets}). Failed cells are skipped with a note; a point with
 * fewer runs than the sweep has is kept with its n, noted, and its series' legend says so.
 */
public final class Aggregation {
  private static final int MAX_LISTED = 12;

  private final PlotSpec spec;
  private final List<ObjectNode> lines;
  private final List<String> notes = new ArrayList<>();

  private final int declaredRuns;

  private Aggregation(PlotSpec spec, List<ObjectNode> lines, int runs) {
    this.spec = spec;
    this.lines = lines;
    this.declaredRuns = runs;
  }

  /**
   * The figure of {@code spec} drawn from {@code lines} (one line per cell: deduplicated).
   *
   * @throws AkException when no cell is done, a required measure or the x field is absent
   */
  public static FigurePlot of(PlotSpec spec, List<ObjectNode> lines) {
    return of(spec, lines, 0);
  }

  /**
   * The figure, with {@code runs} the runs every point should have (the sweep definition's; 0:
   * from the lines, see {@link #runs}).
   */
  public static FigurePlot of(PlotSpec spec, List<ObjectNode> lines, int runs) {
    return new Aggregation(spec, lines, runs).build();
  }

  private FigurePlot build() {
    List<ObjectNode> done = lines.stream().filter(Aggregation::isDone).toList();
    if (done.isEmpty()) {
      throw new AkException("no finished cells to plot (" + lines.size() + " cell(s), none done)");
    }
    List<MeasureName> measures = measures(done);
    XScale scale = scale(done);
    noteFailures();
    List<Dimension> seriesDims = seriesDimensions(measures);
    List<String> categories = scale == XScale.CATEGORY ? categories() : List.of();
    Buckets buckets = new Buckets(spec.x(), scale, categories, spec.panelBy(), seriesDims, runs());
    for (ObjectNode line : lines) {
      for (MeasureName m : measures) {
        buckets.add(line, m);
      }
    }
    if (buckets.withoutX() > 0) {
      notes.add(buckets.withoutX() + " finished cell(s) have no " + spec.x().key() + " and are not plotted");
    }
    if (spec.groupBy() != null && buckets.pooled() > 0) {
      notes.add(buckets.pooled() + " point(s) average the runs of several settings (the groups do not tell them"
          + " apart; add --group fields to separate them)");
    }
    List<PlotPanel> panels = new PanelLayout(spec, scale, categories, seriesDims).panels(buckets);
    incompleteNotes(panels);
    return new FigurePlot(spec.name(), spec.title(), panels, List.copyOf(notes));
  }

  static boolean isDone(ObjectNode line) {
    return line.path("status").asText().equals("done");
  }

  /** The required measures (all present, else an error) and the baselines present. */
  private List<MeasureName> measures(List<ObjectNode> done) {
    Set<String> present = new TreeSet<>();
    done.forEach(l -> l.path("values").fieldNames().forEachRemaining(present::add));
    List<MeasureName> out = new ArrayList<>();
    for (String key : spec.measures()) {
      if (!present.contains(key)) {
        String what = spec.figure() != null ? "figure " + spec.figure() : "the plot";
        throw new AkException(what + " needs " + MeasureName.of(key).describe() + ", which none of the "
            + done.size() + " finished cell(s) measured (they hold " + (present.isEmpty() ? "no values" : present)
            + ")" + (spec.producer() == null ? "" : "; the sweep " + spec.producer() + " measures it: tools/ak sweep run "
            + spec.producer()));
      }
      out.add(MeasureName.of(key));
    }
    for (String key : spec.baselines()) {
      if (present.contains(key)) {
        out.add(MeasureName.of(key));
      } else {
        notes.add("no " + MeasureName.of(key).describe() + " in the results: the baseline is not drawn");
      }
    }
    return out;
  }

  /** The scale asked for, or the natural one of the x field; checked against every x value. */
  private XScale scale(List<ObjectNode> done) {
    ResultField x = spec.x();
    boolean any = false;
    boolean numeric = true;
    for (ObjectNode l : done) {
      JsonNode raw = x.raw(l);
      if (raw != null && !raw.isNull() || x.number(l) != null) {
        any = true;
        numeric &= x.number(l) != null;
      }
    }
    if (!any) {
      String what = spec.figure() != null ? "figure " + spec.figure() + " plots against " + x.key() + ", but" : "--x "
          + x.key() + ":";
      throw new AkException(what + " none of the " + done.size() + " finished cell(s) record it"
          + (spec.producer() == null ? "" : "; the sweep " + spec.producer() + " varies it"));
    }
    XScale s = spec.scale();
    if (s == null) {
      s = !numeric ? XScale.CATEGORY
          : x.equals(ResultField.EPOCHS) || x.key().equals("max-num-epochs") ? XScale.SYMLOG
          : x.key().equals("learning-rate") ? XScale.LOG : XScale.LINEAR;
    } else if (!numeric) {
      throw new AkException(x.key() + " is not a number; it can only be drawn as categories (--x-scale auto)");
    }
    if (numeric) {
      for (ObjectNode l : done) {
        Double v = x.number(l);
        if (v != null) {
          s.check(v, x.key());
        }
      }
    }
    return s;
  }

  /** The x categories in order: the facets of the x field over all cells. */
  private List<String> categories() {
    TreeSet<Facet> facets = new TreeSet<>();
    for (ObjectNode l : lines) {
      Facet f = spec.x().facet(l, MeasureName.of(""));
      if (f.label() != null) {
        facets.add(f);
      }
    }
    return facets.stream().map(Facet::label).distinct().toList();
  }

  /** Series dimensions: as asked, or the default (every aspect not accounted for elsewhere). */
  private List<Dimension> seriesDimensions(List<MeasureName> measures) {
    if (spec.groupBy() != null) {
      return spec.groupBy();
    }
    List<Dimension> dims = new ArrayList<>(List.of(Dimension.QUANTITY, Dimension.KERNEL, ResultField.ARCHITECTURE,
        ResultField.TASK));
    Set<String> absorbed = new LinkedHashSet<>(spec.x().absorbs());
    for (Dimension d : dims) {
      absorbed.addAll(d.absorbs());
    }
    for (Dimension d : spec.panelBy()) {
      absorbed.addAll(d.absorbs());
    }
    Set<String> keys = new TreeSet<>();
    lines.forEach(l -> l.path("settings").fieldNames().forEachRemaining(keys::add));
    for (String k : keys) {
      if (!absorbed.contains(k)) {
        dims.add(ResultField.config(k));
      }
    }
    dims.removeIf(d -> d.name().equals(spec.x().name())
        || spec.panelBy().stream().anyMatch(p -> p.name().equals(d.name())));
    return dims;
  }

  /**
   * The n every point should have: the runs given, else the definition's as the lines record it
   * ({@code sweepRuns}), else (older lines) the distinct runs found; never fewer than found.
   */
  private int runs() {
    int found = (int) lines.stream().map(l -> l.path("run").asInt()).distinct().count();
    int recorded = lines.stream().mapToInt(l -> l.path("sweepRuns").asInt(0)).max().orElse(0);
    return Math.max(found, declaredRuns > 0 ? declaredRuns : recorded);
  }

  private void noteFailures() {
    List<ObjectNode> failed = lines.stream().filter(l -> !isDone(l)).toList();
    if (failed.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder(failed.size() + " failed cell(s) skipped: ");
    for (int i = 0; i < Math.min(3, failed.size()); i++) {
      ObjectNode f = failed.get(i);
      b.append(i > 0 ? "; " : "").append(SweepSummary.describe((ObjectNode) f.get("settings"))).append(" run ")
          .append(f.path("run").asInt()).append(": ").append(f.path("error").asText("no error recorded"));
    }
    notes.add(b.append(failed.size() > 3 ? "; ..." : "").toString());
  }

  private void incompleteNotes(List<PlotPanel> panels) {
    List<String> incomplete = new ArrayList<>();
    for (PlotPanel p : panels) {
      for (PlotPanel.Series s : p.series()) {
        for (PlotPanel.Point pt : s.points()) {
          if (pt.n() < pt.expected()) {
            incomplete.add(p.id() + " \"" + s.label() + "\" at " + spec.x().key() + " "
                + (p.scale() == XScale.CATEGORY ? p.categories().get((int) pt.x()) : Labels.number(pt.x()))
                + ": n = " + pt.n() + " of " + pt.expected());
          }
        }
      }
    }
    if (!incomplete.isEmpty()) {
      notes.add(incomplete.size() + " point(s) average fewer runs than the sweep has (plotted with their n): "
          + String.join("; ", incomplete.subList(0, Math.min(MAX_LISTED, incomplete.size())))
          + (incomplete.size() > MAX_LISTED ? "; ..." : ""));
    }
  }

  /** The canonical text of a line's settings: one setting of the sweep. */
  static String setting(ObjectNode line) {
    JsonNode s = line.get("settings");
    return s instanceof ObjectNode o ? SweepPlan.canonical(o) : "{}";
  }

  /** Sorts facet lists element by element. */
  static final Comparator<List<Facet>> FACETS = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };
}
