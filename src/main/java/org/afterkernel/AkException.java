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
}
