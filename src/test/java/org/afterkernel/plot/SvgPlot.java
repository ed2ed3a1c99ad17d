package org.afterkernel.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back what a chart's SVG draws inside its plot area (the clipped group): series lines are
 * 2-pixel {@code <line>} segments in the series' colour (dashed ones carry a dash array), error
 * bars 1-pixel vertical lines in the same colour. Written for the tests, independent of the code
 * that draws.
 */
public final class SvgPlot {
  /** A series line: its stroke and its vertices (segment ends), by x then y. */
  public record Polyline(String stroke, boolean dashed, List<double[]> vertices) {}

  /** A vertical error bar: its x and its two ends. */
  public record Bar(String stroke, double x, double y1, double y2) {
    public double length() {
      return Math.abs(y2 - y1);
    }
  }

  private static final Pattern LINE = Pattern.compile("<line style=\"([^\"]*)\"([^>]*)/>");

  private final List<Polyline> polylines = new ArrayList<>();
  private final List<Bar> bars = new ArrayList<>();

  public SvgPlot(String svg) {
    int start = svg.indexOf("<g clip-path=");
    if (start < 0) {
      throw new AssertionError("no clipped plot group in the SVG");
    }
    String plot = svg.substring(start, svg.indexOf("</g>", start));
    Map<String, TreeSet<String>> vertices = new LinkedHashMap<>();
    Matcher m = LINE.matcher(plot);
    while (m.find()) {
      String style = m.group(1);
      double x1 = attr(m.group(2), "x1");
      double x2 = attr(m.group(2), "x2");
      double y1 = attr(m.group(2), "y1");
      double y2 = attr(m.group(2), "y2");
      String stroke = style.replaceAll(".*stroke:(rgb\\([^)]*\\)).*", "$1");
      if (style.contains("stroke-width:2;")) {
        String key = stroke + (style.contains("stroke-dasharray") ? " dashed" : "");
        TreeSet<String> v = vertices.computeIfAbsent(key, k -> new TreeSet<>());
        v.add(String.format(java.util.Locale.ROOT, "%012.4f %012.4f", x1, y1));
        v.add(String.format(java.util.Locale.ROOT, "%012.4f %012.4f", x2, y2));
      } else if (!style.contains("stroke-width") && Math.abs(x1 - x2) < 1e-9 && Math.abs(y1 - y2) > 1e-6) {
        bars.add(new Bar(stroke, x1, y1, y2));
      }
    }
    for (Map.Entry<String, TreeSet<String>> e : vertices.entrySet()) {
      List<double[]> v = new ArrayList<>();
      for (String s : e.getValue()) {
        String[] xy = s.trim().split("\\s+");
        v.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
      }
      polylines.add(new Polyline(e.getKey().replace(" dashed", ""), e.getKey().endsWith(" dashed"), v));
    }
  }

  private static double attr(String attrs, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"([-0-9.eE]+)\"").matcher(attrs);
    if (!m.find()) {
      throw new AssertionError("line without " + name + ": " + attrs);
    }
    return Double.parseDouble(m.group(1));
  }

  /** The series lines, one per stroke (colour and dash). */
  public List<Polyline> polylines() {
    return polylines;
  }

  /** The error bars of non-zero length. */
  public List<Bar> bars() {
    return bars;
  }
}
