package org.afterkernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak sweep}: run, inspect, merge and summarise sweeps. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Grids of experiments: resumable, shardable (a Slurm job array: submit), one JSON line per finished cell.",
    subcommands = {SweepRunCommand.class, SweepSubmitCommand.class, SweepStatusCommand.class, SweepMergeCommand.class,
        SweepCompareCommand.class, SweepSummarizeCommand.class})
public final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }
}
