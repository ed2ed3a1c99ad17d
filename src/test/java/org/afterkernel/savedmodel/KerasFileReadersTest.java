package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.io.Json;
import org.afterkernel.nn.Weights;
import org.junit.jupiter.api.Test;

/**
 * The Keras file readers on the small files of {@code kerasfiles/} (laid out by
 * make_kerasfiles.py as Keras's savers write them): every format gives the same network, each
 * weight where Keras puts it (checked against the script's formula, not against a reader), and
 * the outputs of numpy's float64 forward pass of the same models (expected_outputs.json).
 */
class KerasFileReadersTest {
  static final Path DIR = Path.of("src", "test", "resources", "org", "afterkernel", "savedmodel", "kerasfiles");

  /** The seeds of make_kerasfiles.py's value formula, by layer/weight. */
  static final Map<String, Integer> SEEDS = Map.ofEntries(Map.entry("conv2d/kernel", 9), Map.entry("conv2d/bias", 12),
      Map.entry("batch_normalization/gamma", 3), Map.entry("batch_normalization/beta", 4),
      Map.entry("batch_normalization/moving_mean", 5), Map.entry("batch_normalization/moving_variance", 6),
      Map.entry("dense/kernel", 7), Map.entry("dense/bias", 8), Map.entry("norm/mean", 11),
      Map.entry("norm/variance", 12), Map.entry("d1/kernel", 13), Map.entry("d1/bias", 14), Map.entry("bn/gamma", 15),
      Map.entry("bn/beta", 16), Map.entry("bn/moving_mean", 17), Map.entry("bn/moving_variance", 18),
      Map.entry("d2/kernel", 19), Map.entry("d2/bias", 20), Map.entry("head/kernel", 21), Map.entry("head/bias", 22),
      Map.entry("dw/depthwise_kernel", 40), Map.entry("dw/bias", 41), Map.entry("sep/depthwise_kernel", 42),
      Map.entry("sep/pointwise_kernel", 43), Map.entry("sep/bias", 44), Map.entry("out/kernel", 45),
      Map.entry("out/bias", 46));

  /** make_kerasfiles.py's value(name): entry i of the array. */
  static float[] expected(String name, int size) {
    int seed = SEEDS.get(name);
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      int r = (7 * i + seed) % 23;
      out[i] = name.endsWith("variance") ? (float) (0.5 + r / 20.0) : (float) ((r - 11) / 20.0);
    }
    return out;
  }

  /** make_kerasfiles.py's inputs(model): 3 inputs, entry i of input k = ((5 i + 3 k) % 17) / 16. */
  static Images inputs(int h, int w, int c) {
    int n = h * w * c;
    float[] px = new float[3 * n];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < n; i++) {
        px[k * n + i] = (float) (((5 * i + 3 * k) % 17) / 16.0);
      }
    }
    return new Images(3, h, w, c, px);
  }

  private static void checkFile(String file, Path architecture, ModelFormat format, String model, long params,
      List<String> parameters, List<String> constants, int h, int w) {
    checkFile(file, architecture, format, model, params, parameters, constants, h, w, 1);
  }

  private static void checkFile(String file, Path architecture, ModelFormat format, String model, long params,
      List<String> parameters, List<String> constants, int h, int w, int channels) {
    Path path = DIR.resolve(file);
    KerasDescription d = KerasFile.read(path, architecture);
    assertEquals(format, d.format(), file);
    for (String c : constants) {
      int slash = c.indexOf('/');
      float[] v = ((FileVariables) d.variables()).value(c.substring(0, slash), c.substring(slash + 1)).asFloats();
      assertArrayEquals(expected(c, v.length), v, file + " " + c);
    }
    JsonNode numpy = Json.readTree(DIR.resolve("expected_outputs.json")).get(model);
    Images x = inputs(h, w, channels);
    try (ImportedModel m = KerasImporter.load(path, architecture,
        ImportOptions.defaults().withMultiOutputDefault(org.afterkernel.nn.OutputHead.index(0)))) {
      assertEquals(params, m.model().parameterCount(), file);
      Weights weights = m.model().weights();
      assertEquals(parameters, m.model().parameters().stream().map(p -> p.name()).toList(), file);
      for (String p : parameters) {
        float[] v = weights.get(p).asFloats();
        assertArrayEquals(expected(p, v.length), v, file + " " + p);
      }
      int width = m.outputWidth();
      float[] out = m.model().evaluate(x, m.output(), width);
      double[][] ref = new KerasReference(d).outputs(x, m.modelInputShape());
      for (int k = 0; k < 3; k++) {
        for (int j = 0; j < width; j++) {
          double want = numpy.get(k).get(j).asDouble();
          assertEquals(want, out[k * width + j], 2e-6, file + " imported output " + k + "," + j);
          assertEquals(want, ref[k][j], 1e-12, file + " reference output " + k + "," + j);
        }
      }
    }
  }

  private static final List<String> CNN_PARAMS = List.of("conv2d/kernel", "conv2d/bias", "batch_normalization/gamma",
      "batch_normalization/beta", "dense/kernel", "dense/bias");
  private static final List<String> CNN_CONSTANTS = List.of("batch_normalization/moving_mean",
      "batch_normalization/moving_variance");
  private static final long CNN_COUNT = 3 * 3 * 2 + 2 + 2 + 2 + 98 * 10 + 10;

  @Test
  void legacyWeightsOnlyH5WithArchitectureBesideIt() {
    checkFile("cnn_keras2_weights.h5", null, ModelFormat.LEGACY_WEIGHTS_H5, "cnn", CNN_COUNT, CNN_PARAMS,
        CNN_CONSTANTS, 28, 28);
  }

  @Test
  void legacyFullModelWrittenByKeras3WithoutTheColonZeroSuffix() {
    checkFile("cnn_keras3_legacy.h5", null, ModelFormat.LEGACY_H5, "cnn", CNN_COUNT, CNN_PARAMS, CNN_CONSTANTS, 28, 28);
  }

  @Test
  void kerasArchiveAsTfKeras214WritesIt() {
    checkFile("cnn_tfkeras214.keras", null, ModelFormat.KERAS_ARCHIVE, "cnn", CNN_COUNT, CNN_PARAMS, CNN_CONSTANTS,
        28, 28);
  }

  @Test
  void keras3WeightsFileWithArchitectureGiven() {
    checkFile("cnn_keras3.weights.h5", DIR.resolve("cnn_keras3.json"), ModelFormat.WEIGHTS_H5, "cnn", CNN_COUNT,
        CNN_PARAMS, CNN_CONSTANTS, 28, 28);
  }

  private static final List<String> NESTED_PARAMS = List.of("d1/kernel", "d1/bias", "bn/gamma", "bn/beta",
      "d2/kernel", "d2/bias", "head/kernel", "head/bias");
  private static final List<String> NESTED_CONSTANTS = List.of("norm/mean", "norm/variance", "bn/moving_mean",
      "bn/moving_variance");
  private static final long NESTED_COUNT = 4 * 5 + 5 + 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2;

  /** Keras 2's legacy order for a nested model: trainable weights of all its layers, then the others. */
  @Test
  void legacyH5WithANestedSequential() {
    checkFile("nested_keras2.h5", null, ModelFormat.LEGACY_H5, "nested", NESTED_COUNT, NESTED_PARAMS,
        NESTED_CONSTANTS, 2, 2);
  }

  /** Keras 3's groups are named by class and numbered within each model (layers/sequential/layers/dense_1). */
  @Test
  void kerasArchiveWithANestedSequentialAndLayersNamedOtherwiseThanTheirClass() {
    checkFile("nested_keras3.keras", null, ModelFormat.KERAS_ARCHIVE, "nested", NESTED_COUNT, NESTED_PARAMS,
        NESTED_CONSTANTS, 2, 2);
  }

  private static final List<String> DWSEP_PARAMS = List.of("dw/depthwise_kernel", "dw/bias", "sep/depthwise_kernel",
      "sep/pointwise_kernel", "sep/bias", "out/kernel", "out/bias");
  private static final long DWSEP_COUNT = 3 * 3 * 2 * 2 + 4 + 2 * 2 * 4 + 4 * 3 + 3 + 3 * 2 + 2;

  /** DepthwiseConv2D and SeparableConv2D (Keras 3 stores the depthwise kernel as 'kernel': vars/0). */
  @Test
  void depthwiseAndSeparableConvolutionsInBothFormats() {
    checkFile("dwsep_keras3.keras", null, ModelFormat.KERAS_ARCHIVE, "dwsep", DWSEP_COUNT, DWSEP_PARAMS, List.of(),
        6, 5, 2);
    checkFile("dwsep_keras2.h5", null, ModelFormat.LEGACY_H5, "dwsep", DWSEP_COUNT, DWSEP_PARAMS, List.of(), 6, 5, 2);
  }

  /** Keras 3's save_model(zipped=False): the archive's three files in a directory. */
  @Test
  void unzippedKerasDirectory(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("model.keras");
    java.nio.file.Files.createDirectories(dir);
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(DIR.resolve("nested_keras3.keras").toFile())) {
      for (String name : List.of("config.json", "metadata.json", "model.weights.h5")) {
        java.nio.file.Files.write(dir.resolve(name), z.getInputStream(z.getEntry(name)).readAllBytes());
      }
    }
    KerasDescription d = KerasFile.read(dir, null);
    assertEquals(ModelFormat.KERAS_DIRECTORY, d.format());
    assertArrayEquals(expected("bn/moving_variance", 5), ((FileVariables) d.variables()).value("bn", "moving_variance")
        .asFloats());
    try (ImportedModel m = KerasImporter.load(dir, ImportOptions.defaults().withMultiOutputDefault(
        org.afterkernel.nn.OutputHead.index(0)))) {
      assertEquals(NESTED_COUNT, m.model().parameterCount());
    }
  }

  @Test
  void snakeCaseAsKeras() {
    assertEquals("conv2d", KerasWeightsH5.snakeCase("Conv2D"));
    assertEquals("max_pooling2d", KerasWeightsH5.snakeCase("MaxPooling2D"));
    assertEquals("batch_normalization", KerasWeightsH5.snakeCase("BatchNormalization"));
    assertEquals("depthwise_conv2d", KerasWeightsH5.snakeCase("DepthwiseConv2D"));
    assertEquals("global_average_pooling2d", KerasWeightsH5.snakeCase("GlobalAveragePooling2D"));
    assertEquals("re_lu", KerasWeightsH5.snakeCase("ReLU"));
  }

  @Test
  void inspectNamesTheFormatAndListsTheWeightsWithTheirPaths() {
    java.io.StringWriter s = new java.io.StringWriter();
    Inspection.print(DIR.resolve("nested_keras3.keras"), null, new java.io.PrintWriter(s, true));
    String out = s.toString();
    assertTrue(out.contains("format: .keras archive"), out);
    assertTrue(out.contains("written by: Keras 3.1.1"), out);
    assertTrue(out.contains("d2/kernel") && out.contains("layers/sequential/layers/dense_1/vars/0"), out);
    assertTrue(out.contains("parameters: " + NESTED_COUNT), out);
    assertTrue(out.contains("import: supported"), out);
  }
}
