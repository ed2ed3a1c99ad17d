package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The genuine Keras 3 {@code model.export()} SavedModel of ../shared, which has no Keras configs,
 * through {@code ak savedmodel inspect}, {@code check} and {@code analyze}: its layers are lifted
 * from the serving function and it passes the check against that function.
 */
class LiftedSavedModelCommandTest {
  static final String EXPORT = Path.of("..", "shared", "savedmodels", "keras3_export_mnist_mlp_kalined").toString();
  static final String DATA = TestData.sharedDataDir().toString();

  @TempDir Path tmp;

  @Test
  void inspectListsTheLiftedLayers() {
    CliTestSupport.Run r = ak("savedmodel", "inspect", EXPORT);
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("layer configs: none (no Keras metadata); the layers are lifted"), r.out());
    assertTrue(r.out().contains("Flatten") && r.out().contains("\"units\":128,\"activation\":\"relu\""), r.out());
    assertTrue(r.out().contains("parameters: 101,770") && r.out().contains("import: supported"), r.out());
  }

  @Test
  void checkAndAnalyzePass() throws Exception {
    CliTestSupport.Run r = ak("savedmodel", "check", EXPORT, "--data-dir", DATA, "--count", "300",
        "--logit-difference", "8,3");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("forward: 300 mnist test images") && r.out().contains("max |difference| 0.00")
        && r.out().contains("check: passed"), r.out());
    Path config = tmp.resolve("small.json");
    Files.writeString(config, "{\"train-examples\": 500, \"test-examples\": 300}");
    Path out = tmp.resolve("analysis.json");
    r = ak("savedmodel", "analyze", EXPORT, "--data-dir", DATA, "--dataset", "mnist", "--classes", "3,8",
        "--config", config.toString(), "--num-translations", "50", "--num-zooms", "50", "--num-swaps", "50",
        "--num-rotations", "50", "--ker-alignment-sample-size", "50", "--effective-rank-sample-size", "50",
        "--svm-iterations", "50", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    String json = Files.readString(out);
    assertTrue(json.contains("lifted from the serving function") && json.contains("ak_alignment"), json);
  }
}
