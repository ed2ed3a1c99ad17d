package org.afterkernel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.afterkernel.io.Progress;
import org.afterkernel.sweep.CellClaims;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepFiles;
import org.afterkernel.sweep.SweepPlan;
import org.afterkernel.sweep.SweepProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak sweep status}: done, failed and remaining cells, per shard too, and the time left. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Done / remaining / failed cells of a sweep, per shard file, and an ETA (from the finished"
        + " tasks' times).", "Reads only the results files, so it works while the shards run (e.g. on a cluster)."})
public final class SweepStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SweepOptions sweep;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    SweepDefinition def = sweep.definition();
    Path dir = sweep.dir(def);
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    SweepProgress p = SweepProgress.of(def, dir);
    List<ObjectNode> lines = SweepFiles.deduplicate(SweepFiles.readAll(SweepFiles.resultFiles(dir)));
    Set<String> recorded = new HashSet<>();
    Map<String, Double> taskSeconds = new HashMap<>();
    for (ObjectNode n : lines) {
      recorded.add(n.path("cell").asText());
      taskSeconds.merge(n.path("task").asText(), n.path("elapsedSeconds").asDouble(), Math::max);
    }
    long remainingTasks = tasks.stream()
        .filter(t -> t.cells().stream().anyMatch(c -> !recorded.contains(c.id()))).count();
    double meanTask = taskSeconds.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    o.printf("sweep %s (hash %s) in %s%n", def.name(), def.hash(), dir);
    o.printf("cells: %d done, %d failed, %d remaining of %d (%d task(s) to go of %d)%n", p.done(), p.failed(),
        p.cells() - p.done() - p.failed(), p.cells(), remainingTasks, tasks.size());
    CellClaims claims = new CellClaims(dir);
    Map<String, Integer> holders = new java.util.TreeMap<>();
    tasks.forEach(t -> t.cells().stream().filter(c -> !recorded.contains(c.id())).map(c -> claims.holder(c.id()))
        .filter(h -> h != null).forEach(h -> holders.merge(h, 1, Integer::sum)));
    holders.forEach((h, n) -> o.printf("in progress: %d cell(s) claimed by %s%n", n, h));
    for (SweepProgress.ShardProgress s : p.shards()) {
      o.printf("shard %s: %d of %d cell(s) recorded (%d done, %d failed)%s%s%n", s.shard(), s.done() + s.failed(),
          s.cells(), s.done(), s.failed(), s.complete() ? ", finished" : "",
          !Files.exists(s.file()) ? ", not started (no " + s.file().getFileName() + ")"
              : s.lastFinishedAt() == null ? "" : ", last line at " + s.lastFinishedAt());
    }
    o.printf("ETA: %s in one process (mean %s per finished task)%n",
        Double.isNaN(meanTask) ? "unknown (no task finished yet)" : Progress.duration(meanTask * remainingTasks),
        Double.isNaN(meanTask) ? "-" : Progress.duration(meanTask));
    for (ObjectNode n : lines) {
      if (n.path("status").asText().equals("failed")) {
        o.printf("failed: %s: %s%n", n.path("cell").asText(), n.path("error").asText());
      }
    }
    return 0;
  }
}
