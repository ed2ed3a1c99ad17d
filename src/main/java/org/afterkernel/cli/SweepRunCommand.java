package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.afterkernel.data.DataDir;
import org.afterkernel.sweep.ResultsFile;
import org.afterkernel.sweep.Shard;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepPlan;
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

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    SweepDefinition def = sweep.definition();
    Shard s = Shard.resolve(shard, System.getenv());
    Path file = sweep.dir(def).resolve(s.fileName());
    int tasks = SweepPlan.expand(def).size();
    o.printf("sweep %s (hash %s): %d task(s); shard %s -> %s%n", def.name(), def.hash(), tasks, s, file);
    o.flush();
    SweepRunner.Outcome r = new SweepRunner(def, new ResultsFile(file), DataDir.resolve(dataDir), line -> {
      o.println(line);
      o.flush();
    }, true).run(s, retryFailed);
    o.printf("ran %d task(s): %d cell(s) done, %d failed, %d already finished%n", r.tasks(), r.cellsDone(),
        r.cellsFailed(), r.cellsSkipped());
    return 0;
  }
}
