package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.io.FileKind;
import org.afterkernel.io.Json;
import org.afterkernel.io.JsonLines;
import org.afterkernel.io.Warnings;

/**
 * A JSON-lines results file, one line per finished cell, which any number of processes may share.
 * Lines are appended whole under the folder's lock ({@link JsonLines#append}), so they never
 * interleave and a process killed at any moment leaves at most a torn last line without a newline.
 * Reading tolerates what an interruption (or an older version's unlocked appends) can leave: a
 * torn tail is ignored, a line that is not JSON between complete lines is skipped, and each is
 * reported ({@link Warnings}) and listed by {@link #skipped()}; a complete last line without its
 * newline is read. A file that holds no cell line, or lines of another kind, is refused, saying
 * what it holds; lines of another sweep definition (another hash) are refused.
 */
public final class ResultsFile {
  private final Path file;
  private final List<String> skipped = new ArrayList<>();

  public ResultsFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** What the last {@link #read()} skipped, one description per line (empty when nothing). */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /** Every cell line, parsed; a file that is not a sweep's results says what it holds instead. */
  public List<ObjectNode> read() {
    skipped.clear();
    List<ObjectNode> out = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage());
    }
    int complete = bytes.length;
    while (complete > 0 && bytes[complete - 1] != '\n') {
      complete--;
    }
    String found = FileKind.binary(Arrays.copyOf(bytes, complete == 0 ? Math.min(bytes.length, 64) : complete));
    if (found != null) {
      throw notResults(found);
    }
    String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
    String tail = new String(bytes, complete, bytes.length - complete, StandardCharsets.UTF_8);
    if (!tail.isBlank()) {
      text = text + tail + "\n"; // a complete last line without newline is read; a torn one skipped below
    }
    int start = 0;
    int lineNo = 0;
    int firstBad = 0;
    String firstBadLine = null;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      lineNo++;
      String line = text.substring(start, nl).trim();
      start = nl + 1;
      if (line.isEmpty()) {
        continue;
      }
      JsonNode n = parse(line);
      if (n == null || n.isValueNode()) { // not JSON, or a scalar: a fragment of a torn line
        boolean last = start >= text.length() && !tail.isBlank();
        skipped.add("line " + lineNo + (last ? " (the last, without a newline: an interrupted or ongoing append)"
            : "") + " is not a JSON object (" + line.length() + " characters: '" + AkException.quote(line, 40) + "')");
        if (firstBadLine == null) {
          firstBad = lineNo;
          firstBadLine = line;
        }
        continue;
      }
      if (!n.isObject() || !CellLine.SCHEMA.equals(n.path("schema").asText())) {
        throw notResults(ResultsContent.describe(text, lineNo, line));
      }
      out.add((ObjectNode) n);
      lineNumbers.add(lineNo);
    }
    if (out.isEmpty() && firstBadLine != null && !(lineNo == firstBad && !tail.isBlank())) {
      throw notResults(ResultsContent.describe(text, firstBad, firstBadLine));
    }
    // Only once the file is known to hold cell lines: each has the fields its readers rely on.
    for (int i = 0; i < out.size(); i++) {
      checkCellLine(out.get(i), lineNumbers.get(i));
    }
    for (String s : skipped) {
      Warnings.warn(file + ": skipped " + s);
    }
    return out;
  }

  private static JsonNode parse(String line) {
    try {
      return Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(line);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private AkException notResults(String found) {
    return new AkException(file + ": not a sweep's results file (expected a results.jsonl written by ak sweep run,"
        + " or a folder holding one); found " + found);
  }

  /** The fields every reader of the lines relies on: the schema, the cell, its status and settings. */
  private void checkCellLine(JsonNode n, int lineNo) {
    String where = file + ": line " + lineNo;
    if (!CellLine.SCHEMA.equals(n.path("schema").asText(null))) {
      throw new AkException(where + " is not a sweep cell line (schema "
          + AkException.quote(String.valueOf(n.get("schema")), 60) + ", expected \"" + CellLine.SCHEMA + "\")");
    }
    for (String f : new String[] {"sweep", "sweepHash", "cell", "status"}) {
      if (!n.path(f).isTextual()) {
        throw new AkException(where + ": '" + f + "' is " + AkException.quote(String.valueOf(n.get(f)), 60)
            + ", expected a string");
      }
    }
    if (!n.path("settings").isObject()) {
      throw new AkException(where + ": 'settings' is " + AkException.quote(String.valueOf(n.get("settings")), 60)
          + ", expected an object");
    }
  }

  /** Checks that every line belongs to the sweep of {@code hash}. */
  public void checkHash(String hash) {
    for (ObjectNode n : read()) {
      String h = n.path("sweepHash").asText();
      if (!h.equals(hash)) {
        throw new AkException(file + ": holds results of another sweep definition (hash " + h + ", this one is "
            + hash + "); use another --out directory or restore the original config");
      }
    }
  }

  /** Appends one line atomically: one write, then fsync ({@link JsonLines#append}). */
  public synchronized void append(ObjectNode line) {
    JsonLines.append(file, Json.toLine(line));
  }
}
