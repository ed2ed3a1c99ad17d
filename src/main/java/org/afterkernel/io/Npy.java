package org.afterkernel.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.afterkernel.AkException;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0 to 3.0, C order). Reading
 * accepts float32/float64, signed and unsigned integers and booleans in either byte order; writing
 * produces little-endian float32, float64 or int64 files that {@code numpy.load} reads. Every
 * problem with a file is reported as an {@link AkException} naming the file and what was expected.
 */
public final class Npy {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 1 << 22;

  private Npy() {}

  /** A parsed header: type, byte order, shape and where the data starts. */
  public record Header(NpyType dtype, ByteOrder order, long[] shape, long dataOffset) {
    /** Number of elements. */
    public long count() {
      return NpyArray.elementCount(shape);
    }
  }

  /** Reads the header of {@code file}. */
  public static Header readHeader(Path file) {
    try (SeekableByteChannel ch = open(file)) {
      return NpyHeaders.read(file.toString(), ch);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads a whole array. Floating-point files come back as float32 or float64, others as int64. */
  public static NpyArray read(Path file) {
    try (SeekableByteChannel ch = open(file)) {
      return read(file.toString(), ch);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a whole array from {@code ch}, whose {@code size()} must be the true number of bytes
   * (a file, or an entry already read into memory); {@code file} names it in errors. Nothing is
   * allocated for the data before the channel is known to hold it.
   */
  public static NpyArray read(String file, SeekableByteChannel ch) throws IOException {
    Header h = NpyHeaders.read(file, ch);
    long n = h.count();
    long bytes = n * h.dtype().bytes(); // no overflow: count() checks the product, and n * 8 < 2^63 below
    if (n > Long.MAX_VALUE / 8 || ch.size() - h.dataOffset() < bytes) {
      throw new AkException(
          String.format(
              "%s: truncated: header says %s %s (%d bytes of data), the file has %d",
              file,
              NpyHeaders.shapeText(h.shape()),
              h.dtype().descr(),
              bytes,
              ch.size() - h.dataOffset()));
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new AkException(file + ": " + n + " elements is more than one Java array can hold");
    }
    int len = (int) n;
    Object data =
        switch (h.dtype()) {
          case FLOAT32 -> new float[len];
          case FLOAT64 -> new double[len];
          default -> new long[len];
        };
    ch.position(h.dataOffset());
    readElements(file, ch, h, data, len);
    NpyType outType = h.dtype().isFloating() ? h.dtype() : NpyType.INT64;
    return new NpyArray(h.shape(), outType, data);
  }

  /** Writes a float32, float64 or int64 array atomically. */
  public static void write(Path file, NpyArray array) {
    AtomicFiles.write(file, out -> writeTo(out, array));
  }

  /** Writes the bytes of a .npy file holding {@code array} to {@code out} (e.g. an .npz entry). */
  public static void writeTo(OutputStream out, NpyArray array) throws IOException {
    out.write(header(array.dtype(), array.shape()));
    writeElements(out, array.data());
  }

  /** Writes a float32 array atomically. */
  public static void writeFloats(Path file, long[] shape, float[] data) {
    write(file, NpyArray.ofFloats(shape, data));
  }

  /** Writes a float64 array atomically. */
  public static void writeDoubles(Path file, long[] shape, double[] data) {
    write(file, NpyArray.ofDoubles(shape, data));
  }

  /** Writes an int64 array atomically. */
  public static void writeLongs(Path file, long[] shape, long[] data) {
    write(file, NpyArray.ofLongs(shape, data));
  }

  /** The header bytes (magic, version 1.0, padded dictionary) for a little-endian array. */
  static byte[] header(NpyType dtype, long[] shape) {
    String dict =
        "{'descr': '"
            + dtype.descr()
            + "', 'fortran_order': False, 'shape': "
            + NpyType.shapeString(shape)
            + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String full = dict + " ".repeat(pad) + "\n";
    byte[] text = full.getBytes(StandardCharsets.US_ASCII);
    if (text.length > 65535) {
      throw new IllegalArgumentException("shape too long for a version 1.0 header");
    }
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return b.array();
  }

  static void writeElements(OutputStream out, Object data) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    if (data instanceof float[] f) {
      for (int i = 0; i < f.length; ) {
        int m = Math.min(f.length - i, CHUNK / 4);
        buf.clear();
        buf.asFloatBuffer().put(f, i, m);
        out.write(buf.array(), 0, m * 4);
        i += m;
      }
    } else if (data instanceof double[] d) {
      for (int i = 0; i < d.length; ) {
        int m = Math.min(d.length - i, CHUNK / 8);
        buf.clear();
        buf.asDoubleBuffer().put(d, i, m);
        out.write(buf.array(), 0, m * 8);
        i += m;
      }
    } else {
      long[] l = (long[]) data;
      for (int i = 0; i < l.length; ) {
        int m = Math.min(l.length - i, CHUNK / 8);
        buf.clear();
        buf.asLongBuffer().put(l, i, m);
        out.write(buf.array(), 0, m * 8);
        i += m;
      }
    }
  }

  private static SeekableByteChannel open(Path file) throws IOException {
    try {
      // Files.newByteChannel also opens entries of a zip file system (the arrays of an .npz).
      return Files.newByteChannel(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new AkException(file + ": no such file");
    }
  }

  private static void readElements(String file, SeekableByteChannel ch, Header h, Object data, int len)
      throws IOException {
    int size = h.dtype().bytes();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK - CHUNK % 8).order(h.order());
    int done = 0;
    while (done < len) {
      int m = Math.min(len - done, buf.capacity() / size);
      buf.clear().limit(m * size);
      readFully(ch, buf);
      if (buf.position() < m * size) {
        throw new AkException(file + ": truncated data");
      }
      buf.flip();
      for (int i = 0; i < m; i++) {
        store(h.dtype(), buf, data, done + i);
      }
      done += m;
    }
  }

  private static void store(NpyType t, ByteBuffer b, Object data, int i) {
    switch (t) {
      case FLOAT32 -> ((float[]) data)[i] = b.getFloat();
      case FLOAT64 -> ((double[]) data)[i] = b.getDouble();
      case INT8 -> ((long[]) data)[i] = b.get();
      case INT16 -> ((long[]) data)[i] = b.getShort();
      case INT32 -> ((long[]) data)[i] = b.getInt();
      case INT64, UINT64 -> ((long[]) data)[i] = b.getLong();
      case UINT8, BOOL -> ((long[]) data)[i] = b.get() & 0xff;
      case UINT16 -> ((long[]) data)[i] = b.getShort() & 0xffff;
      case UINT32 -> ((long[]) data)[i] = b.getInt() & 0xffffffffL;
    }
  }

  static void readFully(SeekableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        return;
      }
    }
  }
}
