/**
 * Figures and reports from sweep results: the paper's sixteen figures ({@link
 * org.afterkernel.plot.FigureCatalog}) and plots of any pair of result fields ({@link
 * org.afterkernel.plot.PlotSpec}), drawn with XChart as PNG and SVG, and a self-contained HTML
 * report of one or more sweeps ({@link org.afterkernel.plot.HtmlReport}).
 *
 * <p>The pipeline: result lines (read by {@code sweep.SweepFiles}) are cut into panels, series and
 * points by {@link org.afterkernel.plot.Aggregation}, which averages each point's runs with {@code
 * experiment.Statistics} (mean and half-width, as the paper's error bars); {@link
 * org.afterkernel.plot.ChartRenderer} draws each panel. Facets ({@link org.afterkernel.plot.Facet})
 * name what distinguishes panels and series in human terms ("VGG", "MNIST 3-vs-8", "NTK").
 */
package org.afterkernel.plot;
