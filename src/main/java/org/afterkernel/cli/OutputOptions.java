package org.afterkernel.cli;

import org.afterkernel.AkException;
import org.afterkernel.nn.OutputHead;
import picocli.CommandLine.Option;

/**
 * Which scalar of an imported model is differentiated: {@code --output-index K}, {@code
 * --logit-difference A,B}, and {@code --[no-]pre-softmax}. A picocli mixin.
 */
public final class OutputOptions {
  @Option(names = "--output-index", paramLabel = "K",
      description = "Differentiate component K (from 0) of the output (the pre-softmax logit by default).")
  Integer outputIndex;

  @Option(names = "--logit-difference", paramLabel = "A,B",
      description = "Differentiate z_A - z_B, the difference of two output components (a two-class comparison).")
  String logitDifference;

  @Option(names = "--pre-softmax", negatable = true,
      description = "Take the logits before a final softmax (or sigmoid): the Dense layer's linear output,"
          + " or the input of a final Softmax/Activation layer. Default: on when the model ends in one;"
          + " --no-pre-softmax differentiates the probabilities.")
  Boolean preSoftmax;

  /** The head chosen, or null when none was. */
  public OutputHead head() {
    if (outputIndex != null && logitDifference != null) {
      throw new AkException("--output-index and --logit-difference exclude each other: choose one");
    }
    if (outputIndex != null) {
      if (outputIndex < 0) {
        throw new AkException("--output-index: expected a component >= 0, got " + outputIndex);
      }
      return OutputHead.index(outputIndex);
    }
    if (logitDifference != null) {
      String[] parts = logitDifference.split(",", -1);
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        return OutputHead.difference(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      } catch (NumberFormatException e) {
        throw new AkException("--logit-difference: expected two components A,B such as 8,3, got '"
            + logitDifference + "'");
      } catch (IllegalArgumentException e) {
        throw new AkException("--logit-difference: " + e.getMessage());
      }
    }
    return null;
  }

  /** {@code --pre-softmax} (true), {@code --no-pre-softmax} (false), or null for the default. */
  public Boolean preSoftmax() {
    return preSoftmax;
  }
}
