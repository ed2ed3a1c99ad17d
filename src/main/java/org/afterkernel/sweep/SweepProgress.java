package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a sweep is, from the files in its results directory: which of its cells have a line
 * (done or failed) in any results file, and, per shard file, how many of the cells that shard
 * owns it records.
 */
public final class SweepProgress {
  private static final Pattern SHARD_FILE = Pattern.compile("results\\.shard-(\\d+)-of-(\\d+)\\.jsonl");

  /**
   * One shard file's progress.
   *
   * @param file the shard file (absent when the shard has not started)
   * @param shard the shard it belongs to (from its name)
   * @param cells the cells the shard owns
   * @param done its cells recorded as done
   * @param failed its cells recorded as failed (and not done)
   * @param lastFinishedAt when its last line was written (ISO-8601), or null for an empty file
   */
  public record ShardProgress(Path file, Shard shard, int cells, int done, int failed, String lastFinishedAt) {
    /** Whether every cell of the shard is recorded. */
    public boolean complete() {
      return done + failed == cells;
    }
  }

  private final int cells;
  private final Set<String> done;
  private final Set<String> failed;
  private final List<ShardProgress> shards;

  private SweepProgress(int cells, Set<String> done, Set<String> failed, List<ShardProgress> shards) {
    this.cells = cells;
    this.done = done;
    this.failed = failed;
    this.shards = shards;
  }

  /** The progress of {@code def} in results directory {@code dir} (which may not exist yet). */
  public static SweepProgress of(SweepDefinition def, Path dir) {
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    Set<String> all = new HashSet<>();
    tasks.forEach(t -> t.cells().forEach(c -> all.add(c.id())));
    List<Path> files = SweepFiles.resultFiles(dir);
    List<ObjectNode> lines = SweepFiles.deduplicate(SweepFiles.readAll(files));
    Set<String> done = ids(lines, "done", all);
    Set<String> failed = ids(lines, "failed", all);
    Set<Integer> counts = new TreeSet<>();
    for (Path f : files) {
      Matcher m = SHARD_FILE.matcher(f.getFileName().toString());
      if (m.matches()) {
        counts.add(Integer.parseInt(m.group(2)));
      }
    }
    List<ShardProgress> shards = new ArrayList<>();
    for (int count : counts) {
      for (int i = 0; i < count; i++) {
        Shard s = new Shard(i, count);
        shards.add(shard(dir.resolve(s.fileName()), s, tasks));
      }
    }
    return new SweepProgress(all.size(), done, failed, shards);
  }

  private static ShardProgress shard(Path file, Shard shard, List<SweepPlan.Task> tasks) {
    Set<String> owned = new HashSet<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (shard.owns(i)) {
        tasks.get(i).cells().forEach(c -> owned.add(c.id()));
      }
    }
    List<ObjectNode> lines = new ResultsFile(file).read();
    List<ObjectNode> unique = SweepFiles.deduplicate(lines);
    String last = lines.isEmpty() ? null : lines.get(lines.size() - 1).path("finishedAt").asText(null);
    return new ShardProgress(file, shard, owned.size(), ids(unique, "done", owned).size(),
        ids(unique, "failed", owned).size(), last);
  }

  /** The cells of {@code within} whose (deduplicated) line has {@code status}. */
  private static Set<String> ids(List<ObjectNode> lines, String status, Set<String> within) {
    Set<String> out = new HashSet<>();
    for (ObjectNode n : lines) {
      String id = n.path("cell").asText();
      if (n.path("status").asText().equals(status) && within.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Cells of the sweep. */
  public int cells() {
    return cells;
  }

  /** Cells recorded as done. */
  public int done() {
    return done.size();
  }

  /** Cells recorded as failed (and not done). */
  public int failed() {
    return failed.size();
  }

  /** Whether every cell of the sweep is recorded, done or failed. */
  public boolean complete() {
    return done.size() + failed.size() == cells;
  }

  /**
   * Every shard of every shard count that has a file in the directory (a sweep run as 3 shards
   * lists shards 1/3, 2/3 and 3/3, also those whose file does not exist yet).
   */
  public List<ShardProgress> shards() {
    return shards;
  }
}
