package org.afterkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;

/** Asserts that two feature matrices agree row by row to a relative tolerance. */
final class FeatureAgreement {
  private FeatureAgreement() {}

  /**
   * Every row of {@code actual} is within {@code rel} of {@code expected} in Euclidean norm
   * relative to the expected row's norm, and element-wise within {@code rel} of the row's largest
   * entry.
   */
  static void assertAgree(DenseMatrix expected, DenseMatrix actual, double rel) {
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.cols(), actual.cols());
    for (int i = 0; i < expected.rows(); i++) {
      double diff = 0;
      double norm = 0;
      double max = 0;
      for (int j = 0; j < expected.cols(); j++) {
        max = Math.max(max, Math.abs(expected.get(i, j)));
      }
      for (int j = 0; j < expected.cols(); j++) {
        double e = expected.get(i, j);
        double a = actual.get(i, j);
        diff += (e - a) * (e - a);
        norm += e * e;
        assertTrue(Math.abs(e - a) <= rel * max,
            "row " + i + " col " + j + ": expected " + e + ", got " + a + " (row max " + max + ")");
      }
      assertTrue(norm > 0, "row " + i + " is all zero: the comparison would be vacuous");
      assertTrue(Math.sqrt(diff) <= rel * Math.sqrt(norm),
          "row " + i + ": relative difference " + Math.sqrt(diff / norm));
    }
  }

  /** Uniform random images. */
  static Images randomImages(int n, int h, int w, int c, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * h * w * c];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    return new Images(n, h, w, c, px);
  }

  /** Reference vs every batched implementation's gradient features of {@code model} on {@code x}. */
  static void assertBatchedMatchesReference(Model model, Images x, double rel) {
    DenseMatrix ref = FeatureMap.of(model, FeatureKind.NTK, Implementation.REFERENCE).features(x);
    assertEquals(model.parameterCount(), ref.cols(), "one feature per parameter");
    for (Implementation batched : List.of(Implementation.BATCHED, Implementation.BATCHED_PATCHES)) {
      assertAgree(ref, FeatureMap.of(model, FeatureKind.NTK, batched).features(x), rel);
    }
  }
}
