package org.afterkernel.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;

/**
 * Reads CIFAR-10's binary batch files ({@code data_batch_N.bin}, {@code test_batch.bin}).
 *
 * <p>A file is a sequence of 3073-byte records: one label byte (0–9), then the 32x32 image as
 * three 1024-byte planes (red, green, blue), each row-major. The reader stores the pixels
 * interleaved (NHWC), the layout of {@link Images}: value {@code c} of pixel {@code (y, x)} of
 * record {@code n} is byte {@code 1 + c*1024 + y*32 + x} of that record.
 */
final class CifarReader {
  static final int SIDE = 32;
  static final int PLANE = SIDE * SIDE;
  static final int PIXEL_BYTES = 3 * PLANE;
  /** Bytes per record: the label and the three planes. */
  static final int RECORD = 1 + PIXEL_BYTES;

  private static final int RECORDS_PER_READ = 1024;

  private CifarReader() {}

  /** Pixels (NHWC bytes, {@code 3072} per image) and labels (0–9) of the records of some files. */
  record Records(byte[] pixels, byte[] labels) {}

  /**
   * Reads the records of {@code files}, one file after the other in the given order.
   *
   * @throws AkException naming the file when its size is not a whole number of records, it is
   *     empty or unreadable, or a label is outside 0–9
   */
  static Records read(List<Path> files) {
    long total = 0;
    for (Path f : files) {
      total += recordCount(f);
    }
    if (total * PIXEL_BYTES > Integer.MAX_VALUE - 16) {
      throw new AkException(files + ": " + total + " CIFAR-10 records, too many to load at once");
    }
    byte[] pixels = new byte[(int) total * PIXEL_BYTES];
    byte[] labels = new byte[(int) total];
    int next = 0;
    for (Path f : files) {
      next = readInto(f, pixels, labels, next);
    }
    return new Records(pixels, labels);
  }

  /** The number of records in {@code file}, from its size. */
  static long recordCount(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new AkException(file + ": no such file", e);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new AkException(file + ": empty file, expected 3073-byte CIFAR-10 records");
    }
    if (size % RECORD != 0) {
      throw new AkException(
          file + ": size " + size + " bytes is not a multiple of the 3073-byte CIFAR-10 record (1"
              + " label byte + 3072 pixel bytes): " + size / RECORD + " records and "
              + size % RECORD + " bytes left over");
    }
    return size / RECORD;
  }

  private static int readInto(Path file, byte[] pixels, byte[] labels, int first) {
    long count = recordCount(file);
    byte[] buf = new byte[RECORDS_PER_READ * RECORD];
    int n = first;
    try (InputStream in = Files.newInputStream(file)) {
      for (long done = 0; done < count; ) {
        int records = (int) Math.min(RECORDS_PER_READ, count - done);
        int want = records * RECORD;
        if (in.readNBytes(buf, 0, want) < want) {
          throw new AkException(file + ": truncated while reading (the file shrank)");
        }
        for (int r = 0; r < records; r++, n++) {
          int o = r * RECORD;
          int label = buf[o] & 0xff;
          if (label >= Dataset.CLASSES) {
            throw new AkException(
                file + ": record " + (done + r) + " has label " + label + ", expected 0-9");
          }
          labels[n] = (byte) label;
          int base = n * PIXEL_BYTES;
          for (int c = 0; c < 3; c++) {
            int plane = o + 1 + c * PLANE;
            for (int p = 0; p < PLANE; p++) {
              pixels[base + p * 3 + c] = buf[plane + p];
            }
          }
        }
        done += records;
      }
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage(), e);
    }
    return n;
  }
}
