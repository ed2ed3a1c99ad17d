package org.afterkernel.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The element types this project reads from and writes to {@code .npy} files. */
public enum NpyType {
  FLOAT32('f', 4),
  FLOAT64('f', 8),
  INT8('i', 1),
  INT16('i', 2),
  INT32('i', 4),
  INT64('i', 8),
  UINT8('u', 1),
  UINT16('u', 2),
  UINT32('u', 4),
  UINT64('u', 8),
  BOOL('b', 1);

  private final char kind;
  private final int bytes;

  NpyType(char kind, int bytes) {
    this.kind = kind;
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** True for float32 and float64. */
  public boolean isFloating() {
    return kind == 'f';
  }

  /** The little-endian descriptor NumPy writes, e.g. {@code <f4} or {@code |u1}. */
  public String descr() {
    return (bytes == 1 ? "|" : "<") + kind + bytes;
  }

  /**
   * Parses a NumPy type descriptor such as {@code <f4}, {@code >i8} or {@code |u1}.
   *
   * @return the type, or null when the descriptor names a type this project does not read
   */
  public static NpyType parse(String descr) {
    if (descr.length() < 3) {
      return null;
    }
    char kind = descr.charAt(1);
    int bytes;
    try {
      bytes = Integer.parseInt(descr.substring(2));
    } catch (NumberFormatException e) {
      return null;
    }
    for (NpyType t : values()) {
      if (t.kind == kind && t.bytes == bytes) {
        return t;
      }
    }
    return null;
  }

  /** A shape in NumPy's notation: {@code (3, 4)}, {@code (5,)} or {@code ()}. */
  public static String shapeString(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
