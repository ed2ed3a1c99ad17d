package org.afterkernel.cli;

import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.Implementation;
import picocli.CommandLine.Option;

/** Which features: {@code --kind ntk|conjugate} and {@code --implementation batched|batched_patches|reference}. */
public final class FeatureOptions {
  @Option(names = "--kind", paramLabel = "KIND", defaultValue = "ntk",
      description = "ntk (gradient features: the after kernel, the NTK at initialisation) or conjugate"
          + " (input of the last Dense layer) (default ${DEFAULT-VALUE}).")
  FeatureKind kind;

  @Option(names = "--implementation", paramLabel = "IMPL", defaultValue = "batched",
      description = "batched (one backward pass per batch), batched_patches (the same with convolution gradients"
          + " through patches, the slower earlier path) or reference (one per example) (default ${DEFAULT-VALUE}).")
  Implementation implementation;

  public FeatureKind kind() {
    return kind;
  }

  public Implementation implementation() {
    return implementation;
  }
}
