package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.experiment.RunResult;
import org.afterkernel.io.Json;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.ImportedModel;
import org.afterkernel.savedmodel.KerasImporter;
import org.afterkernel.savedmodel.SavedModelFiles;
import org.afterkernel.savedmodel.ServingSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak savedmodel analyze}: the experiment's measures on imported models. */
class SavedModelAnalyzeTest {
  static final Path MLP = Path.of("..", "shared", "savedmodels", "keras_mnist_mlp_vignesh");
  static final String DATA = TestData.sharedDataDir().toString();

  @TempDir Path tmp;

  /**
   * The measures of a genuine 10-class model on MNIST 3-vs-8, with z_8 - z_3 as the logit by
   * default; its NN test error must be that of the model's own serving signature choosing between
   * p_8 and p_3.
   */
  @Test
  void measuresOfAnImportedModelWithAnInitialModel() throws Exception {
    Path out = tmp.resolve("a.json");
    CliTestSupport.Run r = ak("savedmodel", "analyze", MLP.toString(), "--initial", MLP.toString(),
        "--data-dir", DATA, "--dataset", "mnist", "--classes", "3,8", "--num-translations", "20",
        "--num-rotations", "20", "--num-zooms", "20", "--num-swaps", "20", "--ker-alignment-sample-size", "20",
        "--effective-rank-sample-size", "20", "--train-linear-model", "false", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    JsonNode doc = Json.readTree(out);
    assertEquals("afterkernel.savedmodel-analysis/1", doc.get("schema").asText());
    assertEquals("z_8 - z_3 before the final softmax", doc.get("logit").asText());
    JsonNode values = doc.get("runs").get(0).get("values");
    for (String k : List.of("ak_translation", "ak_rotation", "ak_zoom", "ak_swap", "ak_alignment",
        "ak_effective_rank", "ntk_translation", "ntk_swap", "ntk_alignment", "nn_error", "nn_error_correct")) {
      assertTrue(values.has(k), k + " in " + values);
    }
    // The same model as initial: its ntk_ measures equal the ak_ ones.
    assertEquals(values.get("ak_swap").asDouble(), values.get("ntk_swap").asDouble(), 1e-12);

    LabeledImages test = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 0);
    float[] p;
    try (ServingSignature sig = new ServingSignature(SavedModelFiles.open(MLP), new long[] {28, 28, 1})) {
      p = sig.run(test.images(), 10);
    }
    int wrong = 0;
    for (int i = 0; i < test.count(); i++) {
      int predicted = p[i * 10 + 8] > p[i * 10 + 3] ? 1 : 0;
      wrong += predicted != test.labels()[i] ? 1 : 0;
    }
    assertEquals(wrong / (double) test.count(), values.get("nn_error_correct").asDouble(), 1e-12,
        "NN error from the serving signature's p_8 vs p_3");
  }

  /** The SVM stage on an imported model's after kernel (a small training set keeps it quick). */
  @Test
  void svmOnTheAfterKernelOfAnImportedModel() {
    ConfigMerger merger = new ConfigMerger();
    merger.set("train-linear-model", true).set("svm-iterations", 50).set("num-runs", 1);
    ExperimentConfig c = merger.build();
    LabeledImages train = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, ClassPair.DEFAULT, 200);
    LabeledImages test = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 100);
    ImportOptions options = ImportOptions.defaults().withImageShape(new long[] {28, 28, 1})
        .withHead(OutputHead.difference(8, 3));
    try (ImportedModel m = KerasImporter.load(MLP, options)) {
      RunResult run = new ExperimentRunner(c, train, test, s -> { }, false).measureModel(m.model(), null, 1);
      double error = run.values().get("linear_error");
      assertTrue(error >= 0 && error < 0.2, "linear error " + error);
      assertTrue(run.values().get("margin") > 0, "positive margin on separable features: " + run.values());
      assertEquals(-1, run.epochs());
    }
  }
}
