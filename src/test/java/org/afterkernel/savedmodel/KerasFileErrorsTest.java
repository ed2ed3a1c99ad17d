package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and unsupported Keras files are refused in one line naming the file, the layer or
 * member, and what was expected: before any network is built, and without other exceptions.
 */
class KerasFileErrorsTest {
  private static final Path DIR = KerasFileReadersTest.DIR;

  @TempDir Path tmp;

  private static void refused(Path path, Path architecture, String... parts) {
    AkException e = assertThrows(AkException.class, () -> {
      try (ImportedModel m = KerasImporter.load(path, architecture,
          ImportOptions.defaults().withMultiOutputDefault(org.afterkernel.nn.OutputHead.index(0)))) {
        m.model();
      }
    });
    String m = e.getMessage();
    assertEquals(1, m.lines().count(), m);
    for (String p : parts) {
      assertTrue(m.contains(p), "expected '" + p + "' in: " + m);
    }
  }

  /** A copy of the archive {@code from} with members replaced (null: left out). */
  private Path rezip(String from, String name, Map<String, byte[]> replace) throws IOException {
    Path to = tmp.resolve(name);
    try (ZipFile in = new ZipFile(DIR.resolve(from).toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        byte[] data = replace.containsKey(e.getName()) ? replace.get(e.getName()) : in.getInputStream(e).readAllBytes();
        if (data != null) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(data);
          out.closeEntry();
        }
      }
    }
    return to;
  }

  private String config(String from) throws IOException {
    try (ZipFile z = new ZipFile(DIR.resolve(from).toFile())) {
      return new String(z.getInputStream(z.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void notAKerasFile() throws IOException {
    Path text = Files.writeString(tmp.resolve("model.h5"), "hello, not a model");
    refused(text, null, "model.h5", "not a Keras model file", "neither a zip archive");
    refused(tmp.resolve("missing.keras"), null, "missing.keras", "no such file or directory");
  }

  @Test
  void truncatedFiles() throws IOException {
    for (String f : new String[] {"nested_keras3.keras", "cnn_keras3_legacy.h5"}) {
      byte[] b = Files.readAllBytes(DIR.resolve(f));
      Path half = Files.write(tmp.resolve("half-" + f), Arrays.copyOf(b, b.length / 2));
      refused(half, null, "half-" + f);
    }
  }

  @Test
  void archiveMembers() throws IOException {
    refused(rezip("nested_keras3.keras", "noweights.keras", java.util.Collections.singletonMap("model.weights.h5", null)),
        null, "noweights.keras", "has no model.weights.h5");
    refused(rezip("nested_keras3.keras", "badjson.keras", Map.of("config.json", "{\"class_name\": ".getBytes())),
        null, "badjson.keras: config.json", "not valid JSON");
    refused(rezip("nested_keras3.keras", "badh5.keras", Map.of("model.weights.h5", "not hdf5".getBytes())),
        null, "badh5.keras: model.weights.h5", "not a readable HDF5 file");
    refused(rezip("nested_keras3.keras", "subclassed.keras", Map.of("config.json",
        "{\"class_name\": \"MyModel\", \"config\": {}}".getBytes())), null, "subclassed.keras: config.json",
        "'MyModel'", "subclassed");
  }

  @Test
  void customObjectsAndMixedPrecision() throws IOException {
    String c = config("nested_keras3.keras");
    String custom = c.replaceFirst("\"class_name\": \"Dense\", \"config\": \\{\"name\": \"d1\"",
        "\"class_name\": \"MyDense\", \"config\": {\"name\": \"d1\"").replaceFirst(
        "\"registered_name\": null\\}, \\{\"module\": \"keras.layers\", \"class_name\": \"BatchNormalization\"",
        "\"registered_name\": \"my_pkg>MyDense\"}, {\"module\": \"keras.layers\", \"class_name\": \"BatchNormalization\"");
    assertTrue(custom.contains("my_pkg>MyDense"), custom);
    refused(rezip("nested_keras3.keras", "custom.keras", Map.of("config.json", custom.getBytes())), null,
        "custom.keras: config.json", "MyDense layer 'd1' (in Sequential 'block')", "custom object", "my_pkg>MyDense");
    String act = c.replace("\"activation\": \"tanh\"", "\"activation\": {\"module\": null, \"class_name\": \"function\","
        + " \"config\": \"my_act\", \"registered_name\": \"my_pkg>my_act\"}");
    refused(rezip("nested_keras3.keras", "act.keras", Map.of("config.json", act.getBytes())), null,
        "Dense layer 'd2'", "custom activation", "my_pkg>my_act");
    String mixed = c.replaceFirst("\"name\": \"d1\", \"trainable\": true, \"dtype\": \"float32\"",
        "\"name\": \"d1\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\","
            + " \"config\": {\"name\": \"mixed_float16\"}, \"registered_name\": null}");
    refused(rezip("nested_keras3.keras", "mixed.keras", Map.of("config.json", mixed.getBytes())), null,
        "Dense layer 'd1'", "mixed_float16", "only float32");
  }

  @Test
  void unsupportedAndFrozenLayers() throws IOException {
    String c = config("nested_keras3.keras");
    String conv1d = c.replaceFirst("\"class_name\": \"Dense\", \"config\": \\{\"name\": \"d1\"",
        "\"class_name\": \"Conv1D\", \"config\": {\"name\": \"d1\"");
    refused(rezip("nested_keras3.keras", "conv1d.keras", Map.of("config.json", conv1d.getBytes())), null,
        "conv1d.keras", "Conv1D", "not supported");
    String frozen = c.replaceFirst("\"name\": \"d1\", \"trainable\": true", "\"name\": \"d1\", \"trainable\": false");
    refused(rezip("nested_keras3.keras", "frozen.keras", Map.of("config.json", frozen.getBytes())), null,
        "d1/kernel", "not trainable in", "frozen.keras: model.weights.h5", "frozen layers are not supported");
  }

  @Test
  void weightsThatDoNotFitTheConfig() {
    refused(DIR.resolve("bad_extra_weight.keras"), null, "bad_extra_weight.keras: model.weights.h5",
        "Dense layer 'dense' has 3 weights in layers/dense/vars", "has 2 [kernel, bias]");
    refused(DIR.resolve("bad_orphan_weight.keras"), null, "bad_orphan_weight.keras: model.weights.h5",
        "layers/dense_1/vars/0", "no layer of the config takes");
    refused(DIR.resolve("bad_legacy_count.h5"), null, "bad_legacy_count.h5", "layer model_weights/conv2d has 3 weights",
        "Conv2D layer 'conv2d'", "has 2 [conv2d/kernel, conv2d/bias]");
    refused(DIR.resolve("bad_int_kernel.h5"), null, "bad_int_kernel.h5", "model_weights/dense/kernel",
        "expected floating-point weights");
    // The nested model's architecture for the cnn's weights.
    refused(DIR.resolve("cnn_keras2_weights.h5"), DIR.resolve("nested_keras3.keras.json"), "nested_keras3.keras.json",
        "no such architecture file");
  }

  @Test
  void architectureOfAWeightsOnlyFile() throws IOException {
    Path alone = Files.copy(DIR.resolve("cnn_keras2_weights.h5"), tmp.resolve("alone.h5"));
    refused(alone, null, "alone.h5", "no alone.json beside it", "--architecture FILE.json");
    Path wrong = Files.writeString(tmp.resolve("wrong.json"), config("nested_keras3.keras"));
    refused(alone, wrong, "alone.h5", "layer conv2d has 2 weights [conv2d/kernel:0, conv2d/bias:0]",
        "the config's Normalization layer 'norm' (layer 1 with weights) has 3 [norm/mean, norm/variance, norm/count]");
    refused(DIR.resolve("nested_keras3.keras"), wrong, "--architecture", "applies to weights-only HDF5 files");
    Path notModel = Files.writeString(tmp.resolve("config.json"), "{\"name\": \"x\", \"layers\": []}");
    refused(alone, notModel, "config.json", "not a Keras model config", "model.to_json()");
  }
}
