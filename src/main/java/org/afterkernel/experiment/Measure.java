package org.afterkernel.experiment;

import java.util.Locale;

/**
 * The quantities the original script averages over runs, in the order of its TSV row. Names are
 * the script's, snake_case, and are the keys of per-run values in results.
 */
public enum Measure {
  NN_ERROR,
  LINEAR_ERROR,
  MARGIN,
  NTK_TRANSLATION,
  AK_TRANSLATION,
  NTK_ZOOM,
  AK_ZOOM,
  NTK_ROTATION,
  AK_ROTATION,
  NTK_ALIGNMENT,
  AK_ALIGNMENT,
  NTK_SWAP,
  AK_SWAP,
  NTK_EFFECTIVE_RANK,
  AK_EFFECTIVE_RANK,
  /** Not in the original's row: the NN test error with the correct threshold (logit > 0). */
  NN_ERROR_CORRECT,
  /** Not in the original's row: kernel-target alignment on the alignment sample. */
  NTK_TARGET_ALIGNMENT,
  /** Not in the original's row: kernel-target alignment on the alignment sample. */
  AK_TARGET_ALIGNMENT,
  /** Not in the original's row: the final mean training loss. */
  TRAINING_LOSS,
  /** Not in the original's row ({@code conjugate-svm}): the conjugate kernel's SVM test error. */
  CONJUGATE_LINEAR_ERROR,
  /** Not in the original's row ({@code conjugate-svm}): the conjugate kernel's SVM training margin. */
  CONJUGATE_MARGIN;

  /** The key used in results, e.g. {@code ak_swap}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the measures of the original's TSV row. */
  public boolean inOriginalRow() {
    return ordinal() <= AK_EFFECTIVE_RANK.ordinal();
  }

  /** The measure with this key. */
  public static Measure fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
