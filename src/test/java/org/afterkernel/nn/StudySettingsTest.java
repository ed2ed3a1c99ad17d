package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.io.Json;
import org.afterkernel.tf.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training-study settings of networks: depth and widths, activation, bias, init scale, whitening. */
class StudySettingsTest {
  private static NetworkSpec mlp() {
    return NetworkSpec.preset("mlp", 28, 28, 1);
  }

  @Test
  void hiddenWidthsActivationAndNoBiasGiveTheLayersAndParameterCountsByHand() {
    NetworkSpec s = mlp().withSettings(List.of(5, 3), Activation.TANH, false, null);
    try (Model m = Model.create(s, 1)) {
      // 784*5 + 5*3 + 3*1, no biases
      assertEquals(784 * 5 + 5 * 3 + 3, m.parameterCount());
      List<Layer> layers = m.network().layers();
      assertEquals(4, layers.size());
      assertEquals(Activation.TANH, ((Dense) layers.get(1)).activation());
      assertEquals(Activation.LINEAR, ((Dense) layers.get(3)).activation());
      assertTrue(layers.stream().filter(l -> l instanceof Dense).noneMatch(l -> ((Dense) l).useBias()));
    }
    try (Model m = Model.create(mlp().withSettings(List.of(5, 3), null, null, null), 1)) {
      assertEquals(784 * 5 + 5 + 5 * 3 + 3 + 3 + 1, m.parameterCount());
    }
    assertEquals("mlp(hidden=[5, 3], tanh, no bias) on 28x28x1", s.label());
    assertThrows(IllegalArgumentException.class,
        () -> NetworkSpec.preset("vgg", 28, 28, 1).withSettings(List.of(5), null, null, null));
    assertThrows(IllegalArgumentException.class, () -> mlp().withSettings(null, null, null, -1.0));
  }

  @Test
  void theSpecWithItsSettingsSurvivesJsonAndOldFilesReadAsThePapersNetwork(@TempDir Path dir) throws Exception {
    NetworkSpec s = mlp().withSettings(List.of(7), Activation.LINEAR, false, 0.01);
    Path f = dir.resolve("network.json");
    Json.write(f, s);
    assertEquals(s, Json.read(f, NetworkSpec.class));
    Files.writeString(f, "{\"architecture\":\"MLP\",\"width\":94,\"numBlocks\":2,\"numLayers\":4,\"filterSize\":3,"
        + "\"poolSize\":2,\"height\":28,\"imageWidth\":28,\"channels\":1}");
    assertEquals(mlp(), Json.read(f, NetworkSpec.class));
  }

  @Test
  void initScaleMultipliesEveryInitialWeightOfTheSameDraw() {
    NetworkSpec s = mlp().withSettings(List.of(6, 4), null, null, null);
    try (Model plain = Model.create(s, 17); Model small = Model.create(s.withSettings(null, null, null, 0.1), 17)) {
      for (String name : plain.weights().names()) {
        float[] a = plain.weights().get(name).asFloats();
        float[] b = small.weights().get(name).asFloats();
        for (int i = 0; i < a.length; i++) {
          assertEquals(a[i] * 0.1f, b[i], 0f, name + "[" + i + "]");
        }
      }
    }
  }

  static Images randomImages(int n, int h, int w, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * h * w];
    for (int i = 0; i < n; i++) {
      double common = r.nextGaussian();
      for (int j = 0; j < h * w; j++) {
        // correlated pixels, one always 0 (a null direction, as MNIST's borders), every third equal
        px[i * h * w + j] = j == 0 ? 0f : (float) (0.5 + 0.3 * common + 0.1 * (j % 3) * r.nextGaussian());
      }
    }
    return new Images(n, h, w, 1, px);
  }

  /** Eigenvalues of the covariance (divided by n) of whitened images, by its own double loop. */
  private static double[] whitenedCovarianceEigenvalues(Images x) {
    int n = x.count();
    int d = x.imageSize();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        mean[a] += x.pixels()[i * d + a] / (double) n;
      }
    }
    double[] c = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          c[a * d + b] += (x.pixels()[i * d + a] - mean[a]) * (x.pixels()[i * d + b] - mean[b]) / n;
        }
      }
    }
    return SymmetricEigen.of(c, d, false).values();
  }

  @Test
  void exactZcaMakesTheTrainingCovarianceTheIdentityOnItsNonNullSpace() {
    for (int n : new int[] {200, 9}) { // more images than pixels, and fewer
      Images x = randomImages(n, 4, 4, n);
      Whitening w = Whitening.fit(x, 0);
      // Pixel 0 is constant, pixels 3, 6, 9, 12 and 15 all equal (one direction), the ten others
      // independent: rank 11 of 16, or n - 1 when fewer images.
      int expectedRank = Math.min(11, n - 1);
      assertEquals(expectedRank, w.rank(), "rank with n = " + n);
      double[] ev = whitenedCovarianceEigenvalues(w.apply(x));
      int ones = 0;
      for (double v : ev) {
        assertTrue(Math.abs(v) < 1e-4 || Math.abs(v - 1) < 1e-4, "eigenvalue " + v + " with n = " + n);
        ones += Math.abs(v - 1) < 1e-4 ? 1 : 0;
      }
      assertEquals(expectedRank, ones, "unit eigenvalues with n = " + n);
    }
  }

  @Test
  void regularizedZcaShrinksEachDirectionByLambdaOverLambdaPlusEps() {
    Images x = randomImages(300, 3, 3, 5);
    Whitening w = Whitening.fit(x, 0.5);
    double[] raw = whitenedCovarianceEigenvalues(x);
    double mean = 0;
    int rank = 0;
    for (double v : raw) {
      if (v > 1e-9 * raw[raw.length - 1]) {
        mean += v;
        rank++;
      }
    }
    mean /= rank;
    double[] ev = whitenedCovarianceEigenvalues(w.apply(x));
    int k = ev.length - rank;
    for (int j = raw.length - rank; j < raw.length; j++) {
      // lambda / (lambda + eps * mean lambda) is increasing in lambda: the orders agree
      assertEquals(raw[j] / (raw[j] + 0.5 * mean), ev[k++], 1e-5);
    }
  }

  @Test
  void theWhiteningLayerInTheGraphEqualsTheJavaReferenceAndIsSavedWithTheModel(@TempDir Path dir) {
    Images x = randomImages(50, 28, 28, 3);
    Whitening w = Whitening.fit(x, 1e-3);
    NetworkSpec s = mlp().withSettings(List.of(8), null, null, null);
    try (Model whitened = Model.create(s, 2, w); Model plain = Model.create(s, 2)) {
      assertEquals(plain.parameterCount(), whitened.parameterCount());
      float[] a = whitened.logits(x);
      float[] b = plain.logits(w.apply(x));
      for (int i = 0; i < a.length; i++) {
        assertEquals(b[i], a[i], 1e-4 * (1 + Math.abs(b[i])), "logit " + i);
      }
      ModelDirectory.write(dir, whitened, ModelDirectory.Stage.TRAINED);
      try (Model back = ModelDirectory.open(dir, ModelDirectory.Stage.TRAINED)) {
        assertArrayEquals(a, back.logits(x));
      }
    }
  }
}
