package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak regress} with a trained model's kernels, an ensemble and Gram files, and its errors. */
class RegressCommandTest {
  @Test
  void regressesWithTheTrainedInitialAndEnsembleKernelsAndGivenGrams(@TempDir Path dir) throws Exception {
    String data = TestData.sharedDataDir().toString();
    Path model = dir.resolve("m");
    assertEquals(0, ak("train", "--arch", "mlp", "--hidden", "16", "--epochs", "3", "--first", "120",
        "--data-dir", data, "--out", model.toString()).exitCode());
    Path trained = dir.resolve("trained");
    CliTestSupport.Run r = ak("regress", "--model", model.toString(), "--train-first", "120", "--test-first", "60",
        "--data-dir", data, "--out", trained.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("regressor vs network outputs"), r.out());
    JsonNode j = Json.readTree(trained.resolve("regress.json"));
    // 120 images, 12,865 parameters: the Gram has full rank, so ridgeless regression interpolates.
    assertEquals(120, j.at("/results/rank").asInt());
    assertEquals(0.0, j.at("/results/trainError").asDouble(), 0);
    assertTrue(j.at("/results/trainMse").asDouble() < 1e-6, j.toString());
    double[] pred = Npy.read(trained.resolve("predictions-test.npy")).asDoubles();
    double[] net = Npy.read(trained.resolve("network-test.npy")).asDoubles();
    assertEquals(60, pred.length);
    assertEquals(60, net.length);
    assertTrue(j.at("/results/network/pearson").asDouble() > 0, j.toString());

    Path fig = dir.resolve("fig");
    CliTestSupport.Run p = ak("plot", "--regress", trained.toString(), "--out", fig.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertEquals(61, Files.readAllLines(fig.resolve("regressa.csv")).size(), "a header and the 60 test points");

    Path initial = dir.resolve("initial");
    assertEquals(0, ak("regress", "--model", model.toString(), "--initial", "--ridge", "0.1", "--train-first", "120",
        "--test-first", "60", "--data-dir", data, "--out", initial.toString()).exitCode());
    JsonNode ji = Json.readTree(initial.resolve("regress.json"));
    assertEquals(0.1, ji.at("/results/ridge").asDouble(), 0);
    // The network compared is the trained one, whichever kernel: the same outputs.
    org.junit.jupiter.api.Assertions.assertArrayEquals(net,
        Npy.read(initial.resolve("network-test.npy")).asDoubles(), 0);

    Path ensemble = dir.resolve("ensemble");
    r = ak("regress", "--arch", "mlp", "--width", "32", "--ensemble", "2", "--train-first", "50", "--test-first", "20",
        "--data-dir", data, "--out", ensemble.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Json.readTree(ensemble.resolve("regress.json")).at("/kernel/estimate").asText().contains("estimate"));
    assertFalse(Files.exists(ensemble.resolve("network-test.npy")));

    // Gram files: the trained kernel written by ak kernel gives the same predictions.
    Path g = dir.resolve("G.npy");
    Path c = dir.resolve("C.npy");
    Path y = dir.resolve("y.npy");
    Path y2 = dir.resolve("y2.npy");
    assertEquals(0, ak("kernel", "--model", model.toString(), "--split", "train", "--first", "120", "--data-dir", data,
        "--out", g.toString()).exitCode());
    assertEquals(0, ak("kernel", "--model", model.toString(), "--split", "test", "--first", "60", "--cols-split", "train",
        "--cols-first", "120", "--data-dir", data, "--out", c.toString()).exitCode());
    assertEquals(0, ak("features", "--model", model.toString(), "--split", "train", "--first", "120", "--data-dir", data,
        "--kind", "conjugate", "--out", dir.resolve("f.npy").toString(), "--labels-out", y.toString()).exitCode());
    assertEquals(0, ak("features", "--model", model.toString(), "--split", "test", "--first", "60", "--data-dir", data,
        "--kind", "conjugate", "--out", dir.resolve("f2.npy").toString(), "--labels-out", y2.toString()).exitCode());
    Path fromFiles = dir.resolve("files");
    r = ak("regress", "--gram", g.toString(), "--cross", c.toString(), "--train-labels", y.toString(), "--test-labels",
        y2.toString(), "--out", fromFiles.toString());
    assertEquals(0, r.exitCode(), r.err());
    double[] again = Npy.read(fromFiles.resolve("predictions-test.npy")).asDoubles();
    for (int i = 0; i < 60; i++) {
      assertEquals(pred[i], again[i], 1e-6 * (1 + Math.abs(pred[i])), "prediction " + i);
    }
  }

  @Test
  void badInputIsAUsageOrOneLineErrorAndWritesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("r");
    assertEquals(2, ak("regress", "--gram", "G.npy", "--out", out.toString()).exitCode());
    assertEquals(2, ak("regress", "--model", "m", "--ensemble", "3", "--out", out.toString()).exitCode());
    CliTestSupport.Run r = ak("regress", "--ridge", "-1", "--train-first", "20", "--test-first", "5",
        "--data-dir", TestData.sharedDataDir().toString(), "--out", out.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--ridge is -1, expected a finite number >= 0"), r.err());
    assertFalse(Files.exists(out));
  }
}
