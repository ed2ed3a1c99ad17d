package org.afterkernel.plot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.io.AtomicFiles;

/**
 * Writes a figure's panels to a directory: {@code <id>.png}, {@code <id>.svg} and {@code
 * <id>.csv} (the plotted points: series, x, mean, half-width, n, runs expected) per panel, each
 * file atomically.
 */
public final class FigureFiles {
  private FigureFiles() {}

  /** Writes every panel of {@code figure} into {@code dir}; returns the files written. */
  public static List<Path> write(FigurePlot figure, Path dir) {
    List<Path> out = new ArrayList<>();
    for (PlotPanel p : figure.panels()) {
      Path png = dir.resolve(p.id() + ".png");
      byte[] pngBytes = ChartRenderer.png(p);
      AtomicFiles.write(png, o -> o.write(pngBytes));
      Path svg = dir.resolve(p.id() + ".svg");
      byte[] svgBytes = ChartRenderer.svg(p);
      AtomicFiles.write(svg, o -> o.write(svgBytes));
      Path csv = dir.resolve(p.id() + ".csv");
      AtomicFiles.write(csv, o -> o.write(csv(p).getBytes(StandardCharsets.UTF_8)));
      out.addAll(List.of(png, svg, csv));
    }
    return out;
  }

  /** The panel's points as CSV, one row per point. */
  static String csv(PlotPanel p) {
    StringBuilder b = new StringBuilder("series,x,mean,half_width,n,runs\n");
    for (PlotPanel.Series s : p.series()) {
      for (PlotPanel.Point pt : s.points()) {
        String x = p.scale() == XScale.CATEGORY ? p.categories().get((int) pt.x()) : Double.toString(pt.x());
        b.append(quote(s.label())).append(',').append(quote(x)).append(',').append(pt.mean()).append(',')
            .append(pt.halfWidth() == null ? "" : pt.halfWidth().toString()).append(',').append(pt.n()).append(',')
            .append(pt.expected()).append('\n');
      }
    }
    return b.toString();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
