package org.afterkernel.data;

import org.afterkernel.AkException;

/**
 * The two classes of a binary task: examples of {@code minus} get label 0, those of {@code plus}
 * label 1 (the original script's {@code minus_class} and {@code plus_class}).
 *
 * @param minus the class labelled 0, in 0–9
 * @param plus the class labelled 1, in 0–9, different from {@code minus}
 */
public record ClassPair(int minus, int plus) {
  /** The original script's default task: 3 (label 0) versus 8 (label 1). */
  public static final ClassPair DEFAULT = new ClassPair(3, 8);

  /**
   * @throws AkException when a class is outside 0–9 or both are the same class
   */
  public ClassPair {
    check("minus", minus);
    check("plus", plus);
    if (minus == plus) {
      throw new AkException(
          "classes " + minus + "," + plus + ": the minus and plus classes must differ, got class "
              + minus + " twice");
    }
  }

  /**
   * Parses {@code "3,8"} (minus class first, as in {@code --classes 3,8}); spaces are allowed.
   *
   * @throws AkException naming the text when it is not two distinct classes in 0–9
   */
  public static ClassPair parse(String text) {
    String[] parts = text == null ? new String[0] : text.split(",", -1);
    if (parts.length != 2) {
      throw new AkException(
          "classes '" + text + "': expected two classes as MINUS,PLUS, e.g. 3,8");
    }
    return new ClassPair(parseClass(text, parts[0]), parseClass(text, parts[1]));
  }

  /** The binary label of dataset class {@code label}: 0, 1, or -1 when it is neither class. */
  public int binaryLabel(int label) {
    return label == minus ? 0 : label == plus ? 1 : -1;
  }

  /** {@code minus,plus}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return minus + "," + plus;
  }

  private static int parseClass(String text, String part) {
    try {
      return Integer.parseInt(part.trim());
    } catch (NumberFormatException e) {
      throw new AkException(
          "classes '" + text + "': '" + part.trim() + "' is not a class number; expected two"
              + " classes in 0-9 as MINUS,PLUS, e.g. 3,8");
    }
  }

  private static void check(String which, int label) {
    if (label < 0 || label >= Dataset.CLASSES) {
      throw new AkException(
          which + " class " + label + " is outside 0-9: both datasets have classes 0 to 9");
    }
  }
}
