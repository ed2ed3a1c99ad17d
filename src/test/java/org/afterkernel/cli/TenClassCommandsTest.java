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
import org.afterkernel.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ten-class task end to end: {@code ak train --classes all}, the full and traced kernels of
 * {@code ak kernel --outputs}, {@code ak kernel-stats --outputs} and one-hot {@code ak regress}.
 */
class TenClassCommandsTest {
  @Test
  void trainsATenClassMlpAndTakesItsFullAndTracedKernels(@TempDir Path dir) throws Exception {
    String data = TestData.sharedDataDir().toString();
    Path model = dir.resolve("m");
    CliTestSupport.Run t = ak("train", "--arch", "mlp", "--hidden", "64", "--classes", "all", "--epochs", "2",
        "--first", "200", "--test-first", "100", "--data-dir", data, "--out", model.toString());
    assertEquals(0, t.exitCode(), t.err());
    assertTrue(t.out().contains("largest output"), t.out());
    JsonNode tj = Json.readTree(model.resolve("train.json"));
    assertEquals("all", tj.at("/classes").asText());
    assertEquals(10, tj.at("/network/outputs").asInt());
    assertEquals("SOFTMAX_CROSSENTROPY", tj.at("/training/loss").asText());
    // 784*64+64 + 64*10+10 parameters.
    assertEquals(50890, tj.at("/parameters").asInt());

    Path full = dir.resolve("full.npy");
    CliTestSupport.Run k = ak("kernel", "--model", model.toString(), "--classes", "all", "--first", "5",
        "--outputs", "full", "--data-dir", data, "--out", full.toString());
    assertEquals(0, k.exitCode(), k.err());
    NpyArray f = Npy.read(full);
    assertEquals("(5, 5, 10, 10)", f.shapeString());
    Path trace = dir.resolve("trace.npy");
    assertEquals(0, ak("kernel", "--model", model.toString(), "--classes", "all", "--first", "5", "--outputs", "trace",
        "--data-dir", data, "--out", trace.toString()).exitCode());
    float[] fv = f.asFloats();
    float[] tv = Npy.read(trace).asFloats();
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        double s = 0;
        for (int c = 0; c < 10; c++) {
          s += fv[((i * 5 + j) * 10 + c) * 10 + c];
        }
        assertEquals(s, tv[i * 5 + j], 1e-5 * Math.abs(s), "trace [" + i + "," + j + "]");
        // Symmetry of the full kernel: K[i, j, c, c'] = K[j, i, c', c].
        assertEquals(fv[((i * 5 + j) * 10 + 2) * 10 + 7], fv[((j * 5 + i) * 10 + 7) * 10 + 2], 1e-4);
      }
    }

    CliTestSupport.Run s = ak("kernel-stats", "--model", model.toString(), "--classes", "all", "--first", "30",
        "--outputs", "trace", "--data-dir", data);
    assertEquals(0, s.exitCode(), s.err());
    assertTrue(s.out().contains("targetAlignmentNtk"), s.out());

    Path reg = dir.resolve("reg");
    CliTestSupport.Run r = ak("regress", "--model", model.toString(), "--classes", "all", "--outputs", "full",
        "--train-first", "40", "--test-first", "30", "--data-dir", data, "--out", reg.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode rj = Json.readTree(reg.resolve("regress.json"));
    // 400 (image, class) rows, 50,890 parameters: full rank, so ridgeless regression interpolates. (With 12
    // hidden units it is not: an image's 10 hidden-layer gradients span at most its active units.)
    assertEquals(400, rj.at("/results/rank").asInt());
    assertEquals(0.0, rj.at("/results/trainError").asDouble(), 0);
    assertEquals("(30, 10)", Npy.read(reg.resolve("predictions-test.npy")).shapeString());
    assertTrue(rj.at("/results/network/classAgreement").isNumber(), rj.toString());
    Path fig = dir.resolve("fig");
    CliTestSupport.Run p = ak("plot", "--regress", reg.toString(), "--out", fig.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertEquals(301, Files.readAllLines(fig.resolve("regressa.csv")).size(), "a header and 30 x 10 predictions");

    Path ens = dir.resolve("ens");
    r = ak("regress", "--arch", "mlp", "--width", "16", "--ensemble", "2", "--classes", "all", "--train-first", "40",
        "--test-first", "20", "--data-dir", data, "--out", ens.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(Files.exists(ens.resolve("network-test.npy")));
  }

  @Test
  void badCombinationsSayWhatWasExpected(@TempDir Path dir) {
    String data = TestData.sharedDataDir().toString();
    CliTestSupport.Run r = ak("train", "--arch", "mlp", "--classes", "all", "--loss", "bce", "--first", "10",
        "--data-dir", data, "--out", dir.resolve("x").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("ten-class task takes cce"), r.err());
    r = ak("train", "--arch", "mlp", "--loss", "cce", "--first", "10", "--data-dir", data, "--out",
        dir.resolve("y").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("binary task takes bce or mse"), r.err());
    r = ak("kernel", "--arch", "mlp", "--outputs", "full", "--first", "3", "--data-dir", data, "--out",
        dir.resolve("k.npy").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("one output"), r.err());
    r = ak("kernel", "--arch", "mlp", "--classes", "all", "--outputs", "diagonal", "--first", "3", "--data-dir", data,
        "--out", dir.resolve("k.npy").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("expected full or trace"), r.err());
    r = ak("svm", "--arch", "mlp", "--classes", "all", "--data-dir", data);
    assertTrue(r.exitCode() != 0, r.out());
    assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("k.npy")), "nothing half-written");
  }
}
