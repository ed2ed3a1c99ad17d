package org.afterkernel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.experiment.Measure;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.sweep.CellFilter;
import org.afterkernel.sweep.PairedComparison;
import org.afterkernel.sweep.PairedReport;
import org.afterkernel.sweep.PairedSummary;
import org.afterkernel.sweep.SweepFiles;
import org.afterkernel.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ak sweep summarize}: mean ± half-width per setting, printed and written as CSV; with
 * {@code --paired}, per-run paired differences and the verdict on a claim ({@link PairedComparison},
 * {@link org.afterkernel.sweep.Verdict}).
 */
@Command(name = "summarize", mixinStandardHelpOptions = true,
    description = {"Mean and half-width of every measure per setting (the figures' tables), printed and as CSV.",
        "With --paired: per-run paired differences (LEFT - RIGHT, each run's cells paired), their mean and"
            + " half-width (stddev / sqrt(n)), and the verdict on the claim: reproduced when it holds by more than"
            + " 2 half-widths over n >= 3 runs, not reproduced when the opposite does, consistent / contrary with"
            + " n < 3, otherwise inconclusive."})
public final class SweepSummarizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Results directories or files.")
  List<Path> inputs;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the table here: CSV (SUMMARY.csv); with --paired, JSON when FILE ends in .json, else CSV.")
  Path out;

  @Option(names = "--measures", split = ",", paramLabel = "KEY",
      description = "Measures to print (default: all present). The CSV always has all.")
  List<String> measures;

  @Option(names = "--paired", paramLabel = "'LEFT < RIGHT'",
      description = "A claim to check run by run (repeatable): 'MEASURE[-MEASURE][@KEY=VALUE,...] < (or >) SIDE"
          + " [+ C | - C]' or '... < C', e.g. 'linear_error@max-num-epochs=30 < linear_error@max-num-epochs=0'"
          + " (the SVM's error lower after 30 epochs than at 0) or 'linear_error@max-num-epochs=1 <"
          + " nn_error_correct@max-num-epochs=1' (the SVM below the network).")
  List<String> paired;

  @Option(names = "--where", paramLabel = "KEY=VALUE",
      description = "With --paired: only the cells whose configuration has this value (repeatable; all must hold).")
  List<String> where;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    if (paired != null) {
      return paired(o);
    }
    if (where != null) {
      throw new ParameterException(spec.commandLine(), "--where: only with --paired");
    }
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

  private int paired(PrintWriter o) {
    if (measures != null) {
      throw new ParameterException(spec.commandLine(), "--measures: not with --paired (a comparison names its measures)");
    }
    List<PairedComparison> comparisons = paired.stream().map(PairedComparison::parse).toList();
    CellFilter filter = CellFilter.parse(where == null ? List.of() : where);
    List<ObjectNode> lines = SweepFiles.deduplicate(SweepFiles.readAll(SweepFiles.resultFiles(inputs)));
    List<PairedSummary.Row> rows = new ArrayList<>();
    for (PairedComparison c : comparisons) {
      rows.addAll(PairedSummary.of(lines, c, filter));
    }
    o.print(PairedReport.text(rows));
    if (out != null) {
      boolean json = out.getFileName().toString().endsWith(".json");
      AtomicFiles.writeString(out, json ? PairedReport.json(rows) : PairedReport.csv(rows));
      o.printf("wrote %s (%d row(s))%n", out, rows.size());
    }
    return 0;
  }
}
