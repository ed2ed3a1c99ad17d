package org.afterkernel.sweep;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.io.Progress;

/**
 * Runs the tasks of one shard of a sweep, skipping cells already in the results file (and, unless
 * asked to retry, cells recorded as failed). A task whose training fails (e.g. diverges at a high
 * learning rate) records its unmeasured cells as failed, with the error, and the sweep goes on.
 */
public final class SweepRunner {
  private final SweepDefinition def;
  private final ResultsFile results;
  private final Path dataDir;
  private final Consumer<String> log;
  private final boolean showProgress;
  private final Map<String, LabeledImages[]> data = new HashMap<>();

  public SweepRunner(SweepDefinition def, ResultsFile results, Path dataDir, Consumer<String> log, boolean progress) {
    this.def = def;
    this.results = results;
    this.dataDir = dataDir;
    this.log = log;
    this.showProgress = progress;
  }

  /** What a call to {@link #run} did. */
  public record Outcome(int tasks, int cellsDone, int cellsFailed, int cellsSkipped) {}

  /** Runs the shard's tasks. */
  public Outcome run(Shard shard, boolean retryFailed) {
    return run(shard, retryFailed, CellFilter.ALL);
  }

  /** Runs the cells of the shard's tasks that {@code filter} selects. */
  public Outcome run(Shard shard, boolean retryFailed, CellFilter filter) {
    String hash = def.hash();
    results.checkHash(hash);
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    Set<String> finished = results.read().stream()
        .filter(n -> n.path("status").asText().equals("done") || !retryFailed)
        .map(n -> n.path("cell").asText())
        .collect(Collectors.toSet());
    int done = 0;
    int failed = 0;
    int skipped = 0;
    int ran = 0;
    List<SweepPlan.Task> mine = new java.util.ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (shard.owns(i)) {
        mine.add(tasks.get(i));
      }
    }
    mine = filter.apply(mine);
    try (Progress progress = showProgress ? Progress.start("sweep " + def.name() + " shard " + shard,
        mine.stream().mapToLong(t -> t.cells().size()).sum(), "cells") : Progress.silent()) {
      for (SweepPlan.Task task : mine) {
        List<SweepPlan.Cell> todo = task.cells().stream().filter(c -> !finished.contains(c.id())).toList();
        skipped += task.cells().size() - todo.size();
        progress.step(task.cells().size() - todo.size());
        if (todo.isEmpty()) {
          continue;
        }
        ran++;
        log.accept("task " + task.id() + ": measuring at epochs "
            + todo.stream().map(c -> Integer.toString(c.epochs())).collect(Collectors.joining(",")));
        int[] counts = runTask(task, todo, hash, progress);
        done += counts[0];
        failed += counts[1];
      }
    }
    return new Outcome(ran, done, failed, skipped);
  }

  private int[] runTask(SweepPlan.Task task, List<SweepPlan.Cell> todo, String hash, Progress progress) {
    long start = System.nanoTime();
    Set<String> written = new java.util.HashSet<>();
    int[] counts = new int[2];
    try {
      ExperimentConfig c = task.config();
      LabeledImages[] d = data(c);
      ExperimentRunner runner = new ExperimentRunner(c, d[0], d[1], line -> {}, false);
      int[] epochs = todo.stream().mapToInt(SweepPlan.Cell::epochs).toArray();
      runner.runOne(task.run(), epochs, r -> {
        // Trained to a loss target, a task is one cell, measured where training stopped (r.epochs()
        // is the epochs trained, not the cell's cap).
        SweepPlan.Cell cell = c.trainingLossTarget() != null ? todo.get(0)
            : todo.stream().filter(x -> x.epochs() == r.epochs()).findFirst().orElseThrow();
        results.append(CellLine.done(def, hash, task, cell, r, seconds(start)));
        written.add(cell.id());
        counts[0]++;
        progress.step(1);
        log.accept(String.format(Locale.ROOT, "  cell %s done (%.1f s)", cell.id(), seconds(start)));
      });
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
      for (SweepPlan.Cell cell : todo) {
        if (!written.contains(cell.id())) {
          results.append(CellLine.failed(def, hash, task, cell, message, seconds(start)));
          counts[1]++;
          progress.step(1);
        }
      }
      log.accept("  task " + task.id() + " failed: " + message);
    }
    return counts;
  }

  /** The task's training and test sets, loaded once per dataset, class pair and subset. */
  private LabeledImages[] data(ExperimentConfig c) {
    String key = c.dataset() + "/" + c.minusClass() + "," + c.plusClass() + "/" + c.trainExamples() + "/"
        + c.testExamples();
    return data.computeIfAbsent(key, k -> new LabeledImages[] {
        Datasets.load(dataDir, c.datasetValue(), Split.TRAIN, c.classes(), c.trainExamples()),
        Datasets.load(dataDir, c.datasetValue(), Split.TEST, c.classes(), c.testExamples())});
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
