package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.afterkernel.cli.CliTestSupport.akProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.afterkernel.sweep.ResultsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread count is part of a result's identity: every sweep line and result document records
 * it, a results folder holds one count (another is refused before any work), a definition's
 * {@code threads} fixes it, and merging folders of different counts is refused. TensorFlow sizes
 * its thread pool once per process, so each count runs in a JVM of its own.
 */
class ThreadCountTest {
  @TempDir Path dir;

  private final String data = TestData.sharedDataDir().toString();

  private Path sweep(String name, String threads) throws IOException {
    Path f = dir.resolve(name + ".json");
    Files.writeString(f, "{\"name\": \"" + name + "\", \"runs\": 1" + threads + ", \"base\": {\"preset\": \"mlp\","
        + " \"width\": 4, \"train-examples\": 64, \"test-examples\": 32, \"train-linear-model\": true,"
        + " \"svm-iterations\": 10, \"num-swaps\": 8}, \"grid\": {\"max-num-epochs\": [0, 1]}}");
    return f;
  }

  private static List<Integer> threads(Path out) {
    return new ResultsFile(out.resolve("results.jsonl")).read().stream().map(n -> n.path("threads").asInt(-1))
        .toList();
  }

  @Test
  void aResultsFolderHoldsOneThreadCount() throws Exception {
    Path s = sweep("mix", "");
    Path out = dir.resolve("out");
    CliTestSupport.Run one = akProcess(Map.of(), "--threads", "1", "sweep", "run", s.toString(), "--out", out.toString(),
        "--data-dir", data, "--where", "max-num-epochs=0");
    assertEquals(0, one.exitCode(), one.err());
    assertTrue(one.out().contains("\nthreads: 1 TensorFlow thread(s)\n"), one.out());
    assertEquals(List.of(1), threads(out));
    String before = Files.readString(out.resolve("results.jsonl"));

    CliTestSupport.Run two = akProcess(Map.of(), "--threads", "2", "sweep", "run", s.toString(), "--out",
        out.toString(), "--data-dir", data);
    assertEquals(1, two.exitCode(), two.out());
    assertEquals("ak: error: " + out.toAbsolutePath() + ": holds cells computed with 1 TensorFlow thread(s) (cell"
        + " {\"max-num-epochs\":0}#0), this process uses 2; results move in their last digits with the thread count,"
        + " so a results folder holds one: run with --threads 1 (or the definition's \"threads\": 1), or use another"
        + " --out", CliTestSupport.withoutTensorFlowLog(two.err()).strip());
    assertEquals(before, Files.readString(out.resolve("results.jsonl")), "nothing computed, nothing written");

    CliTestSupport.Run rest = akProcess(Map.of("AK_THREADS", "1"), "sweep", "run", s.toString(), "--out",
        out.toString(), "--data-dir", data);
    assertEquals(0, rest.exitCode(), rest.err());
    assertEquals(List.of(1, 1), threads(out));

    // Another folder of the same sweep at 2 threads: merging the two is refused.
    Path other = dir.resolve("other");
    assertEquals(0, akProcess(Map.of(), "--threads", "2", "sweep", "run", s.toString(), "--out", other.toString(),
        "--data-dir", data, "--where", "max-num-epochs=1").exitCode());
    assertEquals(List.of(2), threads(other));
    CliTestSupport.Run merge = ak("sweep", "merge", out.resolve("results.jsonl").toString(),
        other.resolve("results.jsonl").toString(), "--out", dir.resolve("merged.jsonl").toString());
    assertEquals(1, merge.exitCode(), merge.out());
    assertTrue(merge.err().startsWith("ak: error: refusing to mix thread counts: "), merge.err());
    assertTrue(!Files.exists(dir.resolve("merged.jsonl")));
  }

  @Test
  void aDefinitionsThreadsFixTheCountAndAConflictingOptionIsRefused() throws Exception {
    Path s = sweep("fixed", ", \"threads\": 1");
    Path out = dir.resolve("fixed");
    CliTestSupport.Run conflict = akProcess(Map.of(), "--threads", "2", "sweep", "run", s.toString(), "--out",
        out.toString(), "--data-dir", data);
    assertEquals(1, conflict.exitCode(), conflict.out());
    assertTrue(conflict.err().contains("--threads 2 (2 thread(s)) conflicts with sweep fixed's \"threads\": 1"),
        conflict.err());
    CliTestSupport.Run run = akProcess(Map.of("AK_THREADS", "2"), "sweep", "run", s.toString(), "--out",
        out.toString(), "--data-dir", data);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("\nthreads: 1 TensorFlow thread(s) (the definition's)\n"), run.out());
    assertEquals(List.of(1, 1), threads(out));
  }

  @Test
  void trainingAndExperimentResultsRecordTheThreadCount() throws Exception {
    Path model = dir.resolve("m");
    assertEquals(0, akProcess(Map.of(), "--threads", "1", "train", "--arch", "mlp", "--width", "4", "--epochs", "1",
        "--first", "64", "--data-dir", data, "--out", model.toString()).exitCode());
    JsonNode train = Json.readTree(model.resolve("train.json"));
    assertEquals(1, train.path("provenance").path("threads").asInt(), train.path("provenance").toString());
    Path result = dir.resolve("e.json");
    CliTestSupport.Run e = akProcess(Map.of(), "--threads", "2", "experiment", "--preset", "mlp", "--width", "4", "--max-num-epochs",
        "0", "--train-examples", "64", "--test-examples", "32", "--svm-iterations", "5", "--num-swaps", "4",
        "--data-dir", data, "--out", result.toString(), "--test-accuracy-output", dir.resolve("t.tsv").toString());
    assertEquals(0, e.exitCode(), e.err());
    ObjectNode doc = (ObjectNode) Json.readTree(result);
    assertEquals(2, doc.path("provenance").path("threads").asInt(), doc.path("provenance").toString());
  }

  /**
   * TensorFlow sizes its pool from a process's first session (measured: a 2-thread session after
   * a 1-thread one computes as 1 thread), so the recorded count does not follow a later setting.
   */
  @Test
  void theRecordedCountIsThePoolsOnceASessionExists() {
    try (org.tensorflow.Graph g = new org.tensorflow.Graph();
        org.tensorflow.Session s = org.afterkernel.tf.TensorFlowRuntime.session(g)) {
      int pool = org.afterkernel.tf.TensorFlowRuntime.effectiveIntraOpThreads();
      int before = org.afterkernel.tf.TensorFlowRuntime.intraOpThreads();
      try {
        org.afterkernel.tf.TensorFlowRuntime.setThreads(pool == 1 ? 3 : 1, 0);
        assertEquals(pool, org.afterkernel.tf.TensorFlowRuntime.effectiveIntraOpThreads());
      } finally {
        org.afterkernel.tf.TensorFlowRuntime.setThreads(before, 0);
      }
    }
  }
}
