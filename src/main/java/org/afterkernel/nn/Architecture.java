package org.afterkernel.nn;

import java.util.Locale;

/** The study's network families (the original script's {@code nn_architecture}). */
public enum Architecture {
  /** Blocks of 3x3 "same" ReLU convolutions, each ending in max pooling; Flatten; Dense(1). */
  VGG,
  /** Flatten; L x Dense(width, ReLU); Dense(1). */
  MLP,
  /** Pixel sum; Dense(width, ReLU); Dense(1). For testing invariance code. */
  SUM;

  /** Lower-case name as used on the command line and in results. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The original script's spelling (VGG, MLP, Sum), used in its TSV row. */
  public String originalName() {
    return switch (this) {
      case VGG -> "VGG";
      case MLP -> "MLP";
      case SUM -> "Sum";
    };
  }
}
