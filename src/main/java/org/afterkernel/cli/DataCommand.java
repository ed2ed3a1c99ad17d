package org.afterkernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak data}: fetch, verify and describe the datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Fetch, verify and describe the datasets (MNIST, CIFAR-10).",
    subcommands = {DataFetchCommand.class, DataVerifyCommand.class, DataInfoCommand.class})
public final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }
}
