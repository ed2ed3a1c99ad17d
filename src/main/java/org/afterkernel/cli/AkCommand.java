package org.afterkernel.cli;

import java.util.concurrent.Callable;
import org.afterkernel.tf.TensorFlowRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command {@code ak}. Subcommands are listed here. */
@Command(
    name = "ak",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "After-kernel analysis of neural networks on TensorFlow Java.",
    subcommands = {
      InfoCommand.class,
      DataCommand.class,
      TrainCommand.class,
      TrackCommand.class,
      FeaturesCommand.class,
      KernelCommand.class,
      KernelStatsCommand.class,
      PerturbCommand.class,
      InvarianceCommand.class,
      SvmCommand.class,
      RegressCommand.class,
      ExperimentCommand.class,
      SweepCommand.class,
      SavedModelCommand.class,
      PlotCommand.class,
      ReportCommand.class,
      BenchCommand.class
    })
public final class AkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--threads",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:AK_THREADS:-0}",
      description = "TensorFlow intra-op threads (0 = one per core; env AK_THREADS).")
  void setThreads(int threads) {
    if (threads < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--threads: expected a number >= 0, got " + threads);
    }
    TensorFlowRuntime.setThreads(threads, TensorFlowRuntime.interOpThreads());
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
