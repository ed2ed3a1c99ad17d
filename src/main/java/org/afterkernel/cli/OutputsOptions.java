package org.afterkernel.cli;

import org.afterkernel.AkException;
import org.afterkernel.kernel.MultiOutputKernel;
import picocli.CommandLine.Option;

/**
 * {@code --outputs full|trace}: the tangent kernel of every output of a network of several outputs
 * (a ten-class network, an imported classifier) instead of one chosen logit. A picocli mixin.
 */
public final class OutputsOptions {
  @Option(names = "--outputs", paramLabel = "full|trace",
      description = "For a network of C outputs: the full kernel, a C x C block per pair of images"
          + " (grad f_c(x) . grad f_c'(x')), or its trace over outputs (sum_c grad f_c(x) . grad f_c(x')).")
  String outputs;

  /** The mode asked for, or null without the option. */
  public MultiOutputKernel.Mode mode() {
    if (outputs == null) {
      return null;
    }
    try {
      return MultiOutputKernel.Mode.parse(outputs);
    } catch (IllegalArgumentException e) {
      throw new AkException("--outputs: " + e.getMessage());
    }
  }
}
