package org.afterkernel.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.sweep.Verdict;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ak verdict}: the verdict rule of {@code ak sweep summarize --paired} ({@link Verdict})
 * applied to differences computed elsewhere, one per run, e.g. from {@code ak track} or {@code ak
 * regress} results, which are not sweep cells.
 */
@Command(name = "verdict", mixinStandardHelpOptions = true,
    description = {"The verdict on a claim that per-run differences lie below (or above) a threshold, by the rule of"
        + " 'ak sweep summarize --paired': reproduced / not reproduced beyond 2 half-widths (stddev / sqrt(n)) with"
        + " n >= 3, consistent / contrary by the sign with fewer runs, otherwise inconclusive.",
        "Prints one line: the verdict, n, the mean and the half-width."})
public final class VerdictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Claim {
    @Option(names = "--below", required = true, paramLabel = "T", description = "The claim: the differences lie below T.")
    Double below;

    @Option(names = "--above", required = true, paramLabel = "T", description = "The claim: the differences lie above T.")
    Double above;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Claim claim;

  @Parameters(arity = "1..*", paramLabel = "DIFFERENCE", description = "One difference per run.")
  List<Double> differences;

  @Override
  public Integer call() {
    double[] d = differences.stream().mapToDouble(Double::doubleValue).toArray();
    for (double x : d) {
      if (!Double.isFinite(x)) {
        throw new ParameterException(spec.commandLine(), "DIFFERENCE: expected finite numbers, got " + x);
      }
    }
    boolean below = claim.below != null;
    double threshold = below ? claim.below : claim.above;
    if (!Double.isFinite(threshold)) {
      throw new ParameterException(spec.commandLine(), (below ? "--below" : "--above") + ": expected a finite number");
    }
    spec.commandLine().getOut().println(Verdict.of(d, below ? -1 : 1, threshold).token());
    return 0;
  }
}
