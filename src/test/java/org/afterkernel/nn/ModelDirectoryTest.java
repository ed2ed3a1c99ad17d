package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights saved with a model directory restore into a rebuilt network bit for bit. */
class ModelDirectoryTest {
  @TempDir Path dir;

  @Test
  void savedWeightsRestoreExactly() {
    NetworkSpec spec = NetworkSpec.preset("vgg", 10, 10, 1).withWidth(3);
    Random r = new Random(1);
    float[] px = new float[6 * 100];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    Images x = new Images(6, 10, 10, 1, px);
    float[] before;
    try (Model m = Model.create(spec, 4)) {
      ModelDirectory.write(dir, m, ModelDirectory.Stage.TRAINED);
      before = m.logits(x);
    }
    assertTrue(ModelDirectory.isModelDirectory(dir));
    try (Model back = ModelDirectory.open(dir, ModelDirectory.Stage.TRAINED);
        Model other = Model.create(spec, 5)) {
      assertArrayEquals(before, back.logits(x));
      assertFalse(java.util.Arrays.equals(before, other.logits(x)), "another seed differs");
    }
  }

  @Test
  void missingOrMismatchedFilesAreClearErrors() throws Exception {
    AkException e = assertThrows(AkException.class, () -> ModelDirectory.open(dir, ModelDirectory.Stage.TRAINED));
    assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
    try (Model m = Model.create(NetworkSpec.preset("mlp", 4, 4, 1).withWidth(5), 1)) {
      ModelDirectory.write(dir, m, ModelDirectory.Stage.TRAINED);
    }
    try (Model m = Model.create(NetworkSpec.preset("mlp", 4, 4, 1).withWidth(6), 1)) {
      m.weights().save(dir.resolve(ModelDirectory.WEIGHTS_FILE));
    }
    e = assertThrows(AkException.class, () -> ModelDirectory.open(dir, ModelDirectory.Stage.TRAINED));
    assertTrue(e.getMessage().contains("has shape"), e.getMessage());
    Files.delete(dir.resolve(ModelDirectory.WEIGHTS_FILE));
    e = assertThrows(AkException.class, () -> ModelDirectory.open(dir, ModelDirectory.Stage.TRAINED));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
