package org.afterkernel.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.afterkernel.AkException;

/**
 * Reads MNIST's IDX files, gzipped or not (recognised by the gzip magic bytes, not by the name).
 *
 * <p>An IDX file is a big-endian header, {@code 0x00 0x00 TYPE NDIMS} then one 32-bit size per
 * dimension, followed by the values in row-major order. MNIST uses unsigned bytes ({@code TYPE =
 * 0x08}): images have magic {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801}
 * (count). Every inconsistency (wrong magic or dimensions, a truncated file or gzip stream, bytes
 * beyond what the header announces, a label outside 0–9) is an {@link AkException} naming the
 * file.
 */
final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  static final int LABELS_MAGIC = 0x00000801;

  private static final int BUFFER = 1 << 16;

  private IdxReader() {}

  /** The pixels of an IDX image file: {@code count} images of {@code rows x cols} bytes. */
  record IdxImages(int count, int rows, int cols, byte[] pixels) {}

  /**
   * Reads an IDX image file whose images must be {@code rows x cols}.
   *
   * @throws AkException naming {@code file} when it is not such a file
   */
  static IdxImages readImages(Path file, int rows, int cols) {
    try (InputStream in = open(file)) {
      ByteBuffer header = header(in, file, 16, IMAGES_MAGIC, "image");
      int count = header.getInt();
      int r = header.getInt();
      int c = header.getInt();
      if (count < 0 || r != rows || c != cols) {
        throw new AkException(
            file + ": wrong dimensions: the header says " + count + " images of " + r + "x" + c
                + ", expected images of " + rows + "x" + cols);
      }
      byte[] pixels = body(in, file, (long) count * rows * cols, count + " images of " + r + "x" + c);
      return new IdxImages(count, rows, cols, pixels);
    } catch (IOException e) {
      throw readError(file, e);
    }
  }

  /**
   * Reads an IDX label file; every label must be in 0–9.
   *
   * @throws AkException naming {@code file} when it is not such a file
   */
  static byte[] readLabels(Path file) {
    try (InputStream in = open(file)) {
      ByteBuffer header = header(in, file, 8, LABELS_MAGIC, "label");
      int count = header.getInt();
      if (count < 0) {
        throw new AkException(file + ": wrong dimensions: the header says " + count + " labels");
      }
      byte[] labels = body(in, file, count, count + " labels");
      for (int i = 0; i < labels.length; i++) {
        if ((labels[i] & 0xff) >= Dataset.CLASSES) {
          throw new AkException(
              file + ": label " + (labels[i] & 0xff) + " at index " + i + " is outside 0-9");
        }
      }
      return labels;
    } catch (IOException e) {
      throw readError(file, e);
    }
  }

  /** Opens {@code file}, decompressing it when it starts with the gzip magic bytes 1f 8b. */
  static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, BUFFER) : raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Reads a header of {@code size} bytes, checks its magic number, and returns the rest. */
  private static ByteBuffer header(InputStream in, Path file, int size, int magic, String kind)
      throws IOException {
    byte[] h = in.readNBytes(size);
    if (h.length >= 4) {
      checkMagic(file, ByteBuffer.wrap(h).getInt(), magic, kind); // the more telling error first
    }
    if (h.length < size) {
      throw new AkException(
          file + ": " + h.length + " bytes of data, shorter than the " + size + "-byte header of an"
              + " IDX " + kind + " file");
    }
    return ByteBuffer.wrap(h, 4, size - 4); // big-endian, as IDX
  }

  private static void checkMagic(Path file, int magic, int expected, String kind) {
    if (magic != expected) {
      throw new AkException(
          String.format(
              Locale.ROOT,
              "%s: wrong IDX magic number 0x%08x, expected 0x%08x (an IDX %s file of unsigned bytes)",
              file, magic, expected, kind));
    }
  }

  /** Reads exactly {@code size} bytes, then checks that nothing follows. */
  private static byte[] body(InputStream in, Path file, long size, String what) throws IOException {
    if (size > Integer.MAX_VALUE - 16) {
      throw new AkException(file + ": the header announces " + what + ", too large to read");
    }
    // Read in blocks rather than allocating what the header claims: a 16-byte header may announce
    // 2 GB of images, and the (possibly gzipped) data shows only while it is read.
    byte[] data = readUpTo(in, (int) size);
    int got = data.length;
    if (got < size) {
      throw new AkException(
          file + ": truncated: the header announces " + what + " (" + size + " bytes after the"
              + " header), the data ends after " + got + " bytes");
    }
    // Reading to the end also makes GZIPInputStream check the gzip trailer (CRC and length).
    long extra = in.transferTo(OutputStream.nullOutputStream());
    if (extra > 0) {
      throw new AkException(
          file + ": " + extra + " bytes follow the " + what + " the header announces");
    }
    return data;
  }

  /** Up to {@code size} bytes of {@code in}; the buffer grows with the data, at most doubling. */
  private static byte[] readUpTo(InputStream in, int size) throws IOException {
    byte[] buf = new byte[Math.min(size, BUFFER)];
    int n = 0;
    while (n < size) {
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
  }

  private static AkException readError(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new AkException(file + ": no such file", e);
    }
    if (e instanceof EOFException) {
      return new AkException(file + ": truncated gzip data (the compressed stream ends early)", e);
    }
    if (e instanceof ZipException) {
      return new AkException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
    }
    return new AkException(file + ": cannot read: " + e.getMessage(), e);
  }
}
