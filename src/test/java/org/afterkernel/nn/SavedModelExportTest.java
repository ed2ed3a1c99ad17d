package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.afterkernel.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

class SavedModelExportTest {
  @TempDir Path dir;

  @Test
  void exportedServingSignatureReproducesTheModel() throws Exception {
    NetworkSpec spec = NetworkSpec.preset("vgg", 12, 12, 1).withWidth(3);
    Random rnd = new Random(1);
    float[] px = new float[4 * 144];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat();
    }
    Images x = new Images(4, 12, 12, 1, px);
    Path out = dir.resolve("model");
    float[] expected;
    float[] expectedConj;
    try (Model m = Model.create(spec, 5)) {
      expected = m.logits(x);
      expectedConj = m.conjugateFeatures(x);
      SavedModelExport.export(m, out);
    }
    assertTrue(Files.exists(out.resolve("saved_model.pb")));
    assertEquals(spec, Json.read(out.resolve("assets.extra").resolve(SavedModelExport.SPEC_FILE), NetworkSpec.class));
    assertEquals(1, Files.list(dir).count(), "no staging directory left behind");
    try (SavedModelBundle b = SavedModelBundle.load(out.toString(), "serve");
        TFloat32 in = Tensors.floats(x.shape(), px);
        Result r = b.function("serving_default").call(Map.of("images", in))) {
      assertArrayEquals(expected, Tensors.toFloats((TFloat32) r.get("logit").orElseThrow()));
      assertArrayEquals(expectedConj, Tensors.toFloats((TFloat32) r.get("conjugate").orElseThrow()));
    }
  }

  @Test
  void theCommittedExampleHasTheTestErrorItsReadmeStates() throws Exception {
    LabeledImages test = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 0);
    try (SavedModelBundle b = SavedModelBundle.load("savedmodels/mlp-mnist-3v8-1epoch", "serve");
        TFloat32 in = Tensors.floats(test.images().shape(), test.images().pixels());
        Result r = b.function("serving_default").call(Map.of("images", in))) {
      float[] logits = Tensors.toFloats((TFloat32) r.get("logit").orElseThrow());
      int wrong = 0;
      for (int i = 0; i < logits.length; i++) {
        wrong += (logits[i] > 0 ? 1 : 0) != test.labels()[i] ? 1 : 0;
      }
      assertEquals(0.0454, wrong / (double) logits.length, 5e-5, "savedmodels/README.md");
    }
  }
}
