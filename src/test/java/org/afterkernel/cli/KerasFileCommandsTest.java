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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ak savedmodel inspect|check|analyze} and {@code --model} on Keras files: the genuine ones of
 * ../shared/savedmodels and a hand-built untrained one (whose accuracy is at chance).
 */
class KerasFileCommandsTest {
  static final Path MODELS = Path.of("..", "shared", "savedmodels");
  static final Path KERAS2_H5 = MODELS.resolve("keras2_cifar10_h5_emmanuelgendy/cifar10_model.h5");
  static final Path BN_KERAS = MODELS.resolve("tfkeras214_cifar10_bn_mlops/cifar10.keras");
  static final Path KERAS3_H5 = MODELS.resolve("keras3_mnist_convnet_moonflower/mnist_model.h5");
  static final Path FILES = Path.of("src/test/resources/org/afterkernel/savedmodel/kerasfiles");
  static final String DATA = TestData.sharedDataDir().toString();

  @TempDir Path tmp;

  @Test
  void inspectNamesTheFormatVersionLayersWeightsAndParameters() {
    CliTestSupport.Run r = ak("savedmodel", "inspect", KERAS2_H5.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("format: legacy HDF5 model (.h5: model_config attribute, model_weights group)"), r.out());
    assertTrue(r.out().contains("written by: Keras 2.13.1"), r.out());
    assertTrue(r.out().contains("conv2d_6/kernel") && r.out().contains("model_weights/conv2d_6/conv2d_6/kernel:0"),
        r.out());
    assertTrue(r.out().contains("parameters: 122,570") && r.out().contains("import: supported"), r.out());
    r = ak("savedmodel", "inspect", MODELS.resolve("keras_mnist_mlp_vignesh").toString());
    assertTrue(r.out().contains("format: SavedModel directory\n"), r.out());
    r = ak("savedmodel", "inspect", MODELS.resolve("keras3_export_mnist_mlp_kalined").toString());
    assertTrue(r.out().contains("format: SavedModel directory without Keras configs"), r.out());
  }

  @Test
  void checkOfAKerasArchiveWithBatchNormalization() {
    Path json = tmp.resolve("check.json");
    CliTestSupport.Run r = ak("savedmodel", "check", BN_KERAS.toString(), "--data-dir", DATA, "--dataset", "cifar10",
        "--count", "300", "--logit-difference", "5,3", "--json", json.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("float64 reference of the file's layers vs imported graph")
        && r.out().contains("ok (<= 1e-5 of max(1, max |output|))"), r.out());
    assertTrue(r.out().contains("among the classes present [3, 5]") && r.out().contains("ok (above chance)"), r.out());
    assertTrue(r.out().contains("check: passed"), r.out());
    JsonNode doc = Json.readTree(json);
    assertTrue(doc.get("format").asText().startsWith(".keras archive"), doc.toString());
    assertTrue(doc.get("accuracyPasses").asBoolean() && doc.get("forwardPasses").asBoolean(), doc.toString());
    assertEquals(300, doc.get("accuracy").get("images").asInt());
  }

  /** Weights written by a formula, not trained: the accuracy is at chance and check says so. */
  @Test
  void anUntrainedClassifierNearChanceFailsUnlessDeclaredUntrained() {
    Path weights = FILES.resolve("cnn_keras2_weights.h5");
    CliTestSupport.Run r = ak("savedmodel", "check", weights.toString(), "--data-dir", DATA, "--count", "300",
        "--gradient-examples", "1");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("FAILED: near chance"), r.out());
    assertTrue(r.out().contains("check: FAILED") && r.err().contains("check failed"), r.out() + r.err());
    r = ak("savedmodel", "check", weights.toString(), "--data-dir", DATA, "--count", "300", "--gradient-examples", "1",
        "--untrained", "--architecture", FILES.resolve("cnn_keras2_weights.json").toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertFalse(r.out().contains("near chance"), r.out());
    assertTrue(r.out().contains("check: passed"), r.out());
  }

  @Test
  void analyzeAndFeaturesOfALegacyH5() throws Exception {
    Path out = tmp.resolve("a.json");
    CliTestSupport.Run r = ak("savedmodel", "analyze", KERAS3_H5.toString(), "--data-dir", DATA, "--dataset", "mnist",
        "--classes", "3,8", "--num-translations", "20", "--num-rotations", "20", "--num-zooms", "20", "--num-swaps",
        "20", "--ker-alignment-sample-size", "20", "--effective-rank-sample-size", "20", "--train-linear-model",
        "false", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    JsonNode doc = Json.readTree(out);
    assertTrue(doc.get("model").asText().contains("legacy HDF5 model"), doc.get("model").asText());
    assertEquals(34_826, doc.get("parameters").asLong());
    assertTrue(doc.get("runs").get(0).get("values").get("nn_error").asDouble() < 0.05, doc.toString());
    Path x = tmp.resolve("k.npy");
    r = ak("features", "--model", KERAS3_H5.toString(), "--logit-difference", "8,3", "--split", "test", "--first",
        "4", "--data-dir", DATA, "--out", x.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertArrayEquals(new long[] {4, 34_826}, Npy.read(x).shape(), "one feature per trainable parameter");
  }

  /** A file whose input is no dataset's: random inputs, then your own images and labels. */
  @Test
  void checkOfAFileOnRandomInputsAndOnYourOwnData() throws Exception {
    Path model = FILES.resolve("dwsep_keras3.keras");
    CliTestSupport.Run r = ak("savedmodel", "check", model.toString(), "--count", "20", "--output-index", "1");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("20 random (uniform in [0, 1)") && r.out().contains("float64 reference"), r.out());
    assertTrue(r.out().contains("accuracy: not scored (no labels"), r.out());
    float[] px = new float[40 * 6 * 5 * 2];
    long[] labels = new long[40];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) rnd.nextDouble();
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 2;
    }
    Path x = tmp.resolve("x.npy");
    Path y = tmp.resolve("y.npy");
    Npy.writeFloats(x, new long[] {40, 6, 5, 2}, px);
    Npy.writeLongs(y, new long[] {40}, labels);
    r = ak("savedmodel", "check", model.toString(), "--images", x.toString(), "--labels", y.toString(),
        "--output-index", "1", "--untrained");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("accuracy: ") && r.out().contains("of 40 " + x + " images (largest of 2 outputs)"),
        r.out());
    assertTrue(r.out().contains("check: passed"), r.out());
  }

  @Test
  void badFilesGiveOneLineErrors() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.h5"), "not hdf5");
    CliTestSupport.Run r = ak("savedmodel", "check", junk.toString(), "--data-dir", DATA);
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("ak: error: ") && r.err().contains("junk.h5: not a Keras model file"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    r = ak("savedmodel", "inspect", tmp.resolve("nothing.keras").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("nothing.keras: no such file or directory"), r.err());
    r = ak("savedmodel", "inspect", MODELS.resolve("keras_mnist_mlp_vignesh").toString(), "--architecture", "x.json");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--architecture x.json: applies to weights-only HDF5 files"), r.err());
  }
}
