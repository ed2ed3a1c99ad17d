package org.afterkernel.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns buckets into titled panels: panels in facet order and lettered (a), (b), ... like the
 * paper's; within a panel, the legend names what differs between its series and the title what
 * they share. Series that differ only in a variant (the NTK, augmentation, the conjugate kernel)
 * share a colour and differ in line style.
 */
final class PanelLayout {
  private final PlotSpec spec;
  private final XScale scale;
  private final List<String> categories;
  private final List<Dimension> seriesDims;

  PanelLayout(PlotSpec spec, XScale scale, List<String> categories, List<Dimension> seriesDims) {
    this.spec = spec;
    this.scale = scale;
    this.categories = categories;
    this.seriesDims = seriesDims;
  }

  List<PlotPanel> panels(Buckets buckets) {
    List<List<Facet>> keys = new ArrayList<>(buckets.panels().keySet());
    // MNIST panels first, as in the paper, then in the order of the panel facets.
    keys.sort(Comparator.comparingDouble(PanelLayout::datasetRank).thenComparing(Aggregation.FACETS));
    List<PlotPanel> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String letter = keys.size() > 1 ? letter(i) : "";
      PlotPanel p = panel(keys.get(i), buckets.panels().get(keys.get(i)), buckets, letter);
      if (!p.series().isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private PlotPanel panel(List<Facet> panelKey, Map<List<Facet>, Map<Object, Buckets.Bucket>> seriesMap,
      Buckets buckets, String letter) {
    List<List<Facet>> keys = new ArrayList<>();
    for (Map.Entry<List<Facet>, Map<Object, Buckets.Bucket>> e : seriesMap.entrySet()) {
      if (e.getValue().values().stream().anyMatch(b -> !b.ys.isEmpty())) {
        keys.add(e.getKey());
      }
    }
    keys.sort(Aggregation.FACETS);
    boolean[] varies = new boolean[seriesDims.size()];
    for (int d = 0; d < varies.length; d++) {
      int dim = d;
      varies[d] = keys.stream().map(k -> String.valueOf(k.get(dim).label())).distinct().count() > 1;
    }
    List<String> colourKeys = new ArrayList<>();
    List<String> styleKeys = new ArrayList<>();
    List<PlotPanel.Series> series = new ArrayList<>();
    Set<String> measures = new LinkedHashSet<>();
    for (List<Facet> k : keys) {
      measures.addAll(buckets.measures(panelKey, k));
      StringBuilder colour = new StringBuilder();
      StringBuilder style = new StringBuilder();
      List<String> words = new ArrayList<>();
      List<String> variants = new ArrayList<>();
      for (int d = 0; d < varies.length; d++) {
        Facet f = k.get(d);
        if (varies[d] && f.label() != null) {
          (f.style() ? variants : words).add(f.label());
        }
        (f.style() ? style : colour).append(varies[d] ? f.label() : "").append('|');
      }
      words.addAll(variants); // "VGG, NTK": the curve, then its variant
      String label = words.isEmpty() ? quantity(panelKey, k, buckets) : String.join(", ", words);
      List<PlotPanel.Point> points = seriesMap.get(k).values().stream().filter(b -> !b.ys.isEmpty())
          .map(b -> b.point(buckets.runs())).sorted(Comparator.comparingDouble(PlotPanel.Point::x)).toList();
      series.add(new PlotPanel.Series(label + runsNote(points), index(colourKeys, colour.toString()),
          index(styleKeys, style.toString()), points));
    }
    String prefix = spec.figure() != null
        ? "Figure " + spec.figure() + (letter.isEmpty() ? "" : "(" + letter + ")") : spec.title();
    List<String> shared = shared(panelKey, keys.isEmpty() ? List.of() : keys.get(0), varies);
    String title = shared.isEmpty() ? prefix : prefix + ": " + String.join(", ", shared);
    String xTitle = spec.x().title() + (scale.describe().isEmpty() ? "" : " (" + scale.describe() + ")");
    // Figures' panels are named as the paper's (fig02a); other plots' get a separator (ak_swap-vs-task-a).
    String id = letter.isEmpty() || spec.figure() != null ? spec.name() + letter : spec.name() + "-" + letter;
    return new PlotPanel(id, title, xTitle, yTitle(measures), scale, categories, series);
  }

  /**
   * What the panel's series share, for its title: the panel's facets, then the series facets that
   * do not vary (colour facets before style facets; the quantity is the y axis's title). A label
   * contained in a longer one ("MNIST" in "MNIST 3-vs-8") is left out.
   */
  private List<String> shared(List<Facet> panelKey, List<Facet> anySeries, boolean[] varies) {
    List<String> words = new ArrayList<>();
    panelKey.forEach(f -> words.add(f.label()));
    for (boolean style : new boolean[] {false, true}) {
      for (int d = 0; d < anySeries.size(); d++) {
        Facet f = anySeries.get(d);
        if (!varies[d] && f.style() == style && seriesDims.get(d) != Dimension.QUANTITY) {
          words.add(f.label());
        }
      }
    }
    words.removeIf(w -> w == null);
    List<String> out = new ArrayList<>();
    for (String w : words) {
      boolean contained = words.stream().anyMatch(o -> o.startsWith(w + " "));
      if (!contained && !out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The dataset of a panel (0 MNIST, 1 CIFAR-10, as its dataset or task facet says; 0 without one). */
  private static double datasetRank(List<Facet> key) {
    for (Facet f : key) {
      if (f.dimension().equals("dataset")) {
        return f.order();
      }
      if (f.dimension().equals("task")) {
        return Math.floor(f.order() / 10_000); // Labels.taskOrder: dataset * 10000 + classes
      }
    }
    return 0;
  }

  /** a, b, ..., z, then aa, ab, ... */
  static String letter(int i) {
    return i < 26 ? String.valueOf((char) ('a' + i)) : letter(i / 26 - 1) + letter(i % 26);
  }

  /** The legend text of a series whose facets are all shared: its quantity. */
  private static String quantity(List<Facet> panelKey, List<Facet> key, Buckets buckets) {
    Set<String> m = buckets.measures(panelKey, key);
    return m.isEmpty() ? "mean" : MeasureName.of(m.iterator().next()).quantity();
  }

  /** " (n = 1–2 of 2)" when a point averages fewer runs than the sweep has, else "". */
  private static String runsNote(List<PlotPanel.Point> points) {
    int min = points.stream().mapToInt(PlotPanel.Point::n).min().orElse(0);
    int max = points.stream().mapToInt(PlotPanel.Point::n).max().orElse(0);
    int expected = points.stream().mapToInt(PlotPanel.Point::expected).max().orElse(0);
    if (points.stream().allMatch(p -> p.n() >= p.expected())) {
      return "";
    }
    return " (n = " + (min == max ? min : min + "–" + max) + " of " + expected + ")";
  }

  /** The y title: the measure's own when the panel plots one quantity, else the spec's. */
  private String yTitle(Set<String> measures) {
    Set<String> titles = new LinkedHashSet<>();
    measures.forEach(m -> titles.add(MeasureName.of(m).axisTitle()));
    return titles.size() == 1 ? titles.iterator().next() : spec.yTitle();
  }

  private static int index(List<String> keys, String key) {
    int i = keys.indexOf(key);
    if (i < 0) {
      keys.add(key);
      return keys.size() - 1;
    }
    return i;
  }
}
