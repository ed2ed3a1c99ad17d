package org.afterkernel.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * An XChart XY chart whose ticks sit at given positions with given labels, on both axes: XChart
 * 3.8 picks tick positions itself, which on a log10(1 + epochs) axis would label 0.5 and 1.5
 * instead of the measured epochs 0, 1, 3, 10, ..., and on the y axis may label only the two
 * extremes of the data to 6-8 digits. XChart's own tick labels are kept (so that it reserves
 * their space: the widest y label is given to every y tick) but drawn transparent, its grid is
 * turned off, and this class draws the ticks, labels and grid lines over the painted chart, for
 * the PNG and the SVG alike. x labels that would overlap their left neighbour are left out.
 */
final class TickedXYChart extends XYChart {
  /** One tick: where (in chart units) and what it says. */
  record Tick(double position, String label) {}

  private static final Color GRID = new Color(0, 0, 0, 28);
  private static final Color INVISIBLE = new Color(0, 0, 0, 0);
  private static final int MARK = 4;
  private static final int GAP = 6;

  private final List<Tick> xTicks;
  private final List<Tick> yTicks;
  private final Color labels;

  /**
   * A chart with x ticks {@code xTicks} and y ticks {@code yTicks} (in increasing order; the y
   * axis spans the first to the last), labels drawn in {@code labels}. {@code yFormat} formats
   * XChart's own (invisible) y labels: give the format of {@code yTicks}, so that they reserve
   * the room ours need.
   */
  TickedXYChart(int width, int height, List<Tick> xTicks, List<Tick> yTicks, Function<Double, String> yFormat,
      Color labels) {
    super(width, height);
    this.xTicks = List.copyOf(xTicks);
    this.yTicks = List.copyOf(yTicks);
    this.labels = labels;
    setCustomXAxisTickLabelsFormatter(x -> " ");
    setCustomYAxisTickLabelsFormatter(yFormat); // XChart's labels, as wide as ours, reserve their room
    getStyler().setPlotGridLinesVisible(false);
    getStyler().setAxisTicksMarksVisible(false);
    getStyler().setAxisTickLabelsColor(INVISIBLE);
    if (!yTicks.isEmpty()) {
      getStyler().setYAxisMin(yTicks.get(0).position());
      getStyler().setYAxisMax(yTicks.get(yTicks.size() - 1).position());
    }
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    super.paint(g, width, height);
    Rectangle2D plotArea = plot.getBounds();
    Font font = getStyler().getAxisTickLabelsFont();
    FontRenderContext frc = new FontRenderContext(null, true, false);
    double digitTop = -new TextLayout("0", font, frc).getBounds().getY();
    g.setStroke(new BasicStroke(1f));
    for (Tick t : yTicks) {
      double py = getScreenYFromChart(t.position());
      if (Double.isNaN(py) || py < plotArea.getMinY() - 0.5 || py > plotArea.getMaxY() + 0.5) {
        continue;
      }
      g.setColor(GRID);
      g.draw(new Line2D.Double(plotArea.getMinX(), py, plotArea.getMaxX(), py));
      g.setColor(getStyler().getAxisTickMarksColor());
      g.draw(new Line2D.Double(plotArea.getMinX() - MARK, py, plotArea.getMinX(), py));
      TextLayout text = new TextLayout(t.label(), font, frc);
      Rectangle2D box = text.getBounds();
      double left = plotArea.getMinX() - MARK - getStyler().getAxisTickPadding() - box.getWidth() - box.getX();
      g.setColor(labels);
      g.fill(text.getOutline(AffineTransform.getTranslateInstance(left, py + digitTop / 2)));
    }
    // x labels hang from a common top: that of a digit, as XChart's own labels would.
    double top = plotArea.getMaxY() + MARK + getStyler().getAxisTickPadding() + digitTop;
    double lastRight = Double.NEGATIVE_INFINITY;
    for (Tick t : xTicks) {
      double px = getScreenXFromChart(t.position());
      if (Double.isNaN(px) || px < plotArea.getMinX() - 0.5 || px > plotArea.getMaxX() + 0.5) {
        continue;
      }
      g.setColor(GRID);
      g.draw(new Line2D.Double(px, plotArea.getMinY(), px, plotArea.getMaxY()));
      g.setColor(getStyler().getAxisTickMarksColor());
      g.draw(new Line2D.Double(px, plotArea.getMaxY(), px, plotArea.getMaxY() + MARK));
      TextLayout text = new TextLayout(t.label(), font, frc);
      Rectangle2D box = text.getBounds();
      double left = px - box.getWidth() / 2 - box.getX();
      if (left < lastRight + GAP) {
        continue;
      }
      Shape outline = text.getOutline(AffineTransform.getTranslateInstance(left, top));
      g.setColor(labels);
      g.fill(outline);
      lastRight = left + box.getX() + box.getWidth();
    }
  }
}
