package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak bench experiment} runs every stage of a (small) cell and reports each against its floor. */
class BenchExperimentCommandTest {
  @Test
  void everyStageIsReportedWithItsFloorAndTheSvmConvergence(@TempDir Path dir) {
    Path out = dir.resolve("bench.json");
    CliTestSupport.Run r = ak("bench", "experiment", "--arch", "mlp", "--data-dir", TestData.sharedDataDir().toString(),
        "--train-examples", "300", "--test-examples", "80", "--svm-iterations", "20", "--converge",
        "--tolerance", "1e-3", "--matmul-seconds", "0.5", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String stage : new String[] {"train one epoch", "features, materialized", "Gram of 300, materialized",
        "rows, structured", "Gram of 300, structured", "SVM kernel", "dual iteration", "invariance translation",
        "invariance rotation", "invariance zoom", "invariance swap", "alignment"}) {
      assertTrue(r.out().contains(stage), "stage " + stage + " in\n" + r.out());
    }
    assertTrue(r.out().contains("(bandwidth)") && r.out().contains("(matmul)"), r.out());
    JsonNode j = Json.readTree(out);
    assertEquals(300, j.get("trainExamples").asInt());
    assertEquals(12, j.get("stages").size());
    for (JsonNode s : j.get("stages")) {
      assertTrue(s.get("floorSeconds").asDouble() > 0, s.toString());
      assertTrue(s.get("stage").get("seconds").asDouble() > 0, s.toString());
    }
    JsonNode svm = j.get("svm");
    assertEquals("CONVERGED", svm.get("stopReason").asText(), svm.toString());
    assertEquals(2, svm.get("milestones").size(), "99% and 99.9% of the converged margin");
    assertTrue(svm.get("milestones").get(0).get("iteration").asLong()
        <= svm.get("milestones").get(1).get("iteration").asLong());
  }

  @Test
  void noBaselineSkipsTheMaterializedStages(@TempDir Path dir) {
    CliTestSupport.Run r = ak("bench", "experiment", "--arch", "mlp", "--data-dir", TestData.sharedDataDir().toString(),
        "--train-examples", "100", "--test-examples", "40", "--svm-iterations", "5", "--matmul-seconds", "0.3",
        "--no-baseline");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("rows, structured"), r.out());
    assertTrue(!r.out().contains("materialized"), "a materialized stage ran with --no-baseline:\n" + r.out());
  }
}
