package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.plot.HtmlReport;
import org.afterkernel.plot.ReportSection;
import org.afterkernel.plot.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak report}: one self-contained HTML page of sweeps' figures, tables, configs and provenance. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"One self-contained HTML page (no server, no external files) with every sweep's figure, summary"
        + " table (mean ± half-width), failed cells, configuration and provenance."})
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SWEEP_DIR",
      description = "Results of one sweep each: a directory (results.jsonl or shards) or a results file.")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "report.html", description = "The HTML file to write.")
  Path out;

  @Option(names = "--configs", paramLabel = "DIR", defaultValue = "configs",
      description = "Where to find each sweep's config as <sweep name>.json, shown when its hash matches the results"
          + " (default: ${DEFAULT-VALUE}).")
  Path configs;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    List<ReportSection> sections = new ArrayList<>();
    for (Path in : inputs) {
      ReportSection s = ReportSection.of(SweepResults.read(List.of(in)), configs);
      String what = s.results().name();
      if (s.figure() != null) {
        o.printf("%s: %s, %d panel(s)%n", what, s.figure().title(), s.figure().panels().size());
        s.figure().notes().forEach(n -> o.println("  note: " + n));
      } else {
        o.printf("%s: no figure: %s%n", what, s.figureProblem());
      }
      sections.add(s);
    }
    String command = "ak " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    String html = HtmlReport.render(sections, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command);
    try (StagedOutputs outputs = new StagedOutputs()) {
      AtomicFiles.writeString(outputs.file(out), html);
      outputs.commit();
    }
    o.printf("wrote %s (%d sweep(s), %d KB)%n", out, sections.size(), (html.length() + 1023) / 1024);
    return 0;
  }
}
