package org.afterkernel.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * A JSON-lines file that any number of processes may append to, and that survives being killed.
 * An append takes the folder's {@link DirectoryLock}, opens the file with {@code O_APPEND}, writes
 * the whole line in one write and flushes it to disk before releasing the lock: lines never
 * interleave, and an interrupted append leaves at most a torn last line without a newline. The next
 * append (under the lock, so the torn line is not another writer's line in progress) cuts such a
 * fragment off, or ends it with a newline when it is a complete JSON object, and says so; a failed
 * write (a full disk) is cut off at once. Reading ignores a torn tail.
 */
public final class JsonLines {
  private JsonLines() {}

  /** Appends {@code line} (without its newline) atomically: under the lock, one write, then fsync. */
  public static void append(Path file, String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    try (DirectoryLock lock = DirectoryLock.acquire(dir);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      long size = ch.size();
      long end = completeLength(file, size);
      if (end != size) {
        String tail = tail(file, end, size);
        if (isObject(tail)) {
          ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
          Warnings.warn(file + ": its last line had no newline; ended it with one (a complete JSON line, kept)");
        } else {
          ch.truncate(end);
          Warnings.warn(file + ": cut off a torn last line of " + (size - end) + " byte(s) (an interrupted append)");
        }
      }
      long before = ch.size();
      try {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      } catch (IOException e) {
        try {
          ch.truncate(before); // a partial line (e.g. a full disk) is not left behind
        } catch (IOException ignored) {
          // the next append cuts it off
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lines of {@code file}, parsed (none when it does not exist). A last line without its newline
   * is read when it is a complete JSON object, else ignored with a warning (an interrupted append).
   *
   * @throws AkException naming the file and line that is not JSON
   */
  public static List<JsonNode> read(Path file) {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage());
    }
    int complete = text.lastIndexOf('\n') + 1;
    String tail = text.substring(complete);
    if (!tail.isBlank()) {
      if (isObject(tail)) {
        complete = text.length();
      } else {
        Warnings.warn(file + ": ignored a torn last line of " + tail.length() + " character(s) (an interrupted append)");
      }
    }
    int lineNo = 0;
    for (String line : text.substring(0, complete).split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(Json.MAPPER.readTree(line));
      } catch (IOException e) {
        throw new AkException(file + ": line " + lineNo + " is not valid JSON");
      }
    }
    return out;
  }

  /** Length of {@code file} (of {@code size} bytes) up to and including its last newline. */
  static long completeLength(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(8192);
      long pos = size;
      while (pos > 0) {
        int n = (int) Math.min(chunk.capacity(), pos);
        chunk.clear().limit(n);
        long from = pos - n;
        while (chunk.hasRemaining() && ch.read(chunk, from + chunk.position()) >= 0) {
          // read the whole chunk
        }
        for (int i = n - 1; i >= 0; i--) {
          if (chunk.get(i) == '\n') {
            return from + i + 1;
          }
        }
        pos = from;
      }
      return 0;
    }
  }

  private static String tail(Path file, long from, long to) throws IOException {
    if (to - from > 64 << 20) {
      return "";
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate((int) (to - from));
      while (b.hasRemaining() && ch.read(b, from + b.position()) >= 0) {
        // read it all
      }
      return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }
  }

  private static boolean isObject(String text) {
    try {
      return Json.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(text).isObject();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
