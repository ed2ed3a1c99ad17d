package org.afterkernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak savedmodel}: import Keras SavedModels for after-kernel analysis. */
@Command(
    name = "savedmodel",
    mixinStandardHelpOptions = true,
    description = "Inspect, check and analyze Keras SavedModels rebuilt for after-kernel analysis.",
    subcommands = {SavedModelInspectCommand.class, SavedModelCheckCommand.class,
        SavedModelAnalyzeCommand.class})
public final class SavedModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
