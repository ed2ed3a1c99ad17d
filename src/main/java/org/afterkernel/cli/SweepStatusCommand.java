package org.afterkernel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.afterkernel.io.Progress;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepFiles;
import org.afterkernel.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak sweep status}: done, failed and remaining cells, and an estimate of the time left. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Done / remaining / failed cells of a sweep and an ETA (from the finished tasks' times).")
public final class SweepStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SweepOptions sweep;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    SweepDefinition def = sweep.definition();
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    List<ObjectNode> lines = SweepFiles.deduplicate(SweepFiles.readAll(SweepFiles.resultFiles(sweep.dir(def))));
    Set<String> done = ids(lines, "done");
    Set<String> failed = ids(lines, "failed");
    Map<String, Double> taskSeconds = new HashMap<>();
    for (ObjectNode n : lines) {
      taskSeconds.merge(n.path("task").asText(), n.path("elapsedSeconds").asDouble(), Math::max);
    }
    int cells = tasks.stream().mapToInt(t -> t.cells().size()).sum();
    long remainingTasks = tasks.stream()
        .filter(t -> t.cells().stream().anyMatch(c -> !done.contains(c.id()) && !failed.contains(c.id()))).count();
    double meanTask = taskSeconds.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    o.printf("sweep %s (hash %s) in %s%n", def.name(), def.hash(), sweep.dir(def));
    o.printf("cells: %d done, %d failed, %d remaining of %d (%d task(s) to go of %d)%n", done.size(), failed.size(),
        cells - done.size() - failed.size(), cells, remainingTasks, tasks.size());
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

  private static Set<String> ids(List<ObjectNode> lines, String status) {
    return lines.stream().filter(n -> n.path("status").asText().equals(status)).map(n -> n.path("cell").asText())
        .collect(Collectors.toSet());
  }
}
