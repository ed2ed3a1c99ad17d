package org.afterkernel.plot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One self-contained HTML page for one or more sweeps: per sweep its figure (PNG images embedded
 * as data URIs, with each panel's points as a CSV download), notes, summary table, failed cells,
 * configuration and provenance. No external resource, no server: the file opens in any browser.
 * A small script marks the page with the number of images that decoded ({@code
 * <body data-images="k/n">}) and warns on the page when one did not.
 */
public final class HtmlReport {
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;
        max-width:1100px;padding:1.5em;color:#111;line-height:1.45}
      h1{font-size:1.7em;margin-bottom:.2em} h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2.2em}
      h3{margin-top:1.6em} .meta{color:#555} nav ul{columns:2}
      figure{margin:1.2em 0} figure img{max-width:100%;height:auto;border:1px solid #ddd}
      figcaption{color:#444;font-size:.92em}
      table{border-collapse:collapse;font-size:.88em;margin:.6em 0;display:block;overflow-x:auto}
      th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
      thead th{background:#f1f5f9} td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
      pre{background:#f6f8fa;border:1px solid #ddd;padding:.8em;overflow-x:auto;font-size:.85em}
      .notes li{color:#7a4a00} .problem{color:#a00000;font-weight:600}
      #image-warning{display:none;background:#a00000;color:#fff;padding:.6em 1em;font-weight:600}
      """;
  private static final String SCRIPT = """
      window.addEventListener('load', function () {
        var images = Array.prototype.slice.call(document.images);
        var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
        document.body.setAttribute('data-images', loaded + '/' + images.length);
        if (loaded < images.length) {
          var w = document.getElementById('image-warning');
          w.textContent = (images.length - loaded) + ' of ' + images.length + ' figures failed to load.';
          w.style.display = 'block';
        }
      });
      """;

  private HtmlReport() {}

  /**
   * The page.
   *
   * @param sections one per sweep
   * @param generatedAt when the report is made (ISO-8601)
   * @param command the command that made it
   */
  public static String render(List<ReportSection> sections, String generatedAt, String command) {
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>afterkernel report: ").append(sections.size()).append(" sweep(s)</title>\n<style>")
        .append(CSS).append("</style>\n</head>\n<body data-images=\"pending\">\n")
        .append("<div id=\"image-warning\"></div>\n<h1>afterkernel report</h1>\n<p class=\"meta\">Generated ")
        .append(Html.escape(generatedAt)).append(" by <code>").append(Html.escape(command)).append("</code>. Points are")
        .append(" means over runs; error bars are half-widths (sample standard deviation / &radic;n), as in the paper.")
        .append("</p>\n<nav><ul>\n");
    for (ReportSection s : sections) {
      b.append("<li><a href=\"#").append(anchor(s)).append("\">").append(Html.escape(heading(s))).append("</a></li>\n");
    }
    b.append("</ul></nav>\n");
    for (ReportSection s : sections) {
      section(b, s);
    }
    return b.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n").toString();
  }

  private static void section(StringBuilder b, ReportSection s) {
    SweepResults r = s.results();
    b.append("<section id=\"").append(anchor(s)).append("\">\n<h2>").append(Html.escape(heading(s))).append("</h2>\n")
        .append("<p class=\"meta\">").append(r.done()).append(" cell(s) done, ").append(r.failed())
        .append(" failed; sweep definition hash <code>").append(Html.escape(r.hash())).append("</code>; read from ")
        .append(Html.escape(String.join(", ", r.files().stream().map(Object::toString).toList()))).append("</p>\n");
    if (s.figure() != null) {
      figure(b, s.figure());
    } else {
      b.append("<p class=\"problem\">No figure: ").append(Html.escape(s.figureProblem())).append("</p>\n");
    }
    b.append("<h3>Summary (mean ± half-width per setting)</h3>\n").append(ReportTables.summary(r.lines()));
    String failed = ReportTables.failed(r.lines());
    if (!failed.isEmpty()) {
      b.append("<h3>Failed cells</h3>\n").append(failed);
    }
    b.append("<h3>Configuration</h3>\n<p>Sweep config: ").append(Html.escape(s.definitionNote())).append("</p>\n");
    if (s.definition() != null) {
      b.append("<pre>").append(Html.escape(s.definition().strip())).append("</pre>\n");
    }
    b.append("<details><summary>Experiment options shared by every cell</summary><pre>")
        .append(Html.escape(ReportTables.commonConfig(r.lines()))).append("</pre></details>\n");
    Map<String, Set<String>> varying = ReportTables.varyingConfig(r.lines());
    if (!varying.isEmpty()) {
      b.append("<p>Options that vary: ");
      varying.forEach((k, v) -> b.append("<code>").append(Html.escape(k)).append("</code> (")
          .append(Html.escape(String.join(", ", v))).append(") "));
      b.append("</p>\n");
    }
    b.append("<h3>Data</h3>\n").append(ReportTables.data(r.lines()));
    b.append("<h3>Provenance</h3>\n").append(ReportTables.provenance(r.lines())).append("</section>\n");
  }

  private static void figure(StringBuilder b, FigurePlot fig) {
    b.append("<h3>").append(Html.escape(fig.title())).append("</h3>\n");
    if (!fig.notes().isEmpty()) {
      b.append("<ul class=\"notes\">\n");
      fig.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>\n"));
      b.append("</ul>\n");
    }
    Base64.Encoder base64 = Base64.getEncoder();
    for (PlotPanel p : fig.panels()) {
      byte[] png = ChartRenderer.png(p);
      byte[] csv = FigureFiles.csv(p).getBytes(StandardCharsets.UTF_8);
      b.append("<figure id=\"").append(Html.id(p.id())).append("\"><img alt=\"").append(Html.escape(p.title()))
          .append("\" width=\"").append(ChartRenderer.WIDTH).append("\" height=\"").append(ChartRenderer.HEIGHT)
          .append("\" src=\"data:image/png;base64,").append(base64.encodeToString(png)).append("\">\n<figcaption>")
          .append(Html.escape(p.title())).append(" &middot; <a download=\"").append(Html.escape(p.id()))
          .append(".csv\" href=\"data:text/csv;base64,").append(base64.encodeToString(csv))
          .append("\">points (CSV)</a></figcaption></figure>\n");
    }
  }

  /** The sweep's name and figure, and the folder its results were read from (two folders may hold one sweep). */
  private static String heading(ReportSection s) {
    Integer f = s.results().figure();
    List<Path> files = s.results().files();
    Path folder = files.isEmpty() ? null : files.get(0).getParent();
    return s.results().name() + (f == null ? "" : " (Figure " + f + ")") + (folder == null ? "" : ", " + folder);
  }

  /** Unique per sweep and definition: results of one sweep name under two definitions get two sections. */
  private static String anchor(ReportSection s) {
    return "sweep-" + Html.id(s.results().name() + "-" + s.results().hash());
  }
}
