package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Test data: the project's shared copy of the original dataset files, and small files in the
 * original formats written byte by byte from the formats' definitions (not with the code under
 * test).
 */
public final class TestData {
  private TestData() {}

  /**
   * The shared data directory: {@code $AK_DATA_DIR} (CI sets it), else {@code ../shared/data}
   * beside the project. Missing data fails the test (it is never skipped).
   */
  public static Path sharedDataDir() {
    String env = System.getenv(DataDir.ENV);
    Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "data");
    assertTrue(
        Files.isDirectory(dir.resolve("mnist")),
        "the tests need the original dataset files: set AK_DATA_DIR or put shared/data beside the"
            + " project (looked in " + dir.toAbsolutePath().normalize() + ")");
    return dir;
  }

  /** Pixel value of test image {@code n} at (y, x, c): varied, covering 0 and 255. */
  public static int pixel(int n, int y, int x, int c) {
    return (n * 37 + y * 11 + x * 5 + c * 101) % 256;
  }

  /**
   * An IDX image file (magic 0x00000803, then count, rows, cols, big-endian) of {@code count}
   * images whose pixel (y, x) of image n is {@link #pixel}(n, y, x, 0).
   */
  public static byte[] idxImages(int count, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
    for (int n = 0; n < count; n++) {
      for (int y = 0; y < rows; y++) {
        for (int x = 0; x < cols; x++) {
          b.put((byte) pixel(n, y, x, 0));
        }
      }
    }
    return b.array();
  }

  /** An IDX label file (magic 0x00000801, then count) holding {@code labels}. */
  public static byte[] idxLabels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(0x00000801).putInt(labels.length);
    for (int l : labels) {
      b.put((byte) l);
    }
    return b.array();
  }

  /**
   * CIFAR-10 binary records: per record the label byte, then the red, green and blue planes,
   * each 32x32 row-major; value (y, x) of plane c of record k is {@link #pixel}(first + k, y, x,
   * c).
   */
  public static byte[] cifarRecords(int first, int... labels) {
    ByteBuffer b = ByteBuffer.allocate(labels.length * 3073);
    for (int k = 0; k < labels.length; k++) {
      b.put((byte) labels[k]);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            b.put((byte) pixel(first + k, y, x, c));
          }
        }
      }
    }
    return b.array();
  }

  /** {@code data} gzipped. */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code bytes} to {@code dir/name}, creating the directory. */
  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under {@code dir} (hidden ones too), relative, sorted. */
  public static List<String> filesUnder(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code dir} holds exactly the regular files {@code expected} (relative paths). */
  public static void assertFiles(Path dir, String... expected) {
    assertEquals(List.of(expected).stream().sorted().toList(), filesUnder(dir), "files under " + dir);
  }
}
