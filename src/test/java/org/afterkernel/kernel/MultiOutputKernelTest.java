package org.afterkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Architecture;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.KerasImporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The full and traced kernels of networks of several outputs against per-output one-example
 * backpropagation: the features of output c of each image alone (REFERENCE, one addGradients per
 * example), multiplied in double precision here.
 */
class MultiOutputKernelTest {
  private static Images random(int n, int h, int w, int ch, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * h * w * ch];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    return new Images(n, h, w, ch, px);
  }

  /** Expected K[(i, c), (j, c')] from per-output reference features, in double. */
  private static double[][] expectedFull(List<DenseMatrix> rowFeatures, List<DenseMatrix> colFeatures) {
    int c = rowFeatures.size();
    int n1 = rowFeatures.get(0).rows();
    int n2 = colFeatures.get(0).rows();
    int d = rowFeatures.get(0).cols();
    double[][] k = new double[n1 * c][n2 * c];
    for (int i = 0; i < n1; i++) {
      for (int a = 0; a < c; a++) {
        for (int j = 0; j < n2; j++) {
          for (int b = 0; b < c; b++) {
            double s = 0;
            for (int p = 0; p < d; p++) {
              s += (double) rowFeatures.get(a).get(i, p) * colFeatures.get(b).get(j, p);
            }
            k[i * c + a][j * c + b] = s;
          }
        }
      }
    }
    return k;
  }

  private static void assertClose(double[][] expected, DenseMatrix actual, String what) {
    double scale = 0;
    for (double[] row : expected) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    assertEquals(expected.length, actual.rows(), what + " rows");
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual.get(i, j), 1e-5 * scale, what + " [" + i + "," + j + "]");
      }
    }
  }

  private static void checkAgainstReference(List<Model> perOutput, Images a, Images b) {
    List<DenseMatrix> fa = new ArrayList<>();
    List<DenseMatrix> fb = new ArrayList<>();
    for (Model m : perOutput) {
      FeatureMap ref = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE);
      fa.add(ref.features(a));
      fb.add(ref.features(b));
    }
    double[][] gram = expectedFull(fa, fa);
    double[][] cross = expectedFull(fb, fa);
    int c = perOutput.size();
    for (Implementation impl : Implementation.values()) {
      List<FeatureMap> maps = perOutput.stream().map(m -> FeatureMap.of(m, FeatureKind.NTK, impl)).toList();
      Kernel.Matrices full = MultiOutputKernel.compute(MultiOutputKernel.Mode.FULL, maps, a, b, 1L << 30,
          Progress.silent());
      assertClose(gram, full.gram(), impl + " full Gram");
      assertClose(cross, full.cross(), impl + " full cross");
      Kernel.Matrices trace = MultiOutputKernel.compute(MultiOutputKernel.Mode.TRACE, maps, a, b, 1L << 30,
          Progress.silent());
      assertClose(traceOf(gram, c), trace.gram(), impl + " trace Gram");
      assertClose(traceOf(cross, c), trace.cross(), impl + " trace cross");
    }
  }

  private static double[][] traceOf(double[][] full, int c) {
    double[][] t = new double[full.length / c][full[0].length / c];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        for (int k = 0; k < c; k++) {
          t[i][j] += full[i * c + k][j * c + k];
        }
      }
    }
    return t;
  }

  @Test
  void aThreeOutputMlpsFullAndTracedKernelsEqualPerOutputBackpropagation() {
    NetworkSpec spec = new NetworkSpec(Architecture.MLP, 6, 1, 2, 3, 2, 4, 4, 1).withOutputs(3);
    List<Model> models = new ArrayList<>();
    try {
      for (int c = 0; c < 3; c++) {
        models.add(Model.create(spec, 7, null, OutputHead.index(c)));
      }
      assertEquals(models.get(0).weights().get("dense_2/kernel").asFloats()[4],
          models.get(2).weights().get("dense_2/kernel").asFloats()[4], "one seed, one set of weights");
      checkAgainstReference(models, random(5, 4, 4, 1, 1), random(3, 4, 4, 1, 2));
    } finally {
      models.forEach(Model::close);
    }
  }

  @Test
  void aGenuineTenClassKerasModelsFullKernelEqualsPerOutputBackpropagation() {
    Path dir = Path.of("..", "shared", "savedmodels", "keras_mnist_mlp_vignesh");
    Assumptions.assumeTrue(dir.resolve("saved_model.pb").toFile().isFile(), "needs ../shared/savedmodels");
    List<Model> models = new ArrayList<>();
    try {
      for (int c = 0; c < 10; c++) {
        models.add(KerasImporter.load(dir, new ImportOptions(OutputHead.index(c), null, new long[] {28, 28, 1}, null))
            .model());
      }
      assertEquals(10, models.get(0).outputCount());
      checkAgainstReference(models, random(3, 28, 28, 1, 3), random(2, 28, 28, 1, 4));
    } finally {
      models.forEach(Model::close);
    }
  }

  @Test
  void blocksAreLaidOutAsNeuralTangents() {
    // A 2-image, 2-output full kernel with distinct entries 10*row + col.
    float[] v = new float[16];
    for (int r = 0; r < 4; r++) {
      for (int col = 0; col < 4; col++) {
        v[r * 4 + col] = 10 * r + col;
      }
    }
    DenseMatrix full = new DenseMatrix(4, 4, v);
    float[] blocks = MultiOutputKernel.toBlocks(full, 2);
    // [i, j, c, c'] = K[(i, c), (j, c')]: [0, 1, 1, 0] = K[1, 2] = 12.
    assertEquals(12f, blocks[((0 * 2 + 1) * 2 + 1) * 2 + 0]);
    assertThrows(IllegalArgumentException.class, () -> MultiOutputKernel.toBlocks(new DenseMatrix(3, 3, new float[9]), 2));
    assertThrows(IllegalArgumentException.class, () -> MultiOutputKernel.Mode.parse("diagonal"));
  }
}
