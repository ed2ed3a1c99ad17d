package org.afterkernel.plot;

import java.util.List;

/**
 * One chart: a panel of a figure (the paper's (a), (b), ...), ready to draw.
 *
 * @param id file name stem, e.g. {@code fig02a}
 * @param title chart title, e.g. "Figure 2(a): VGG, MNIST 3-vs-8"
 * @param xTitle x-axis title
 * @param yTitle y-axis title
 * @param scale how x values are placed
 * @param categories the names of positions 0, 1, ... on a {@link XScale#CATEGORY} axis (else empty)
 * @param series the curves, in legend order
 */
record PlotPanel(String id, String title, String xTitle, String yTitle, XScale scale, List<String> categories,
    List<Series> series) {

  /**
   * One curve.
   *
   * @param label legend text
   * @param colour index of the colour (series that differ only in a variant share it)
   * @param style index of the line style: 0 solid, 1 dashed, 2 dotted...; {@link #SCATTER}: points
   *     only, not joined
   * @param points by increasing x
   */
  record Series(String label, int colour, int style, List<Point> points) {
    /** The style of a scatter of unjoined points. */
    static final int SCATTER = -1;
  }

  /**
   * One point: the mean over runs and the half-width of its error bar.
   *
   * @param x the x value (original units; the category index on a category axis; the mean of a
   *     measured x)
   * @param mean mean of the y values over runs
   * @param halfWidth stddev / sqrt(n) as the paper's error bars; null for a single run
   * @param n runs averaged
   * @param expected runs the sweep has for this point (more than n when runs failed or are missing)
   */
  record Point(double x, double mean, Double halfWidth, int n, int expected) {}
}
