package org.afterkernel.train;

/**
 * A network's loss and error on a labelled set.
 *
 * @param examples number of examples
 * @param meanLoss mean binary cross-entropy (Keras {@code evaluate})
 * @param errorParity error with the original's threshold: predict 1 when logit > 0.5 (Keras's
 *     "accuracy" metric applied to a logit)
 * @param error error with the correct threshold: predict 1 when logit > 0
 */
public record Evaluation(int examples, double meanLoss, double errorParity, double error) {

  /** Evaluates logits against 0/1 labels, accumulating in double precision. */
  public static Evaluation of(float[] logits, int[] labels) {
    if (logits.length != labels.length) {
      throw new IllegalArgumentException(logits.length + " logits for " + labels.length + " labels");
    }
    double loss = 0;
    int wrongParity = 0;
    int wrong = 0;
    for (int i = 0; i < logits.length; i++) {
      loss += Loss.of(logits[i], labels[i]);
      wrongParity += ((logits[i] > 0.5f ? 1 : 0) != labels[i]) ? 1 : 0;
      wrong += ((logits[i] > 0f ? 1 : 0) != labels[i]) ? 1 : 0;
    }
    int n = Math.max(1, logits.length);
    return new Evaluation(logits.length, loss / n, (double) wrongParity / n, (double) wrong / n);
  }
}
