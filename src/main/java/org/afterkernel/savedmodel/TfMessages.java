package org.afterkernel.savedmodel;

/** TensorFlow's error messages, cut to what a one-line {@code ak: error:} can carry. */
final class TfMessages {
  private TfMessages() {}

  /** The first line of {@code message}, trimmed, quoted and cut ("" for null). */
  static String firstLine(String message) {
    return org.afterkernel.AkException.firstLine(message, 300);
  }

  /**
   * True for the errors TensorFlow Java raises for a failed status: {@code TensorFlowException} and
   * the {@code TF*Exception}s that extend Java's own types instead (an invalid argument is an
   * {@link IllegalArgumentException}, a failed precondition an {@link IllegalStateException}, ...).
   */
  static boolean fromTensorFlow(RuntimeException e) {
    return e.getClass().getPackageName().equals("org.tensorflow.exceptions");
  }
}
