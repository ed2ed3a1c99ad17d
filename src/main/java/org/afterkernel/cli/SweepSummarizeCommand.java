package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.experiment.Measure;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.sweep.SweepFiles;
import org.afterkernel.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak sweep summarize}: mean ± half-width per setting, printed and written as CSV. */
@Command(name = "summarize", mixinStandardHelpOptions = true,
    description = "Mean and half-width of every measure per setting (the figures' tables), printed and as CSV.")
public final class SweepSummarizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Results directories or files.")
  List<Path> inputs;

  @Option(names = "--out", paramLabel = "SUMMARY.csv", description = "Write the table as CSV here.")
  Path out;

  @Option(names = "--measures", split = ",", paramLabel = "KEY",
      description = "Measures to print (default: all present). The CSV always has all.")
  List<String> measures;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    if (measures != null) {
      List<String> known = java.util.Arrays.stream(Measure.values()).map(Measure::key).toList();
      for (String m : measures) {
        if (!known.contains(m)) {
          List<String> close = org.afterkernel.io.Spelling.closest(m, known);
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--measures: no measure '"
              + org.afterkernel.AkException.quote(m, 60) + "'" + (close.isEmpty() ? "" : "; did you mean "
              + String.join(" or ", close) + "?") + " (measures: " + String.join(", ", known) + ")");
        }
      }
    }
    List<Path> files = SweepFiles.resultFiles(inputs);
    List<SweepSummary.Row> rows = SweepSummary.of(SweepFiles.deduplicate(SweepFiles.readAll(files)));
    List<String> keys = new ArrayList<>();
    for (Measure m : Measure.values()) {
      if ((measures == null || measures.contains(m.key())) && rows.stream().anyMatch(r -> r.stats().containsKey(m.key()))) {
        keys.add(m.key());
      }
    }
    o.print(SweepSummary.table(rows, keys));
    if (out != null) {
      AtomicFiles.writeString(out, SweepSummary.csv(rows));
      o.printf("wrote %s (%d setting(s))%n", out, rows.size());
    }
    return 0;
  }
}
