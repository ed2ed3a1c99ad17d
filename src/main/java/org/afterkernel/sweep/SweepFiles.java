package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.afterkernel.AkException;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.io.DirectoryLock;
import org.afterkernel.io.Json;
import org.afterkernel.io.Warnings;

/** The results files of a sweep directory: reading them together and merging shards. */
public final class SweepFiles {
  private SweepFiles() {}

  /** {@code results.jsonl} and the shard files in {@code dir}, or {@code path} itself when it is a file. */
  public static List<Path> resultFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(p -> p.getFileName().toString().matches("results(\\.shard-\\d+-of-\\d+)?\\.jsonl"))
          .sorted().toList();
    } catch (IOException e) {
      throw new AkException(path + ": cannot list: " + e.getMessage());
    }
  }

  /**
   * The results files of several directories or files.
   *
   * @throws AkException naming an input that holds none
   */
  public static List<Path> resultFiles(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      List<Path> found = resultFiles(p);
      if (found.isEmpty()) {
        throw new AkException(p + (Files.isDirectory(p)
            ? ": no results files in this folder (expected results.jsonl or results.shard-I-of-N.jsonl, as ak sweep"
                + " run writes them); found " + entries(p)
            : ": no such file or folder (expected a sweep's results.jsonl, or a folder holding one)"));
      }
      files.addAll(found);
    }
    return files;
  }

  /** The first names in {@code dir}, for an error message. */
  private static String entries(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted()
          .toList();
      if (names.isEmpty()) {
        return "an empty folder";
      }
      return String.join(", ", names.subList(0, Math.min(5, names.size())))
          + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    } catch (IOException e) {
      return "a folder that cannot be listed (" + e.getMessage() + ")";
    }
  }

  /**
   * Every line of every file, checked to belong to one sweep definition and one thread count
   * (lines that do not say theirs aside); lines a file could not hold are skipped and reported
   * ({@link ResultsFile#read}).
   */
  public static List<ObjectNode> readAll(List<Path> files) {
    List<ObjectNode> out = new ArrayList<>();
    String hash = null;
    Path hashFile = null;
    int threads = 0;
    String threadsAt = null;
    for (Path f : files) {
      for (ObjectNode n : new ResultsFile(f).read()) {
        String h = n.path("sweepHash").asText();
        if (hash == null) {
          hash = h;
          hashFile = f;
        } else if (!hash.equals(h)) {
          throw new AkException("refusing to mix sweeps: " + f + " holds results of sweep definition " + h
              + ", " + hashFile + " of " + hash);
        }
        int t = CellLine.threads(n);
        if (t != 0 && threads == 0) {
          threads = t;
          threadsAt = f + " (cell " + n.path("cell").asText() + ")";
        } else if (t != 0 && t != threads) {
          throw new AkException("refusing to mix thread counts: " + f + " (cell " + n.path("cell").asText()
              + ") was computed with " + t + " TensorFlow thread(s), " + threadsAt + " with " + threads
              + "; results move in their last digits with the thread count: keep them in separate folders");
        }
        out.add(n);
      }
    }
    return out;
  }

  /**
   * The cells recorded as done more than once with different measures, one description each: the
   * runs that wrote them did not compute the same thing (another version, machine or thread count),
   * so which to keep is a question, not a formality.
   */
  public static List<String> conflicts(List<ObjectNode> lines) {
    Map<String, ObjectNode> first = new LinkedHashMap<>();
    Map<String, String> out = new LinkedHashMap<>();
    for (ObjectNode n : lines) {
      if (!n.path("status").asText().equals("done")) {
        continue;
      }
      String id = n.path("cell").asText();
      ObjectNode old = first.putIfAbsent(id, n);
      if (old != null && !old.path("values").equals(n.path("values")) && !out.containsKey(id)) {
        out.put(id, "cell " + id + " is recorded as done twice with different values (finished at "
            + old.path("finishedAt").asText("?") + " and " + n.path("finishedAt").asText("?") + ")");
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * One line per cell: a done line wins over a failed one, the first of equals is kept; ordered
   * by run, then cell. Done lines of one cell with different measures are reported ({@link
   * #conflicts}); the first is kept.
   */
  public static List<ObjectNode> deduplicate(List<ObjectNode> lines) {
    for (String c : conflicts(lines)) {
      Warnings.warn(c + "; kept the first");
    }
    Map<String, ObjectNode> byCell = new LinkedHashMap<>();
    for (ObjectNode n : lines) {
      String id = n.path("cell").asText();
      ObjectNode old = byCell.get(id);
      if (old == null || (!old.path("status").asText().equals("done") && n.path("status").asText().equals("done"))) {
        byCell.put(id, n);
      }
    }
    List<ObjectNode> out = new ArrayList<>(byCell.values());
    out.sort(java.util.Comparator.comparingInt((ObjectNode n) -> n.path("run").asInt())
        .thenComparing(n -> n.path("cell").asText()));
    return out;
  }

  /**
   * Merges {@code files} into {@code target}, atomically, holding the lock of the target's folder
   * ({@link DirectoryLock}) from reading to renaming: a sweep appending to a file of that folder
   * meanwhile waits, and its line lands in the new file, not in the one replaced.
   */
  public static int merge(List<Path> files, Path target) {
    try (DirectoryLock lock = DirectoryLock.acquire(target.toAbsolutePath().getParent())) {
      List<ObjectNode> lines = deduplicate(readAll(files));
      StringBuilder b = new StringBuilder();
      for (ObjectNode n : lines) {
        b.append(Json.toLine(n)).append('\n');
      }
      AtomicFiles.writeString(target, b.toString());
      return lines.size();
    }
  }
}
