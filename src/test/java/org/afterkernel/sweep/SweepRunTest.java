package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterkernel.data.TestData;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.experiment.RunResult;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps run for real: trajectory reuse, failures, kills and resumption, shards and merging. */
class SweepRunTest {
  @TempDir Path dir;

  private Map<String, JsonNode> runInProcess(Path sweep, Path out) {
    SweepDefinition def = SweepDefinition.read(sweep);
    new SweepRunner(def, new ResultsFile(out.resolve("results.jsonl")), TestData.sharedDataDir(), l -> {}, false)
        .run(Shard.ALL, false);
    return SweepTestSupport.valuesByCell(new ResultsFile(out.resolve("results.jsonl")).read());
  }

  @Test
  void oneTrajectoryEqualsTrainingSeparatelyToEachEpochCount() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "reuse", 1, "");
    Map<String, JsonNode> swept = runInProcess(sweep, dir.resolve("out"));
    assertEquals(6, swept.size());
    SweepDefinition def = SweepDefinition.read(sweep);
    for (SweepPlan.Task task : SweepPlan.expand(def)) {
      for (SweepPlan.Cell cell : task.cells()) {
        // A separate experiment trained to exactly this cell's epochs.
        ExperimentRunner alone = ExperimentRunner.load(cell.config(), TestData.sharedDataDir(), l -> {}, false);
        List<RunResult> out = new ArrayList<>();
        alone.runOne(cell.run(), new int[] {cell.epochs()}, out::add);
        assertEquals(Json.MAPPER.valueToTree(out.get(0).values()), swept.get(cell.id()),
            cell.id() + ": bit-identical to separate training");
      }
    }
  }

  /** A stage's line in a sweep's log: {@code "    svm: 0.4s"}. */
  private static final Pattern STAGE_LINE = Pattern.compile("^ {4}([a-z_]+): \\S.*");

  @Test
  void theLogNamesEachStageOfACellBeforeTheCellIsDone() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "stages", 1, "");
    List<String> log = new ArrayList<>();
    new SweepRunner(SweepDefinition.read(sweep), new ResultsFile(dir.resolve("out/results.jsonl")),
        TestData.sharedDataDir(), log::add, false).run(Shard.ALL, false);
    List<String> stages = new ArrayList<>();
    int done = 0;
    for (String line : log) {
      Matcher m = STAGE_LINE.matcher(line);
      if (m.matches()) {
        stages.add(m.group(1));
      } else if (line.matches("^  cell .* done \\(.*")) {
        done++;
        assertTrue(stages.contains("svm"), "the SVM stage's time is logged before cell " + done + ": " + log);
        if (!line.contains("\"max-num-epochs\":0")) {
          assertTrue(stages.contains("train"), "a trained cell logs its training: " + log);
        }
        stages.clear();
      }
    }
    assertEquals(6, done, "every cell of the sweep: " + log);
  }

  @Test
  void aFailingCellIsRecordedAndTheSweepGoesOn() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "fails", 1, ", {\"width\": 8, \"learning-rate\": 1e20}");
    Path out = dir.resolve("out");
    Map<String, JsonNode> done = runInProcess(sweep, out);
    List<ObjectNode> lines = new ResultsFile(out.resolve("results.jsonl")).read();
    List<ObjectNode> failed = lines.stream().filter(n -> n.path("status").asText().equals("failed")).toList();
    assertEquals(2, failed.size(), "epochs 1 and 3 of the diverging case");
    assertTrue(failed.get(0).path("error").asText().contains("training diverged"), failed.get(0).toString());
    assertEquals(7, done.size(), "6 cells of the healthy cases and epoch 0 of the diverging one");
    // Re-running skips finished and failed cells.
    SweepDefinition def = SweepDefinition.read(sweep);
    SweepRunner.Outcome again = new SweepRunner(def, new ResultsFile(out.resolve("results.jsonl")),
        TestData.sharedDataDir(), l -> {}, false).run(Shard.ALL, false);
    assertEquals(0, again.tasks());
    assertEquals(9, new ResultsFile(out.resolve("results.jsonl")).read().size());
  }

  @Test
  void killingTheProcessAtRandomMomentsLosesNothingOnceResumed() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "kill", 3, ", {\"width\": 6}");
    Map<String, JsonNode> reference = runInProcess(sweep, dir.resolve("reference"));
    assertEquals(27, reference.size());
    Path out = dir.resolve("killed");
    Random random = new Random(20261125);
    int kills = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
      Process p = SweepTestSupport.start(sweep, out);
      if (!p.waitFor(2500 + random.nextInt(3500), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        kills++;
      }
    }
    Process last = SweepTestSupport.start(sweep, out);
    assertTrue(last.waitFor(300, TimeUnit.SECONDS), "the resumed sweep finishes");
    assertEquals(0, last.exitValue());
    assertTrue(kills >= 2, "the sweep was really interrupted (" + kills + " kills)");
    String text = Files.readString(out.resolve("results.jsonl"));
    assertTrue(text.endsWith("\n"), "no torn line left");
    List<ObjectNode> lines = new ResultsFile(out.resolve("results.jsonl")).read();
    assertEquals(27, lines.size(), "one line per cell, none duplicated");
    assertEquals(reference, SweepTestSupport.valuesByCell(lines));
  }

  @Test
  void threeShardsInSeparateProcessesMergeIntoTheSingleProcessResult() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "shards", 2, ", {\"width\": 6}");
    Map<String, JsonNode> single = runInProcess(sweep, dir.resolve("single"));
    Path out = dir.resolve("sharded");
    List<Process> shards = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      shards.add(SweepTestSupport.start(sweep, out, "--shard", s + "/3"));
    }
    for (Process p : shards) {
      assertTrue(p.waitFor(300, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    }
    List<Path> files = SweepFiles.resultFiles(out);
    assertEquals(3, files.size(), files.toString());
    SweepFiles.merge(files, out.resolve("results.jsonl"));
    assertEquals(single, SweepTestSupport.valuesByCell(new ResultsFile(out.resolve("results.jsonl")).read()));
  }

  @Test
  void aFilteredRunRecordsOnlyItsCellsAndTheWholeRunThenCompletesTheFile() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "where", 1, "");
    Map<String, JsonNode> whole = runInProcess(sweep, dir.resolve("whole"));
    SweepDefinition def = SweepDefinition.read(sweep);
    ResultsFile file = new ResultsFile(dir.resolve("filtered").resolve("results.jsonl"));
    SweepRunner.Outcome part = new SweepRunner(def, file, TestData.sharedDataDir(), l -> {}, false)
        .run(Shard.ALL, false, CellFilter.parse(List.of("width=12")));
    assertEquals(1, part.tasks());
    assertEquals(3, part.cellsDone());
    Map<String, JsonNode> filtered = SweepTestSupport.valuesByCell(file.read());
    assertEquals(3, filtered.size());
    for (Map.Entry<String, JsonNode> e : filtered.entrySet()) {
      assertTrue(e.getKey().contains("\"width\":12"), e.getKey());
      assertEquals(whole.get(e.getKey()), e.getValue(), e.getKey() + ": as the whole run measured it");
    }
    SweepRunner.Outcome rest = new SweepRunner(def, file, TestData.sharedDataDir(), l -> {}, false)
        .run(Shard.ALL, false);
    assertEquals(3, rest.cellsSkipped(), "the filtered run's cells count as finished");
    assertEquals(3, rest.cellsDone());
    assertEquals(whole, SweepTestSupport.valuesByCell(file.read()));
  }

  /** Figures 9-14's sweeps: each cell trained until the training loss reaches a target. */
  @Test
  void cellsTrainedToALossTargetAreMeasuredWhereTrainingStopped() throws Exception {
    Path sweep = dir.resolve("target.json");
    Files.writeString(sweep, "{\"name\": \"target\", \"runs\": 1, \"base\": {\"train-examples\": 300,"
        + " \"test-examples\": 80, \"train-linear-model\": true, \"svm-iterations\": 40, \"num-swaps\": 40,"
        + " \"preset\": \"mlp\", \"width\": 8, \"training-loss-target\": 0.3, \"max-num-epochs\": 200},"
        + " \"cases\": [{\"learning-rate\": 0.01}, {\"learning-rate\": 0.05}]}");
    SweepDefinition def = SweepDefinition.read(sweep);
    Path out = dir.resolve("target-out");
    SweepRunner.Outcome r = new SweepRunner(def, new ResultsFile(out.resolve("results.jsonl")),
        TestData.sharedDataDir(), l -> {}, false).run(Shard.ALL, false);
    assertEquals(2, r.cellsDone(), "no cell failed");
    List<ObjectNode> lines = new ResultsFile(out.resolve("results.jsonl")).read();
    for (SweepPlan.Task task : SweepPlan.expand(def)) {
      SweepPlan.Cell cell = task.cells().get(0);
      ExperimentRunner alone = ExperimentRunner.load(cell.config(), TestData.sharedDataDir(), l -> {}, false);
      List<RunResult> expected = new ArrayList<>();
      alone.runOne(cell.run(), new int[] {cell.epochs()}, expected::add);
      ObjectNode line = lines.stream().filter(n -> n.path("cell").asText().equals(cell.id())).findFirst().orElseThrow();
      assertEquals(Json.MAPPER.valueToTree(expected.get(0).values()), line.get("values"), cell.id());
      int trained = expected.get(0).epochs();
      assertTrue(trained > 0 && trained < 200, cell.id() + ": stopped at the target (" + trained + " epochs)");
      assertEquals(trained, line.path("epochsTrained").asInt());
      assertEquals(200, line.path("epochs").asInt(), "the cell's cap");
      assertTrue(line.path("values").path("training_loss").asDouble() <= 0.3, line.toString());
    }
  }

  /** A whole run in a folder where a shard has run skips the shard's cells instead of computing them again. */
  @Test
  void aWholeRunSkipsTheCellsOfTheShardFilesBesideIt() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "beside", 1, ""); // 2 tasks of 3 cells
    SweepDefinition def = SweepDefinition.read(sweep);
    Path out = dir.resolve("beside-out");
    Shard first = new Shard(0, 2);
    SweepRunner.Outcome shard = new SweepRunner(def, new ResultsFile(out.resolve(first.fileName())),
        TestData.sharedDataDir(), l -> {}, false).run(first, false);
    assertEquals(3, shard.cellsDone());
    SweepRunner.Outcome whole = new SweepRunner(def, new ResultsFile(out.resolve("results.jsonl")),
        TestData.sharedDataDir(), l -> {}, false).run(Shard.ALL, false);
    assertEquals(3, whole.cellsSkipped(), "the shard's cells");
    assertEquals(3, whole.cellsDone(), "only the other task's");
    assertEquals(3, new ResultsFile(out.resolve("results.jsonl")).read().size());
  }
}
