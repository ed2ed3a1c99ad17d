package org.afterkernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench}: benchmarks that print their rates as ratios against a reference measured in
 * the same run (the naive path, and TensorFlow's own MatMul rate on this machine).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each reported against a reference measured in the same run.",
    subcommands = {
      BenchMatMulCommand.class,
      BenchTrainCommand.class,
      BenchFeaturesCommand.class,
      BenchSvmCommand.class,
      BenchSvmFormsCommand.class,
      BenchExperimentCommand.class
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }
}
