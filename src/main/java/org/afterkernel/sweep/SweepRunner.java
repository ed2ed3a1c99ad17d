package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.afterkernel.AkException;
import org.afterkernel.data.DataIdentity;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.io.DirectoryLock;
import org.afterkernel.io.Progress;
import org.afterkernel.tf.TensorFlowRuntime;

/**
 * Runs the tasks of one shard of a sweep. Any number of processes may run the same sweep into one
 * results folder at once (shards, {@code --where} parts, a requeued task beside its old self):
 * before each task a process reads every results file of the folder, skips the cells recorded
 * there (and, unless asked to retry, those recorded as failed), claims the rest ({@link
 * CellClaims}), skips those another live process has claimed, reads the files again and computes
 * only what is still unrecorded. Once through, it takes up the cells whose claimers have died
 * meanwhile; cells that live processes are still computing are left to them and reported. A task
 * whose training fails (e.g. diverges at a high learning rate) records its unmeasured cells as
 * failed, with the error, and the sweep goes on. Every line records the thread count; a folder
 * holding lines of another count is refused, also at each append (under the folder's lock).
 */
public final class SweepRunner {
  private static final int MAX_PASSES = 10;

  private final SweepDefinition def;
  private final ResultsFile results;
  private final Path dir;
  private final Path dataDir;
  private final Consumer<String> log;
  private final boolean showProgress;
  private final CellClaims claims;
  private final Map<String, LabeledImages[]> data = new HashMap<>();
  private final Map<String, Map<String, DataIdentity>> identities = new HashMap<>();

  public SweepRunner(SweepDefinition def, ResultsFile results, Path dataDir, Consumer<String> log, boolean progress) {
    this.def = def;
    this.results = results;
    this.dir = results.path().toAbsolutePath().getParent();
    this.dataDir = dataDir;
    this.log = log;
    this.showProgress = progress;
    this.claims = new CellClaims(dir);
  }

  /**
   * What a call to {@link #run} did.
   *
   * @param tasks trainings run (whole or in part)
   * @param cellsDone cells this run recorded as done
   * @param cellsFailed cells this run recorded as failed
   * @param cellsSkipped cells found recorded (by an earlier run or another process)
   * @param elsewhere cells left unrecorded because other live processes were computing them, to
   *     the holder ("pid 123 on host h since T")
   */
  public record Outcome(int tasks, int cellsDone, int cellsFailed, int cellsSkipped, Map<String, String> elsewhere) {}

  /** Runs the shard's tasks. */
  public Outcome run(Shard shard, boolean retryFailed) {
    return run(shard, retryFailed, CellFilter.ALL);
  }

  /** Runs the cells of the shard's tasks that {@code filter} selects. */
  public Outcome run(Shard shard, boolean retryFailed, CellFilter filter) {
    String hash = def.hash();
    int threads = TensorFlowRuntime.effectiveIntraOpThreads();
    if (def.threads() != null && def.threads() != threads) {
      throw new AkException("sweep " + def.name() + " is defined with threads " + def.threads() + ", this process uses "
          + threads + " TensorFlow thread(s)");
    }
    try (DirectoryLock probe = DirectoryLock.acquire(dir)) {
      recorded(hash, threads); // a file system without locks, another sweep or thread count: refused before any work
    }
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    List<SweepPlan.Task> mine = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (shard.owns(i)) {
        mine.add(tasks.get(i));
      }
    }
    mine = filter.apply(mine);
    long selected = mine.stream().mapToLong(t -> t.cells().size()).sum();
    Map<String, String> elsewhere = new LinkedHashMap<>();
    Set<String> counted = new HashSet<>();
    int[] totals = new int[3]; // tasks, done, failed
    try (Progress progress = showProgress ? Progress.start("sweep " + def.name() + " shard " + shard, selected, "cells")
        : Progress.silent()) {
      runPasses(mine, hash, threads, retryFailed, elsewhere, counted, totals, progress);
    } catch (RunEnding e) {
      throw e.error;
    }
    claims.removeStale();
    Set<String> now = finished(recorded(hash, threads), retryFailed);
    elsewhere.keySet().removeIf(now::contains);
    int skipped = (int) selected - totals[1] - totals[2] - elsewhere.size();
    return new Outcome(totals[0], totals[1], totals[2], Math.max(0, skipped), Map.copyOf(elsewhere));
  }

  /** The first pass over the tasks, then passes over the cells whose claimers have ended. */
  private void runPasses(List<SweepPlan.Task> mine, String hash, int threads, boolean retryFailed,
      Map<String, String> elsewhere, Set<String> counted, int[] totals, Progress progress) {
    List<SweepPlan.Task> pending = mine;
    for (int pass = 0; pass < MAX_PASSES && !pending.isEmpty(); pass++) {
      List<SweepPlan.Task> again = new ArrayList<>();
      for (SweepPlan.Task task : pending) {
        runClaimed(task, hash, threads, retryFailed, elsewhere, counted, totals, progress);
        if (task.cells().stream().anyMatch(c -> elsewhere.containsKey(c.id()))) {
          again.add(task);
        }
      }
      // Another pass for the cells whose claimers have gone without recording them (killed).
      Set<String> now = finished(recorded(hash, threads), retryFailed);
      elsewhere.keySet().removeIf(now::contains);
      pending = again.stream().filter(t -> t.cells().stream()
          .anyMatch(c -> elsewhere.containsKey(c.id()) && claims.holder(c.id()) == null)).toList();
      if (!pending.isEmpty()) {
        log.accept(pending.size() + " task(s) with cells claimed by processes that have ended: taking them up");
      }
    }
  }

  /** Claims the task's unrecorded cells and computes those still unrecorded once claimed. */
  private void runClaimed(SweepPlan.Task task, String hash, int threads, boolean retryFailed,
      Map<String, String> elsewhere, Set<String> counted, int[] totals, Progress progress) {
    Set<String> finished = finished(recorded(hash, threads), retryFailed);
    Map<String, CellClaims.Claim> held = new HashMap<>();
    try {
      Set<String> claimed = held.keySet();
      for (SweepPlan.Cell c : task.cells()) {
        if (finished.contains(c.id())) {
          count(c.id(), counted, progress);
          continue;
        }
        CellClaims.Claim claim = claims.tryClaim(c.id(), hash);
        if (claim == null) {
          String holder = claims.holder(c.id());
          elsewhere.put(c.id(), holder == null ? "another process" : holder);
          count(c.id(), counted, progress);
        } else {
          elsewhere.remove(c.id());
          held.put(c.id(), claim);
        }
      }
      if (claimed.isEmpty()) {
        return;
      }
      Set<String> now = finished(recorded(hash, threads), retryFailed); // recorded meanwhile by another?
      List<SweepPlan.Cell> todo = task.cells().stream().filter(c -> claimed.contains(c.id()) && !now.contains(c.id()))
          .toList();
      task.cells().stream().filter(c -> claimed.contains(c.id()) && now.contains(c.id()))
          .forEach(c -> count(c.id(), counted, progress));
      if (todo.isEmpty()) {
        return;
      }
      totals[0]++;
      log.accept("task " + task.id() + ": measuring at epochs "
          + todo.stream().map(c -> Integer.toString(c.epochs())).collect(Collectors.joining(",")));
      runTask(task, todo, hash, threads, totals, c -> {
        held.get(c).close(); // recorded: others may see it done now
        count(c, counted, progress);
      });
    } finally {
      held.values().forEach(CellClaims.Claim::close);
    }
  }

  private static void count(String id, Set<String> counted, Progress progress) {
    if (counted.add(id)) {
      progress.step(1);
    }
  }

  private void runTask(SweepPlan.Task task, List<SweepPlan.Cell> todo, String hash, int threads, int[] totals,
      Consumer<String> finishedCell) {
    long start = System.nanoTime();
    Set<String> written = new HashSet<>();
    Map<String, DataIdentity> identity = null;
    try {
      ExperimentConfig c = task.config();
      LabeledImages[] d = data(c);
      identity = identities.get(dataKey(c));
      // Each stage's time as it ends, and its progress while it runs (when shown): no silent hours.
      ExperimentRunner runner = new ExperimentRunner(c, d[0], d[1], line -> log.accept("  " + line), showProgress);
      int[] epochs = todo.stream().mapToInt(SweepPlan.Cell::epochs).toArray();
      runner.runOne(task.run(), epochs, r -> {
        // Trained to a loss target, a task is one cell, measured where training stopped (r.epochs()
        // is the epochs trained, not the cell's cap).
        SweepPlan.Cell cell = c.trainingLossTarget() != null ? todo.get(0)
            : todo.stream().filter(x -> x.epochs() == r.epochs()).findFirst().orElseThrow();
        append(CellLine.done(def, hash, task, cell, r, seconds(start), identities.get(dataKey(c))), hash, threads);
        written.add(cell.id());
        totals[1]++;
        finishedCell.accept(cell.id());
        log.accept(String.format(Locale.ROOT, "  cell %s done (%.1f s)", cell.id(), seconds(start)));
      });
    } catch (RunEnding e) {
      throw e;
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
      for (SweepPlan.Cell cell : todo) {
        if (!written.contains(cell.id())) {
          append(CellLine.failed(def, hash, task, cell, message, seconds(start), identity), hash, threads);
          totals[2]++;
          finishedCell.accept(cell.id());
        }
      }
      log.accept("  task " + task.id() + " failed: " + message);
    }
  }

  /**
   * What ends the run rather than a cell: a folder of another sweep or thread count, or a line that
   * cannot be written (a full disk), which must not be recorded as the cell's failure.
   */
  private static final class RunEnding extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient AkException error;

    RunEnding(AkException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  /** Appends under the folder's lock, once the folder is checked to hold this sweep and thread count. */
  private void append(ObjectNode line, String hash, int threads) {
    try (DirectoryLock lock = DirectoryLock.acquire(dir)) {
      try {
        recorded(hash, threads);
        results.append(line);
      } catch (AkException e) {
        throw new RunEnding(e);
      } catch (java.io.UncheckedIOException e) {
        throw new RunEnding(new AkException(e.getMessage(), e));
      }
    }
  }

  /** Every line of the folder's results files, checked to be of this sweep and thread count. */
  private List<ObjectNode> recorded(String hash, int threads) {
    List<ObjectNode> lines = SweepFiles.readAll(SweepFiles.resultFiles(dir));
    for (ObjectNode n : lines) {
      String h = n.path("sweepHash").asText();
      if (!h.equals(hash)) {
        throw new AkException(dir + ": holds results of another sweep definition (hash " + h + ", this one is " + hash
            + "); use another --out directory or restore the original config");
      }
      int t = CellLine.threads(n);
      if (t != 0 && t != threads) {
        throw new AkException(dir + ": holds cells computed with " + t + " TensorFlow thread(s) (cell "
            + n.path("cell").asText() + "), this process uses " + threads + "; results move in their last digits with"
            + " the thread count, so a results folder holds one: run with --threads " + t + " (or the definition's"
            + " \"threads\": " + t + "), or use another --out");
      }
    }
    return lines;
  }

  private static Set<String> finished(List<ObjectNode> lines, boolean retryFailed) {
    return lines.stream().filter(n -> n.path("status").asText().equals("done") || !retryFailed)
        .map(n -> n.path("cell").asText()).collect(Collectors.toSet());
  }

  /**
   * The task's training and test sets, loaded once per dataset, class pair and subset, with the
   * identity of their files.
   */
  private LabeledImages[] data(ExperimentConfig c) {
    return data.computeIfAbsent(dataKey(c), k -> {
      LabeledImages[] d = {
          Datasets.load(dataDir, c.datasetValue(), Split.TRAIN, c.classes(), c.trainExamples()),
          Datasets.load(dataDir, c.datasetValue(), Split.TEST, c.classes(), c.testExamples())};
      identities.put(k, ExperimentRunner.dataIdentity(c, dataDir, d[0].count(), d[1].count()));
      return d;
    });
  }

  private static String dataKey(ExperimentConfig c) {
    return c.dataset() + "/" + c.minusClass() + "," + c.plusClass() + "/" + c.trainExamples() + "/"
        + c.testExamples();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
