package org.afterkernel.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterkernel.AkException;

/**
 * Parses and checks {@code .npy} headers (format versions 1.0 to 3.0): magic, version, the
 * dictionary's type, order and shape. A shape with a negative dimension or more elements than a
 * long can count is refused here, before any reader sizes anything by it.
 */
final class NpyHeaders {
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyHeaders() {}

  /** Parses the header at the start of {@code ch}; {@code file} names it in errors. */
  static Npy.Header read(String file, SeekableByteChannel ch) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    Npy.readFully(ch, pre);
    if (pre.position() < 10) {
      throw new AkException(file + ": not a .npy file (only " + pre.position() + " bytes)");
    }
    pre.flip();
    for (byte m : Npy.MAGIC) {
      if (pre.get() != m) {
        throw new AkException(file + ": not a .npy file (expected the magic \\x93NUMPY)");
      }
    }
    int major = pre.get() & 0xff;
    pre.get();
    long headerLen;
    int preLen;
    if (major == 1) {
      headerLen = pre.getShort() & 0xffff;
      preLen = 10;
    } else if (major == 2 || major == 3) {
      if (pre.remaining() < 4) {
        throw new AkException(file + ": truncated .npy header");
      }
      headerLen = pre.getInt() & 0xffffffffL;
      preLen = 12;
    } else {
      throw new AkException(file + ": .npy format version " + major + " is not supported (1-3)");
    }
    if (headerLen > 1 << 20 || preLen + headerLen > ch.size()) {
      throw new AkException(file + ": truncated .npy header");
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    ch.position(preLen);
    Npy.readFully(ch, hb);
    String dict = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !f.find() || !s.find()) {
      throw new AkException(file + ": malformed .npy header (expected a dictionary with 'descr', 'fortran_order'"
          + " and 'shape'): " + AkException.quote(dict.trim(), 200));
    }
    NpyType type = NpyType.parse(d.group(1));
    if (type == null) {
      throw new AkException(
          file + ": element type '" + AkException.quote(d.group(1), 40) + "' is not supported (expected float, int, uint or bool)");
    }
    if (f.group(1).equals("True")) {
      throw new AkException(file + ": Fortran-ordered arrays are not supported (save with C order)");
    }
    ByteOrder order = d.group(1).charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    long[] shape = parseShape(file, s.group(1));
    checkShape(file, shape);
    return new Npy.Header(type, order, shape, preLen + headerLen);
  }

  /** Refuses negative dimensions and element counts beyond a long, which no file can hold. */
  private static void checkShape(String file, long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new AkException(file + ": shape " + shapeText(shape) + " in the .npy header has a negative"
            + " dimension");
      }
      if (d != 0 && n > Long.MAX_VALUE / d) {
        throw new AkException(file + ": shape " + shapeText(shape) + " in the .npy header has more"
            + " elements than a long can count");
      }
      n *= d;
    }
  }

  /** A shape for a message: NumPy notation, cut when very long. */
  static String shapeText(long[] shape) {
    return AkException.quote(NpyType.shapeString(shape), 120);
  }

  private static long[] parseShape(String file, String text) {
    List<Long> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String t = part.trim();
      if (t.endsWith("L")) {
        t = t.substring(0, t.length() - 1);
      }
      if (!t.isEmpty()) {
        try {
          dims.add(Long.parseLong(t));
        } catch (NumberFormatException e) {
          throw new AkException(file + ": malformed shape (" + AkException.quote(text, 100) + ") in .npy header");
        }
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
