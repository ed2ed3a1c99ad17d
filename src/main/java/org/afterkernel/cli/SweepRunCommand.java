package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.DataDir;
import org.afterkernel.sweep.CellFilter;
import org.afterkernel.sweep.ResultsFile;
import org.afterkernel.sweep.Shard;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepFiles;
import org.afterkernel.sweep.SweepPlan;
import org.afterkernel.sweep.SweepProgress;
import org.afterkernel.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ak sweep run}: runs (this shard of) a sweep, skipping finished cells. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a sweep's cells (or one shard's), appending a JSON line per finished cell.",
        "Re-running skips finished cells; killing it loses at most the cells in progress."})
public final class SweepRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SweepOptions sweep;

  @Option(names = "--shard", paramLabel = "I/N",
      description = "Run shard I of N (1-based). Default: from SLURM_ARRAY_TASK_ID/COUNT,"
          + " JOB_COMPLETION_INDEX with AK_SHARD_COUNT, or AK_SHARD; else the whole sweep.")
  String shard;

  @Option(names = "--retry-failed", description = "Run again the cells recorded as failed.")
  boolean retryFailed;

  @Option(names = "--merge-when-complete",
      description = "Afterwards, when every cell of the sweep is recorded (in any shard file), merge the shard"
          + " files into results.jsonl: the last shard of a job array to finish does the merge.")
  boolean mergeWhenComplete;

  @Option(names = "--where", paramLabel = "KEY=VALUE",
      description = "Run only the cells whose configuration has this value (repeatable; all must hold): e.g."
          + " preset=mlp for the MLP part of a sweep, run=0 for the first run of every setting. The same cells,"
          + " resumable and mergeable as a whole run's.")
  List<String> where = List.of();

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    SweepDefinition def = sweep.definition();
    Shard s = Shard.resolve(shard, System.getenv());
    Path dir = sweep.dir(def);
    SweepOptions.checkResultsDir(dir);
    Path file = dir.resolve(s.fileName());
    CellFilter filter = CellFilter.parse(where);
    int threads = SweepOptions.applyThreads(def, Main.matched(spec.root().commandLine().getParseResult(), "--threads"));
    List<SweepPlan.Task> all = SweepPlan.expand(def);
    o.printf("sweep %s (hash %s): %d task(s); shard %s -> %s%n", def.name(), def.hash(), all.size(), s, file);
    o.printf("threads: %d TensorFlow thread(s)%s%n", threads, def.threads() != null ? " (the definition's)" : "");
    if (!filter.isAll()) {
      List<SweepPlan.Task> chosen = filter.apply(all);
      long cells = chosen.stream().mapToLong(t -> t.cells().size()).sum();
      if (cells == 0) {
        throw new AkException("--where " + filter + ": no cell of sweep " + def.name() + " matches");
      }
      o.printf("--where %s: %d cell(s) in %d task(s) of the sweep%n", filter, cells, chosen.size());
    }
    o.flush();
    SweepRunner.Outcome r = new SweepRunner(def, new ResultsFile(file), DataDir.resolve(dataDir), line -> {
      o.println(line);
      o.flush();
    }, true).run(s, retryFailed, filter);
    o.printf("ran %d task(s): %d cell(s) done, %d failed, %d already finished%s%n", r.tasks(), r.cellsDone(),
        r.cellsFailed(), r.cellsSkipped(), r.elsewhere().isEmpty() ? ""
            : ", " + r.elsewhere().size() + " left to other processes still computing them");
    r.elsewhere().entrySet().stream().limit(5).forEach(e -> o.printf("  %s: computed by %s%n", e.getKey(), e.getValue()));
    if (r.elsewhere().size() > 5) {
      o.printf("  ... and %d more%n", r.elsewhere().size() - 5);
    }
    if (mergeWhenComplete) {
      mergeIfComplete(o, def, sweep.dir(def));
    }
    return 0;
  }

  /** Merges the results files of {@code dir} when they record every cell of {@code def}. */
  static void mergeIfComplete(PrintWriter o, SweepDefinition def, Path dir) {
    SweepProgress p = SweepProgress.of(def, dir);
    if (!p.complete()) {
      o.printf("%d of %d cell(s) recorded: not merging yet (other shards still to finish)%n", p.done() + p.failed(),
          p.cells());
      return;
    }
    Path target = dir.resolve("results.jsonl");
    List<Path> files = SweepFiles.resultFiles(dir);
    if (files.equals(List.of(target))) {
      o.printf("all %d cell(s) recorded in %s%n", p.cells(), target);
      return;
    }
    int n = SweepFiles.merge(files, target);
    o.printf("all %d cell(s) recorded: merged %d file(s) into %s (%d cell(s))%n", p.cells(), files.size(), target, n);
  }
}
