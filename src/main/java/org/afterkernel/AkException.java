package org.afterkernel;

/**
 * An error caused by the user's input or environment (a bad file, a missing dataset, an impossible
 * request). The command line prints its message as one line and exits with code 1, without a stack
 * trace. Messages name the file, field or value and say what was expected.
 */
public class AkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AkException(String message) {
    super(message);
  }

  public AkException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code text} as it may appear in a one-line message: characters outside printable ASCII
   * written as {@code \xNN} (or a backslash, {@code u} and four hex digits), cut after {@code max}
   * characters of output with {@code ...} appended.
   */
  public static String quote(String text, int max) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    for (; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c));
      }
    }
    return i < text.length() ? b + "..." : b.toString();
  }

  /** The first line of {@code message} (null: empty), quoted as {@link #quote} does. */
  public static String firstLine(String message, int max) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return quote((nl < 0 ? message : message.substring(0, nl)).trim(), max);
  }
}
