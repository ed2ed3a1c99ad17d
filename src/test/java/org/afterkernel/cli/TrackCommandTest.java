package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.afterkernel.io.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak track} end to end on a few images, its figure, and its one-line errors. */
class TrackCommandTest {
  @Test
  void tracksAConfigWithOverridesAndDrawsTheTrajectory(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("t.json");
    Files.writeString(config, "{\"minus-class\": 0, \"plus-class\": 1, \"train-examples\": 50, \"probe-examples\": 30,"
        + " \"hidden\": [12], \"loss\": \"mse\", \"whiten\": \"zca\", \"batch-size\": \"full\", \"epochs\": 6,"
        + " \"records\": 4, \"top-k\": 2, \"init-scale\": 0.1, \"bias\": false}");
    Path out = dir.resolve("track");
    CliTestSupport.Run r = ak("track", "--config", config.toString(), "--data-dir", TestData.sharedDataDir().toString(),
        "--lr", "0.02", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    // Full batch: one step per epoch, 6 steps; 4 records: step 0 and 1, 6^(1/2) ~ 2, 6.
    assertEquals(4, JsonLines.read(out.resolve("records.jsonl")).size(), r.out());
    assertTrue(Files.readString(out.resolve("track-config.json")).contains("0.02"));
    assertTrue(Files.isRegularFile(out.resolve("track.json")));
    Path fig = dir.resolve("fig");
    CliTestSupport.Run p = ak("plot", "--track", out.toString(), "--log-x", "--out", fig.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(Files.size(fig.resolve("tracka.png")) > 1000);
    String csv = Files.readString(fig.resolve("tracka.csv"));
    assertTrue(csv.contains("||K_t||") && csv.contains("A(K_t, K_T)"), csv);
  }

  @Test
  void badSettingsAreOneLineErrorsNamingTheKeyAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("t.json");
    Files.writeString(config, "{\"learning-rat\": 0.1}");
    Path out = dir.resolve("track");
    CliTestSupport.Run r = ak("track", "--config", config.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("unknown key 'learning-rat'"), r.err());
    r = ak("track", "--batch-size", "half", "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("batch size is 'half', expected a positive number or full"), r.err());
    r = ak("track", "--whiten", "pca", "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("whiten is 'pca'"), r.err());
    assertFalse(Files.exists(out));
    r = ak("plot", "--track", dir.toString(), "--out", dir.resolve("fig").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("no track records"), r.err());
  }

  @Test
  void akTrainTakesTheSettingsAndKeepsTheWhiteningBesideTheWeights(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("model");
    CliTestSupport.Run r = ak("train", "--arch", "mlp", "--hidden", "6", "--no-bias", "--activation", "tanh",
        "--init-scale", "0.5", "--loss", "mse", "--batch-size", "full", "--whiten", "zca:0.01", "--epochs", "2",
        "--first", "40", "--classes", "0,1", "--data-dir", TestData.sharedDataDir().toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("mlp(hidden=[6], tanh, no bias, init x0.5)"), r.out());
    assertTrue(r.out().contains("no savedmodel/"), r.out());
    assertTrue(Files.isRegularFile(out.resolve("whitening.npz")));
    String record = Files.readString(out.resolve("train.json"));
    assertTrue(record.contains("\"MSE\"") && record.contains("\"eps\" : 0.01"), record);
    CliTestSupport.Run k = ak("kernel", "--model", out.toString(), "--split", "test", "--first", "5", "--classes", "0,1",
        "--data-dir", TestData.sharedDataDir().toString(), "--out", dir.resolve("G.npy").toString());
    assertEquals(0, k.exitCode(), k.err());
  }
}
