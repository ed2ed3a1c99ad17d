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
      VerdictCommand.class,
      SavedModelCommand.class,
      PlotCommand.class,
      ReportCommand.class,
      BenchCommand.class
    })
public final class AkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The most TensorFlow threads {@code --threads} or {@code AK_THREADS} may ask for. */
  static final int MAX_THREADS = 4096;

  @Option(
      names = "--threads",
      paramLabel = "N",
      scope = ScopeType.INHERIT,
      description = "TensorFlow intra-op threads (0 = one per processor; default: env AK_THREADS, else 0)."
          + " Results move in their last digits with it: every result records it.")
  void setThreads(String value) {
    int threads = threads(value);
    if (threads < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--threads: expected a whole number 0.." + MAX_THREADS + " (0 = one per processor), got '"
              + org.afterkernel.AkException.quote(value, 40) + "'");
    }
    TensorFlowRuntime.setThreads(threads, TensorFlowRuntime.interOpThreads());
  }

  /** {@code value} as a thread count 0..{@value #MAX_THREADS}, or -1 when it is not one. */
  static int threads(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      return n >= 0 && n <= MAX_THREADS ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Applies {@code AK_THREADS} when {@code --threads} was not given.
   *
   * @throws org.afterkernel.AkException naming AK_THREADS when it is not a thread count
   */
  static void threadsFromEnvironment(String env) {
    if (env == null || env.isBlank()) {
      TensorFlowRuntime.setThreads(0, TensorFlowRuntime.interOpThreads());
      return;
    }
    int threads = threads(env);
    if (threads < 0) {
      throw new org.afterkernel.AkException("environment variable AK_THREADS is '"
          + org.afterkernel.AkException.quote(env, 40) + "', expected a whole number 0.." + MAX_THREADS
          + " (0 = one per processor)");
    }
    TensorFlowRuntime.setThreads(threads, TensorFlowRuntime.interOpThreads());
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
