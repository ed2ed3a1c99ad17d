package org.afterkernel.kernel;

import java.util.Locale;

/** Which embedding defines the kernel. */
public enum FeatureKind {
  /** Gradient of the logit w.r.t. all trainable variables (the NTK at initialisation, the after kernel after training). */
  NTK,
  /** Activations feeding the last Dense layer (the conjugate kernel / conjugate projection). */
  CONJUGATE;

  /** Lower-case name used on the command line and in results. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
