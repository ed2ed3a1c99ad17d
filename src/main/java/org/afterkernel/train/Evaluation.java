package org.afterkernel.train;

/**
 * A network's loss and error on a labelled set.
 *
 * @param examples number of examples
 * @param meanLoss mean training loss (binary cross-entropy unless another is given; Keras {@code
 *     evaluate})
 * @param errorParity error with the original's threshold: predict 1 when logit > 0.5 (Keras's
 *     "accuracy" metric applied to a logit)
 * @param error error with the correct threshold: predict 1 when logit > 0
 */
public record Evaluation(int examples, double meanLoss, double errorParity, double error) {

  /** Evaluates logits against 0/1 labels with binary cross-entropy, in double precision. */
  public static Evaluation of(float[] logits, int[] labels) {
    return of(logits, labels, LossFunction.BINARY_CROSSENTROPY);
  }

  /** Evaluates outputs against 0/1 labels with {@code loss}, accumulating in double precision. */
  public static Evaluation of(float[] logits, int[] labels, LossFunction loss) {
    if (logits.length != labels.length) {
      throw new IllegalArgumentException(logits.length + " logits for " + labels.length + " labels");
    }
    double sum = 0;
    int wrongParity = 0;
    int wrong = 0;
    for (int i = 0; i < logits.length; i++) {
      sum += loss.of(logits[i], labels[i]);
      wrongParity += ((logits[i] > 0.5f ? 1 : 0) != labels[i]) ? 1 : 0;
      wrong += ((logits[i] > 0f ? 1 : 0) != labels[i]) ? 1 : 0;
    }
    int n = Math.max(1, logits.length);
    return new Evaluation(logits.length, sum / n, (double) wrongParity / n, (double) wrong / n);
  }

  /**
   * Evaluates the outputs of a C-class network ({@code outputs} row-major {@code [n, classes]})
   * against class labels with softmax cross-entropy in double precision; both errors are the
   * fraction whose largest output (the first of ties) is not the label.
   */
  public static Evaluation ofClasses(float[] outputs, int classes, int[] labels) {
    if (outputs.length != (long) classes * labels.length) {
      throw new IllegalArgumentException(outputs.length + " outputs for " + labels.length + " labels of "
          + classes + " classes");
    }
    double sum = 0;
    int wrong = 0;
    for (int i = 0; i < labels.length; i++) {
      sum += LossFunction.softmaxOf(outputs, i * classes, classes, labels[i]);
      wrong += argmax(outputs, i * classes, classes) != labels[i] ? 1 : 0;
    }
    int n = Math.max(1, labels.length);
    return new Evaluation(labels.length, sum / n, (double) wrong / n, (double) wrong / n);
  }

  /** The index of the largest of {@code v[offset, offset + count)}, the first of ties. */
  public static int argmax(float[] v, int offset, int count) {
    int best = 0;
    for (int c = 1; c < count; c++) {
      if (v[offset + c] > v[offset + best]) {
        best = c;
      }
    }
    return best;
  }
}
