package org.afterkernel.plot;

import java.util.List;

/**
 * A figure ready to draw: its panels and the notes to show with it (skipped failed cells, points
 * averaged over fewer runs than the sweep has, measures absent).
 *
 * @param name file name stem, e.g. {@code fig02}
 * @param title what the figure shows, e.g. "Figure 2: SVM and NN test error vs epochs"
 * @param panels one chart per panel
 * @param notes remarks about the data, one sentence each
 */
public record FigurePlot(String name, String title, List<PlotPanel> panels, List<String> notes) {}
