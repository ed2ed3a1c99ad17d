package org.afterkernel.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * What a file holds, told from its first bytes, for error messages that say what was found where
 * something else was expected ("found a NumPy .npy array").
 */
public final class FileKind {
  private FileKind() {}

  /**
   * A short description of {@code head} (a file's first bytes, or all of them) when it is not
   * text, null when it is UTF-8 text without NUL bytes.
   */
  public static String binary(byte[] head) {
    if (startsWith(head, (byte) 0x93, 'N', 'U', 'M', 'P', 'Y')) {
      return "a NumPy .npy array";
    }
    if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
      return "a zip archive (such as .npz)";
    }
    if (startsWith(head, 0x1f, (byte) 0x8b)) {
      return "gzip-compressed data";
    }
    if (startsWith(head, (byte) 0x89, 'P', 'N', 'G')) {
      return "a PNG image";
    }
    if (startsWith(head, '%', 'P', 'D', 'F')) {
      return "a PDF document";
    }
    if (startsWith(head, 0, 0, 8)) {
      return "an IDX file (such as MNIST's)";
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(head));
    } catch (CharacterCodingException e) {
      return "binary data (not UTF-8 text)";
    }
    for (byte b : head) {
      if (b == 0) {
        return "binary data (NUL bytes)";
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != (byte) prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
