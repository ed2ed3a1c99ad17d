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
 * A JSON-lines file that survives being killed: each line is appended with one write of the whole
 * line and then flushed to disk, so an interrupted append leaves at most a torn last line without
 * a newline; reading ignores such a tail and appending first cuts it off.
 */
public final class JsonLines {
  private JsonLines() {}

  /** Appends {@code line} (without its newline) atomically: one write, then fsync. */
  public static void append(Path file, String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ)) {
        long end = completeLength(ch);
        if (end != ch.size()) {
          ch.truncate(end);
        }
        ch.position(end);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The complete lines of {@code file}, parsed (none when it does not exist); a torn last line is
   * ignored.
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

  /** Length of the file up to and including its last newline. */
  static long completeLength(FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (long pos = size - 1; pos >= 0; pos--) {
      one.clear();
      ch.read(one, pos);
      if (one.get(0) == '\n') {
        return pos + 1;
      }
    }
    return 0;
  }
}
