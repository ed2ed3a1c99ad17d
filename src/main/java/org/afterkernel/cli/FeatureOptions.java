package org.afterkernel.cli;

import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.Implementation;
import picocli.CommandLine.Option;

/**
 * Which features: {@code --kind ntk|conjugate} and {@code --implementation
 * batched|batched_patches|reference|structured} (each command has its own default: features are
 * batched, kernels structured).
 */
public final class FeatureOptions {
  @Option(names = "--kind", paramLabel = "KIND", defaultValue = "ntk",
      description = "ntk (gradient features: the after kernel, the NTK at initialisation) or conjugate"
          + " (input of the last Dense layer) (default ${DEFAULT-VALUE}).")
  FeatureKind kind;

  @Option(names = "--implementation", paramLabel = "IMPL",
      description = "batched (one backward pass per batch), batched_patches (the same with convolution gradients"
          + " through patches, the slower earlier path), reference (one per example) or structured (kernels"
          + " only: Dense layers as factors, no materialized gradients) (default: structured for kernels, batched"
          + " for features).")
  Implementation implementation;

  public FeatureKind kind() {
    return kind;
  }

  /** The implementation asked for, else {@code fallback}. */
  public Implementation implementation(Implementation fallback) {
    return implementation != null ? implementation : fallback;
  }
}
