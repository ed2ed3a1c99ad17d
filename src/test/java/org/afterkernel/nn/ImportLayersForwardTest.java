package org.afterkernel.nn;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The layers added for imported Keras models, forward pass against the naive Java loops. */
class ImportLayersForwardTest {
  private static float[] values(int n, float base, float step) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = base + step * i;
    }
    return v;
  }

  @Test
  void batchNormalizationWithAndWithoutGammaAndBeta() {
    LayerForwardTest.assertMatchesNaive(List.of(
        new Conv2D("c", 3, 3, Padding.SAME, Activation.LINEAR),
        new BatchNormalization("bn", 1e-3f, true, true, values(3, -0.2f, 0.3f), values(3, 0.5f, 0.7f)),
        new ActivationLayer("act", Activation.RELU),
        new BatchNormalization("bn2", 0.01f, false, true, values(3, 0.1f, 0.1f), values(3, 2f, 1f)),
        new BatchNormalization("bn3", 0.01f, true, false, values(3, 0.1f, -0.1f), values(3, 0.3f, 1f))),
        5, 5, 2, 11);
  }

  @Test
  void activationsReLUVariantsAndIdentity() {
    LayerForwardTest.assertMatchesNaive(List.of(
        new Conv2D("c", 4, 2, Padding.VALID, Activation.ELU),
        new ReLU("relu6", 0.6f, 0f, 0f),
        new Identity("drop", "Dropout"),
        new Conv2D("c2", 4, 1, Padding.VALID, Activation.SWISH),
        new ReLU("leaky", null, 0.3f, 0.1f),
        new ActivationLayer("soft", Activation.SOFTPLUS),
        new ActivationLayer("smax", Activation.SOFTMAX)),
        6, 5, 2, 12);
  }

  @Test
  void preprocessingPaddingCroppingAndGlobalPooling() {
    LayerForwardTest.assertMatchesNaive(List.of(
        new Rescaling("scale", 1 / 255f, -0.5f),
        new Normalization("norm", new float[] {0.1f, -0.2f}, new float[] {0.5f, 2f}),
        new Padding2D("zp", false, 1, 2, 0, 3),
        new Conv2D("c", 3, 3, Padding.VALID, Activation.RELU),
        new Padding2D("crop", true, 1, 0, 2, 1),
        new GlobalPooling2D("gap", Pooling2D.Kind.AVERAGE, true),
        new Reshape("rs", new long[] {-1})),
        6, 7, 2, 13);
    LayerForwardTest.assertMatchesNaive(List.of(
        new Conv2D("c", 3, 2, Padding.SAME, Activation.TANH),
        new GlobalPooling2D("gmp", Pooling2D.Kind.MAX, false)),
        5, 4, 1, 14);
  }

  @Test
  void denseOnEveryPositionOfAnImage() {
    LayerForwardTest.assertMatchesNaive(List.of(
        new Dense("pos", 3, Activation.RELU),
        new Reshape("rs", new long[] {4, -1}),
        new Dense("pos2", 2, Activation.LINEAR, false)),
        4, 3, 2, 15);
  }
}
