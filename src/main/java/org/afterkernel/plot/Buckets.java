package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.experiment.Statistics;

/**
 * The values of each point of a plot, keyed by panel facets, series facets and x. Every cell
 * counts towards the runs a point should have (failed ones too); only finished cells give values.
 * A measured x (e.g. {@code --x ak_alignment}) varies from run to run, so its points are the
 * sweep's settings, placed at the mean x of their runs.
 */
final class Buckets {
  /** The values gathered for one point. */
  static final class Bucket {
    final Set<String> settings = new LinkedHashSet<>();
    final List<Double> ys = new ArrayList<>();
    final List<Double> xs = new ArrayList<>();
    int cells;
    double x;

    /** The point: mean and half-width of the y values (the experiment's statistics). */
    PlotPanel.Point point(int runs) {
      double[] v = ys.stream().mapToDouble(Double::doubleValue).toArray();
      Statistics s = Statistics.of(v);
      double px = xs.isEmpty() ? x : Statistics.of(xs.stream().mapToDouble(Double::doubleValue).toArray()).mean();
      return new PlotPanel.Point(px, s.mean(), s.halfWidth(), s.n(), Math.max(cells, settings.size() * runs));
    }
  }

  private final ResultField x;
  private final XScale scale;
  private final List<String> categories;
  private final List<Dimension> panelBy;
  private final List<Dimension> seriesBy;
  private final int runs;
  private final Map<List<Facet>, Map<List<Facet>, Map<Object, Bucket>>> panels = new LinkedHashMap<>();
  private final Map<List<List<Facet>>, Set<String>> measuresOfSeries = new LinkedHashMap<>();
  private final Set<String> withoutX = new HashSet<>();

  Buckets(ResultField x, XScale scale, List<String> categories, List<Dimension> panelBy, List<Dimension> seriesBy,
      int runs) {
    this.x = x;
    this.scale = scale;
    this.categories = categories;
    this.panelBy = panelBy;
    this.seriesBy = seriesBy;
    this.runs = runs;
  }

  /** Adds the value of {@code m} in {@code line} (or, for a failed cell, the run it lacks). */
  void add(ObjectNode line, MeasureName m) {
    boolean done = Aggregation.isDone(line);
    JsonNode y = line.path("values").get(m.key());
    if (done && (y == null || !y.isNumber())) {
      return; // this setting does not measure m
    }
    Object key;
    Double xv = null;
    if (x.measured()) {
      key = Aggregation.setting(line);
      if (done) {
        xv = x.number(line);
        if (xv == null) {
          withoutX.add(line.path("cell").asText());
          return;
        }
      }
    } else if (scale == XScale.CATEGORY) {
      int i = categories.indexOf(x.facet(line, m).label());
      if (i < 0) {
        return;
      }
      key = (double) i;
    } else {
      Double v = x.number(line);
      if (v == null) {
        if (done) {
          withoutX.add(line.path("cell").asText());
        }
        return;
      }
      key = v;
    }
    List<Facet> panel = panelBy.stream().map(d -> d.facet(line, m)).toList();
    List<Facet> series = seriesBy.stream().map(d -> d.facet(line, m)).toList();
    Bucket b = panels.computeIfAbsent(panel, k -> new LinkedHashMap<>())
        .computeIfAbsent(series, k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Bucket());
    measuresOfSeries.computeIfAbsent(List.of(panel, series), k -> new LinkedHashSet<>()).add(m.key());
    if (key instanceof Double d) {
      b.x = d;
    }
    b.settings.add(Aggregation.setting(line));
    b.cells++;
    if (done) {
      b.ys.add(y.asDouble());
      if (xv != null) {
        b.xs.add(xv);
      }
    }
  }

  /** Panel facets to series facets to x key to bucket. */
  Map<List<Facet>, Map<List<Facet>, Map<Object, Bucket>>> panels() {
    return panels;
  }

  /** The measure keys plotted in a series of a panel. */
  Set<String> measures(List<Facet> panel, List<Facet> series) {
    return measuresOfSeries.getOrDefault(List.of(panel, series), Set.of());
  }

  /** Runs per setting in the sweep. */
  int runs() {
    return runs;
  }

  /** Finished cells without an x value. */
  int withoutX() {
    return withoutX.size();
  }

  /** Points averaging the runs of more than one setting. */
  int pooled() {
    int n = 0;
    for (Map<List<Facet>, Map<Object, Bucket>> p : panels.values()) {
      for (Map<Object, Bucket> s : p.values()) {
        n += (int) s.values().stream().filter(b -> b.settings.size() > 1).count();
      }
    }
    return n;
  }
}
