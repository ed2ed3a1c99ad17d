package org.afterkernel.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams a float32 {@code .npy} file of known shape row block by row block, so that large
 * feature matrices never have to be held at once. The data goes to a temporary file that {@link
 * #commit()} renames over the destination; closing without committing deletes it, and so does the
 * JVM's exit (Ctrl-C, SIGTERM) before a commit ({@link ExitCleanup}).
 */
public final class NpyFloatWriter implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final long[] shape;
  private final long total;
  private final OutputStream out;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private long written;
  private boolean committed;

  /** Opens a writer for an array of the given shape. */
  public NpyFloatWriter(Path target, long... shape) {
    this.target = target;
    this.shape = shape.clone();
    this.total = NpyArray.elementCount(shape);
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      this.tmp = AtomicFiles.createTemp(dir, target);
      this.out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 20);
      out.write(Npy.header(NpyType.FLOAT32, shape));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Appends {@code length} elements of {@code data} starting at {@code offset}. */
  public void write(float[] data, int offset, int length) {
    if (written + length > total) {
      throw new IllegalStateException(
          "writing past the end of " + target + " (shape " + Arrays.toString(shape) + ")");
    }
    try {
      int i = offset;
      int end = offset + length;
      while (i < end) {
        int m = Math.min(end - i, buf.capacity() / 4);
        buf.clear();
        buf.asFloatBuffer().put(data, i, m);
        out.write(buf.array(), 0, m * 4);
        i += m;
      }
      written += length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Appends all of {@code data}. */
  public void write(float[] data) {
    write(data, 0, data.length);
  }

  /** Finishes the file and renames it into place; every element must have been written. */
  public void commit() {
    if (written != total) {
      throw new IllegalStateException(
          target + ": wrote " + written + " of " + total + " elements before commit");
    }
    try {
      out.close();
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      AtomicFiles.move(tmp, target);
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the file is being discarded
      }
      try {
        Files.deleteIfExists(tmp);
        ExitCleanup.unregister(tmp);
      } catch (IOException ignored) {
        // best effort (the exit hook tries again)
      }
    }
  }
}
