package org.afterkernel.savedmodel;

/** TensorFlow's error messages, cut to what a one-line {@code ak: error:} can carry. */
final class TfMessages {
  private TfMessages() {}

  /** The first line of {@code message}, trimmed ("" for null). */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
