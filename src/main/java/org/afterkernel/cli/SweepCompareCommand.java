package org.afterkernel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.sweep.SweepComparison;
import org.afterkernel.sweep.SweepFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak sweep compare}: whether two runs of a sweep measured the same, cell by cell. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Check that two results (directories or files, e.g. a sharded cluster run and a"
        + " single-process run) hold the same cells with equal settings, runs, epochs, seeds, status,"
        + " parameter counts and measures (timings and provenance are ignored).",
        "Exits 0 when they agree, 1 listing the differences."})
public final class SweepCompareCommand implements Callable<Integer> {
  /** Differences printed at most. */
  static final int SHOWN = 20;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "Results directory or file.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Results directory or file.")
  Path b;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    List<ObjectNode> rawLeft = read(a);
    List<ObjectNode> rawRight = read(b);
    List<String> diff = new ArrayList<>();
    SweepFiles.conflicts(rawLeft).forEach(c -> diff.add(a + ": " + c));
    SweepFiles.conflicts(rawRight).forEach(c -> diff.add(b + ": " + c));
    List<ObjectNode> left = SweepFiles.deduplicate(rawLeft);
    List<ObjectNode> right = SweepFiles.deduplicate(rawRight);
    diff.addAll(SweepComparison.differences(left, right));
    if (diff.isEmpty()) {
      o.printf("%s and %s agree: %d cell(s), equal %s%n", a, b, left.size(), String.join(", ", SweepComparison.FIELDS));
      return 0;
    }
    diff.stream().limit(SHOWN).forEach(o::println);
    if (diff.size() > SHOWN) {
      o.printf("... and %d more%n", diff.size() - SHOWN);
    }
    o.flush();
    throw new AkException(a + " and " + b + " differ in " + diff.size() + " cell(s) (of " + left.size() + " and "
        + right.size() + ")");
  }

  private static List<ObjectNode> read(Path p) {
    return SweepFiles.readAll(SweepFiles.resultFiles(List.of(p)));
  }
}
