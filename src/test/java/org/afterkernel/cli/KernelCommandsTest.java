package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** ak train, features, kernel and kernel-stats end to end on a few real examples. */
class KernelCommandsTest {
  @TempDir Path dir;

  private String data() {
    return TestData.sharedDataDir().toString();
  }

  @Test
  void featuresOfATrainedModelAndTheirGramMatrix() {
    Path model = dir.resolve("model");
    CliTestSupport.Run t = ak("train", "--arch", "mlp", "--width", "8", "--epochs", "1", "--first", "300",
        "--data-dir", data(), "--out", model.toString());
    assertEquals(0, t.exitCode(), t.err());
    for (String f : new String[] {"network.json", "weights.npz", "weights-initial.npz", "train.json",
        "savedmodel/saved_model.pb"}) {
      assertTrue(Files.exists(model.resolve(f)), f);
    }
    JsonNode record = Json.readTree(model.resolve("train.json"));
    assertEquals(1, record.get("history").get("perEpoch").size());
    assertTrue(record.get("provenance").get("tensorflowNative").asText().startsWith("2."));

    Path x = dir.resolve("x.npy");
    Path y = dir.resolve("y.npy");
    CliTestSupport.Run f = ak("features", "--model", model.toString(), "--split", "test", "--first", "25",
        "--data-dir", data(), "--out", x.toString(), "--labels-out", y.toString());
    assertEquals(0, f.exitCode(), f.err());
    NpyArray xs = Npy.read(x);
    assertArrayEquals(new long[] {25, (784 * 8 + 8) + 3 * (8 * 8 + 8) + (8 + 1)}, xs.shape());
    assertEquals(25, Npy.read(y).size());

    Path g = dir.resolve("g.npy");
    CliTestSupport.Run k = ak("kernel", "--model", model.toString(), "--split", "test", "--first", "25",
        "--data-dir", data(), "--out", g.toString());
    assertEquals(0, k.exitCode(), k.err());
    NpyArray gram = Npy.read(g);
    assertArrayEquals(new long[] {25, 25}, gram.shape());
    float[] fx = xs.asFloats();
    int d = (int) xs.dim(1);
    for (int i = 0; i < 25; i += 6) {
      for (int j = 0; j < 25; j += 7) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int c = 0; c < d; c++) {
          dot += (double) fx[i * d + c] * fx[j * d + c];
          ni += (double) fx[i * d + c] * fx[i * d + c];
          nj += (double) fx[j * d + c] * fx[j * d + c];
        }
        assertEquals(dot, gram.asFloats()[i * 25 + j], 1e-5 * Math.sqrt(ni * nj), "G[" + i + "][" + j + "]");
      }
    }
    assertTrue(Files.exists(dir.resolve("g.json")));

    Path stats = dir.resolve("stats.json");
    CliTestSupport.Run s = ak("kernel-stats", "--gram", g.toString(), "--labels", y.toString(), "--out", stats.toString());
    assertEquals(0, s.exitCode(), s.err());
    double rank = Json.readTree(stats).get("effectiveRank").asDouble();
    assertTrue(rank >= 1 && rank <= 25, "effective rank " + rank);

    CliTestSupport.Run s2 = ak("kernel-stats", "--model", model.toString(), "--split", "test", "--first", "20",
        "--data-dir", data(), "--out", stats.toString());
    assertEquals(0, s2.exitCode(), s2.err());
    double alignment = Json.readTree(stats).get("alignment").asDouble();
    assertTrue(alignment > 0 && alignment <= 1 + 1e-9, "alignment " + alignment);
  }

  @Test
  void featuresOfAKerasSavedModel() {
    Path x = dir.resolve("k.npy");
    CliTestSupport.Run r = ak("features", "--model", "../shared/savedmodels/keras_mnist_mlp_vignesh",
        "--logit-difference", "8,3", "--split", "test", "--first", "4", "--data-dir", data(), "--out", x.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertArrayEquals(new long[] {4, 89_610}, Npy.read(x).shape(), "one feature per trainable parameter");
    r = ak("features", "--model", "../shared/savedmodels/keras_mnist_mlp_vignesh", "--initial", "--data-dir", data(),
        "--out", x.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--initial needs a directory written by ak train"), r.err());
  }

  @Test
  void badInputsGiveOneLineErrorsAndNoFiles() {
    CliTestSupport.Run r = ak("features", "--model", dir.toString(), "--data-dir", data(), "--out",
        dir.resolve("x.npy").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("not a model directory"), r.err());
    r = ak("features", "--arch", "vgg", "--dataset", "cifar10", "--classes", "3,5", "--first", "2",
        "--data-dir", data(), "--model", dir.toString(), "--out", dir.resolve("x.npy").toString());
    assertEquals(1, r.exitCode());
    r = ak("kernel-stats", "--gram", dir.resolve("missing.npy").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("no such file"), r.err());
    r = ak("features", "--arch", "nope", "--data-dir", data(), "--out", dir.resolve("x.npy").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("unknown architecture 'nope'"), r.err());
    assertFalse(Files.exists(dir.resolve("x.npy")));
    r = ak("features", "--kind", "bogus", "--out", "x.npy");
    assertEquals(2, r.exitCode());
  }
}
