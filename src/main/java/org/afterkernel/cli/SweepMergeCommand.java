package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.sweep.SweepFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak sweep merge}: combines shard files into one results file, refusing mixed sweeps. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merge a sweep's shard files (a results directory, or files) into one results.jsonl.")
public final class SweepMergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "A results directory, or results files.")
  List<Path> inputs;

  @Option(names = "--out", paramLabel = "FILE", description = "Merged file (default: DIR/results.jsonl).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    List<Path> files = SweepFiles.resultFiles(inputs);
    Path target = out != null ? out
        : (Files.isDirectory(inputs.get(0)) ? inputs.get(0) : inputs.get(0).toAbsolutePath().getParent())
            .resolve("results.jsonl");
    int n = SweepFiles.merge(files, target);
    o.printf("merged %d file(s) into %s: %d cell(s)%n", files.size(), target, n);
    return 0;
  }
}
