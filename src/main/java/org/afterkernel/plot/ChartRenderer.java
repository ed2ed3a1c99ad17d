package org.afterkernel.plot;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Draws a {@link PlotPanel} with XChart: one line per series through the means, error bars of
 * the half-widths, a legend, x ticks at the measured values on log and category axes and evenly
 * spaced ticks with few digits on linear axes ({@link AxisTicks}), the y axis included. Output
 * is PNG ({@link #png}) or SVG ({@link #svg}) bytes of {@link #WIDTH} x {@link #HEIGHT} pixels.
 */
public final class ChartRenderer {
  static {
    // Charts are drawn off screen; without this AWT may try to reach a display before XChart loads.
    System.setProperty("java.awt.headless", "true");
  }

  /** Width of every chart, in pixels. */
  public static final int WIDTH = 960;
  /** Height of every chart, in pixels. */
  public static final int HEIGHT = 560;

  private static final String FONT = Font.SANS_SERIF;
  private static final Color LABELS = new Color(0x222222);

  private ChartRenderer() {}

  /** The panel as a PNG image. */
  public static byte[] png(PlotPanel panel) {
    try {
      return BitmapEncoder.getBitmapBytes(chart(panel), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + panel.id() + " as PNG: " + e.getMessage(), e);
    }
  }

  /** The panel as an SVG document. */
  public static byte[] svg(PlotPanel panel) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart(panel), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + panel.id() + " as SVG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** The XChart chart of a panel. */
  static XYChart chart(PlotPanel panel) {
    XScale scale = panel.scale();
    AxisTicks yAxis = yTicks(panel);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (PlotPanel.Series s : panel.series()) {
      for (PlotPanel.Point p : s.points()) {
        lo = Math.min(lo, scale.position(p.x()));
        hi = Math.max(hi, scale.position(p.x()));
      }
    }
    List<TickedXYChart.Tick> xTicks = xTicks(panel, lo, hi);
    TickedXYChart chart = new TickedXYChart(WIDTH, HEIGHT, xTicks, yAxis.ticks(), yAxis::label, LABELS);
    chart.setTitle(panel.title());
    chart.setXAxisTitle(panel.xTitle());
    chart.setYAxisTitle(panel.yTitle());
    style(chart.getStyler());
    Set<String> names = new HashSet<>();
    for (PlotPanel.Series s : panel.series()) {
      int n = s.points().size();
      double[] x = new double[n];
      double[] y = new double[n];
      double[] err = new double[n];
      for (int i = 0; i < n; i++) {
        PlotPanel.Point p = s.points().get(i);
        x[i] = scale.position(p.x());
        y[i] = p.mean();
        err[i] = p.halfWidth() == null ? 0 : p.halfWidth();
      }
      String name = s.label();
      for (int k = 2; !names.add(name); k++) {
        name = s.label() + " [" + k + "]"; // XChart needs distinct names
      }
      XYSeries xs = chart.addSeries(name, x, y, err);
      Color c = Palette.colour(s.colour());
      xs.setLineColor(c);
      xs.setMarkerColor(c);
      boolean scatter = s.style() == PlotPanel.Series.SCATTER;
      xs.setMarker(Palette.marker(s.colour() + 4 * Math.max(0, s.style())));
      xs.setLineStyle(Palette.stroke(Math.max(0, s.style())));
      if (scale == XScale.CATEGORY || scatter) {
        xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter); // categories have no order to join
      }
    }
    // One complete curve needs no legend: the title names it.
    chart.getStyler().setLegendVisible(panel.series().size() > 1
        || panel.series().stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.n() < p.expected())));
    if (lo <= hi) {
      if (scale == XScale.LINEAR) {
        chart.getStyler().setXAxisMin(xTicks.get(0).position());
        chart.getStyler().setXAxisMax(xTicks.get(xTicks.size() - 1).position());
      } else {
        double pad = scale == XScale.CATEGORY || hi == lo ? 0.5 : (hi - lo) * 0.04;
        chart.getStyler().setXAxisMin(lo - pad);
        chart.getStyler().setXAxisMax(hi + pad);
      }
    }
    return chart;
  }

  /** Evenly spaced y ticks around every mean and error bar of the panel. */
  static AxisTicks yTicks(PlotPanel panel) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (PlotPanel.Series s : panel.series()) {
      for (PlotPanel.Point p : s.points()) {
        double hw = p.halfWidth() == null ? 0 : p.halfWidth();
        lo = Math.min(lo, p.mean() - hw);
        hi = Math.max(hi, p.mean() + hw);
      }
    }
    return AxisTicks.of(lo, hi);
  }

  /**
   * The x ticks: the categories; the distinct x values on log axes; evenly spaced ticks on
   * linear axes (60K, 80K for parameter counts).
   */
  private static List<TickedXYChart.Tick> xTicks(PlotPanel panel, double lo, double hi) {
    List<TickedXYChart.Tick> out = new ArrayList<>();
    if (panel.scale() == XScale.CATEGORY) {
      for (int i = 0; i < panel.categories().size(); i++) {
        out.add(new TickedXYChart.Tick(i, panel.categories().get(i)));
      }
    } else if (panel.scale() != XScale.LINEAR) {
      TreeSet<Double> xs = new TreeSet<>();
      panel.series().forEach(s -> s.points().forEach(p -> xs.add(p.x())));
      for (double x : xs) {
        out.add(new TickedXYChart.Tick(panel.scale().position(x), Labels.compact(x)));
      }
    } else {
      AxisTicks t = lo <= hi ? AxisTicks.of(lo, hi) : AxisTicks.of(0, 1);
      boolean large = Math.max(Math.abs(t.min()), Math.abs(t.max())) >= 1e4;
      out.addAll(t.ticks(v -> large ? Labels.compact(v) : t.label(v)));
    }
    return out;
  }

  private static void style(XYStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(new Color(0x444444));
    s.setPlotGridLinesColor(new Color(0, 0, 0, 28));
    s.setPlotGridLinesStroke(new java.awt.BasicStroke(1f));
    s.setAxisTicksLineVisible(false);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
    s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
    s.setChartFontColor(new Color(0x111111));
    s.setLegendFont(new Font(FONT, Font.PLAIN, 13));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(new Color(0xBBBBBB));
    s.setLegendBackgroundColor(Color.WHITE);
    s.setChartPadding(12);
    s.setMarkerSize(8);
    s.setErrorBarsColorSeriesColor(true);
    s.setAntiAlias(true);
  }
}
