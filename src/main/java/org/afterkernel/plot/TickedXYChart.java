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
import org.knowm.xchart.XYChart;

/**
 * An XChart XY chart whose x ticks sit at given positions with given labels: XChart 3.8 picks
 * tick positions itself, which on a log10(1 + epochs) axis would label 0.5 and 1.5 instead of
 * the measured epochs 0, 1, 3, 10, .... The chart blanks its own x tick labels (keeping their
 * space) and this class draws the ticks, labels and vertical grid lines over the painted chart,
 * for the PNG and the SVG alike. Labels that would overlap their left neighbour are left out.
 */
final class TickedXYChart extends XYChart {
  /** One x tick: where (in chart x units) and what it says. */
  record Tick(double position, String label) {}

  private static final Color GRID = new Color(0, 0, 0, 28);
  private static final int MARK = 4;
  private static final int GAP = 6;

  private final List<Tick> ticks;

  TickedXYChart(int width, int height, List<Tick> ticks) {
    super(width, height);
    this.ticks = ticks;
    if (!ticks.isEmpty()) {
      setCustomXAxisTickLabelsFormatter(x -> " ");
      getStyler().setPlotGridVerticalLinesVisible(false);
    }
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    super.paint(g, width, height);
    if (ticks.isEmpty()) {
      return;
    }
    Rectangle2D plotArea = plot.getBounds();
    Font font = getStyler().getAxisTickLabelsFont();
    FontRenderContext frc = new FontRenderContext(null, true, false);
    // Labels hang from a common top: that of a digit, as XChart's own labels would.
    double top = plotArea.getMaxY() + MARK + getStyler().getAxisTickPadding()
        - new TextLayout("0", font, frc).getBounds().getY();
    double lastRight = Double.NEGATIVE_INFINITY;
    for (Tick t : ticks) {
      double px = getScreenXFromChart(t.position());
      if (Double.isNaN(px) || px < plotArea.getMinX() - 0.5 || px > plotArea.getMaxX() + 0.5) {
        continue;
      }
      g.setColor(GRID);
      g.setStroke(new BasicStroke(1f));
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
      g.setColor(getStyler().getAxisTickLabelsColor());
      g.fill(outline);
      lastRight = left + box.getX() + box.getWidth();
    }
  }
}
