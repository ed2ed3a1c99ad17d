package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.BatchNormalization;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.KerasFormatWriter.LayerObject;
import org.afterkernel.savedmodel.KerasFormatWriter.Weight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keras-config path of a Keras 2 SavedModel with DepthwiseConv2D, SeparableConv2D and
 * BatchNormalization with trained moving statistics ({@link KwsSavedModel}, 49 x 10 inputs): the
 * moving statistics are read from the checkpoint (non-trainable, outside the parameters), the
 * imported network reproduces the serving signature and passes the gradient check.
 */
class KerasDepthwiseBatchNormTest {
  @TempDir Path tmp;

  @Test
  void depthwiseSeparableAndBatchNormalizationWithMovingStatisticsImportFromConfigs() throws Exception {
    Path dir = tmp.resolve("kws");
    List<LayerObject> layers = KwsSavedModel.write(dir, 9);
    long trainable = layers.stream().flatMap(l -> l.weights().stream()).filter(Weight::trainable)
        .mapToLong(w -> w.values().length).sum();
    try (ImportedModel m = KerasImporter.load(dir, ImportOptions.defaults().withHead(OutputHead.difference(7, 2)))) {
      assertTrue(m.description().contains("configs from keras_metadata.pb"), m.description());
      assertEquals(trainable, m.model().parameterCount());
      assertEquals(Activation.SOFTMAX, m.removedActivation());
      BatchNormalization bn = (BatchNormalization) m.model().network().layers().stream()
          .filter(l -> l.name().equals("bn_1")).findFirst().orElseThrow();
      Weight movingMean = layers.get(4).weights().get(2);
      assertEquals("moving_mean", movingMean.attribute());
      assertArrayEquals(movingMean.values(), bn.movingMean());
      assertArrayEquals(layers.get(4).weights().get(3).values(), bn.movingVariance());
      Random r = new Random(4);
      float[] px = new float[40 * 49 * 10];
      for (int i = 0; i < px.length; i++) {
        px[i] = r.nextFloat();
      }
      Images x = new Images(40, 49, 10, 1, px);
      ImportCheck.Forward f = ImportCheck.forward(m, x);
      System.out.printf("kws forward: %s%n", f);
      assertTrue(f.maxAbsDiff() <= 1e-5 && f.maxAbsOutput() > 0.1, f.toString());
      ImportCheck.Gradient g = ImportCheck.gradients(m, x.slice(0, 3), 6, 5);
      System.out.printf("kws gradients: %s%n", g);
      assertTrue(g.passes() && g.sampled() >= 100, g.toString());
    }
  }
}
