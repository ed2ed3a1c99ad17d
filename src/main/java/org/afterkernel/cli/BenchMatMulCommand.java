package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.afterkernel.tf.MatMulRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ak bench matmul}: TensorFlow's float32 MatMul rate, the yardstick of other benchmarks. */
@Command(
    name = "matmul",
    mixinStandardHelpOptions = true,
    description = "TensorFlow's own float32 MatMul rate on this machine (GFLOP/s).")
public final class BenchMatMulCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--size", defaultValue = "2048", description = "Matrix size (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seconds", defaultValue = "5", description = "Timed seconds (default ${DEFAULT-VALUE}).")
  double seconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MatMulRate.Rate r = MatMulRate.measure(size, seconds);
    out.printf(
        "TensorFlow MatMul %dx%d float32: median %.1f GFLOP/s, best %.1f GFLOP/s (%d runs)%n",
        r.size(), r.size(), r.medianGflops(), r.bestGflops(), r.repetitions());
    return 0;
  }
}
