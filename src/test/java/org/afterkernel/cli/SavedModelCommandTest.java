package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.ModelDirectory;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.ImportedModel;
import org.afterkernel.savedmodel.KerasImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak savedmodel inspect|check} on the genuine Keras models, our own exports, and bad input. */
class SavedModelCommandTest {
  static final Path MODELS = Path.of("..", "shared", "savedmodels");
  static final String DATA = TestData.sharedDataDir().toString();

  @TempDir Path tmp;

  @Test
  void inspectShowsSignaturesLayersVariablesAndParameterCount() {
    CliTestSupport.Run r = ak("savedmodel", "inspect", MODELS.resolve("keras_cifar10_cnn_logits_lao").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("layer configs from: saved_model.pb (object graph metadata)"), r.out());
    assertTrue(r.out().contains("input  conv2d_input                 float (None, 32, 32, 3)"), r.out());
    assertTrue(r.out().contains("Conv2D") && r.out().contains("\"filters\":64"), r.out());
    assertTrue(r.out().contains("conv2d/kernel") && r.out().contains("[3, 3, 3, 32]"), r.out());
    assertTrue(r.out().contains("parameters: 122,570"), r.out());
    assertTrue(r.out().contains("import: supported"), r.out());
    r = ak("savedmodel", "inspect", MODELS.resolve("keras_mnist_mlp_vignesh").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("layer configs from: keras_metadata.pb") && r.out().contains("parameters: 89,610"), r.out());
  }

  @Test
  void checkPassesOnAGenuineModelAndWritesJson() throws IOException {
    Path json = tmp.resolve("check.json");
    CliTestSupport.Run r = ak("savedmodel", "check", MODELS.resolve("keras_mnist_cnn_th368").toString(),
        "--data-dir", DATA, "--dataset", "mnist", "--count", "200", "--logit-difference", "8,3",
        "--json", json.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("logit: z_8 - z_3 before the final softmax"), r.out());
    assertTrue(r.out().contains("ok (<= 1e-5)") && r.out().contains("check: passed"), r.out());
    String written = Files.readString(json);
    assertTrue(written.contains("\"forwardPasses\" : true") && written.contains("provenance"), written);
  }

  /** ak train, then its SavedModel imported back: identical logits, conjugate and gradient features. */
  @Test
  void aModelTrainedByAkTrainImportsBackExactly() {
    Path out = tmp.resolve("run");
    CliTestSupport.Run t = ak("train", "--arch", "vgg", "--width", "3", "--epochs", "1", "--first", "64",
        "--data-dir", DATA, "--out", out.toString());
    assertEquals(0, t.exitCode(), t.out() + t.err());
    Images x = Datasets.read(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST).images().slice(0, 20);
    try (Model trained = ModelDirectory.open(out, ModelDirectory.Stage.TRAINED);
        ImportedModel imported = KerasImporter.load(out.resolve("savedmodel"), ImportOptions.defaults())) {
      Model m = imported.model();
      assertEquals(trained.parameterCount(), m.parameterCount());
      assertArrayEquals(trained.logits(x), m.logits(x));
      assertArrayEquals(trained.conjugateFeatures(x), m.conjugateFeatures(x));
      assertArrayEquals(FeatureMap.of(trained, FeatureKind.NTK, Implementation.BATCHED).features(x).data(),
          FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED).features(x).data());
    }
    CliTestSupport.Run c = ak("savedmodel", "check", out.resolve("savedmodel").toString(), "--data-dir", DATA,
        "--count", "100");
    assertEquals(0, c.exitCode(), c.out() + c.err());
    assertTrue(c.out().contains("afterkernel export") && c.out().contains("check: passed"), c.out());
  }

  @Test
  void theCommittedExampleExportPassesTheCheck() {
    CliTestSupport.Run c = ak("savedmodel", "check", "savedmodels/mlp-mnist-3v8-1epoch", "--data-dir", DATA,
        "--count", "100", "--gradient-examples", "2");
    assertEquals(0, c.exitCode(), c.out() + c.err());
  }

  private static void assertError(CliTestSupport.Run r, String... parts) {
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("ak: error: "), r.err());
    for (String p : parts) {
      assertTrue(r.err().contains(p), "expected '" + p + "' in: " + r.err());
    }
    assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("ak: error")).count(), r.err());
  }

  private int copies;

  private Path copyOf(String model) throws IOException {
    Path src = MODELS.resolve(model);
    Path dst = tmp.resolve("copy" + copies++).resolve(model);
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.toList()) {
        Path q = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
          q.toFile().setWritable(true);
        }
      }
    }
    return dst;
  }

  private static void truncate(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
  }

  @Test
  void badInputGivesOneLineErrors() throws IOException {
    assertError(ak("savedmodel", "inspect", tmp.resolve("nothing").toString()), "no such directory");
    assertError(ak("savedmodel", "inspect", tmp.toString()), "not a SavedModel directory: no saved_model.pb");

    Path pb = copyOf("keras_mnist_mlp_vignesh");
    truncate(pb.resolve("saved_model.pb"));
    assertError(ak("savedmodel", "inspect", pb.toString()), "saved_model.pb", "truncated");

    Path index = copyOf("keras_mnist_cnn_th368");
    truncate(index.resolve("variables/variables.index"));
    assertError(ak("savedmodel", "check", index.toString(), "--data-dir", DATA), "variables", "checkpoint");

    Path data = copyOf("keras_cifar10_cnn_logits_lao");
    truncate(data.resolve("variables/variables.data-00000-of-00001"));
    assertError(ak("savedmodel", "check", data.toString(), "--data-dir", DATA, "--dataset", "cifar10"), "checkpoint");

    Path meta = copyOf("keras_mnist_mlp_vignesh");
    truncate(meta.resolve("keras_metadata.pb"));
    assertError(ak("savedmodel", "inspect", meta.toString()), "keras_metadata.pb");

    Path noVars = tmp.resolve("novars");
    Files.createDirectories(noVars);
    Files.copy(MODELS.resolve("keras_mnist_mlp_vignesh/saved_model.pb"), noVars.resolve("saved_model.pb"));
    assertError(ak("savedmodel", "inspect", noVars.toString()), "missing variables/variables.index");

    String cnn = MODELS.resolve("keras_mnist_cnn_th368").toString();
    Path json = tmp.resolve("never.json");
    assertError(ak("savedmodel", "check", cnn, "--data-dir", DATA, "--dataset", "cifar10", "--json", json.toString()),
        "input shape (28, 28, 1) does not match the dataset's images (32, 32, 3)");
    assertFalse(Files.exists(json), "nothing written on failure");
    assertError(ak("savedmodel", "check", cnn, "--data-dir", DATA, "--output-index", "10"), "out of range");
    assertError(ak("savedmodel", "check", cnn, "--data-dir", DATA, "--logit-difference", "8"), "--logit-difference");
    assertError(ak("savedmodel", "check", MODELS.resolve("keras_cifar10_cnn_logits_lao").toString(),
        "--data-dir", DATA, "--dataset", "cifar10", "--pre-softmax"), "does not end in a softmax");
  }
}
