package org.afterkernel.kernel;

import static org.afterkernel.kernel.FeatureAgreement.randomImages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/** Test rows computed once serve every later request for the same images; nothing else. */
class CachedFeatureMapTest {
  @Test
  void leadingImagesAreServedFromTheCacheAndOthersComputed() {
    Images test = randomImages(40, 12, 12, 1, 1);
    Images other = randomImages(10, 12, 12, 1, 2);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 12, 12, 1).withWidth(9), 3)) {
      FeatureMap plain = FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED);
      CachedFeatureMap cached = new CachedFeatureMap(plain, test, 25, 1L << 30);
      assertEquals(25, cached.cachedRows());
      int w = plain.layout().width();
      // TensorFlow's results may differ in the last bit between batch sizes: the expected rows are
      // computed in the same two requests the cache makes (its 25 rows, then the rest).
      float[] expected = new float[40 * w];
      plain.compute(test, 0, 25, expected, 0);
      plain.compute(test, 25, 40, expected, 25 * w);
      // A whole request spanning the cached rows and beyond; then a first(n)-style copy; then others.
      float[] got = new float[40 * w];
      cached.compute(test, 0, 40, got, 0);
      assertArrayEquals(expected, got);
      assertEquals(25, cached.rowsServed());
      float[] copy = new float[12 * w];
      cached.compute(test.slice(0, 30), 3, 15, copy, 0);
      assertArrayEquals(java.util.Arrays.copyOfRange(expected, 3 * w, 15 * w), copy);
      assertEquals(37, cached.rowsServed());
      float[] o = new float[10 * w];
      float[] oe = new float[10 * w];
      cached.compute(other, 0, 10, o, 0);
      plain.compute(other, 0, 10, oe, 0);
      assertArrayEquals(oe, o);
      assertEquals(37, cached.rowsServed(), "other images are never served from the cache");
      // Through the Kernel (native tensors): the same Gram as without the cache.
      DenseMatrix g = Kernel.of(cached).gram(test.slice(0, 20), Progress.silent());
      DenseMatrix ge = Kernel.of(plain).gram(test.slice(0, 20), Progress.silent());
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 20; j++) {
          double scale = Math.sqrt((double) ge.get(i, i) * ge.get(j, j));
          assertEquals(ge.get(i, j), g.get(i, j), 1e-5 * scale, "Gram entry " + i + ", " + j);
        }
      }
      assertTrue(cached.rowsServed() >= 57);
    }
  }

  @Test
  void aBudgetTooSmallForOneRowCachesNothing() {
    Images test = randomImages(5, 8, 8, 1, 1);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 8, 8, 1).withWidth(5), 3)) {
      CachedFeatureMap cached = new CachedFeatureMap(FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED),
          test, 5, 3);
      assertEquals(0, cached.cachedRows());
      cached.compute(test, 0, 5, new float[5 * cached.layout().width()], 0);
      assertEquals(0, cached.rowsServed());
    }
  }

  @Test
  void aPlanThatRecomputesTheFeaturesManyTimesIsRefusedWithTheBudgetThatAvoidsIt() {
    Images x = randomImages(300, 8, 8, 1, 1);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 8, 8, 1).withWidth(5), 3)) {
      FeatureMap map = FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED);
      long rowBytes = 4L * Kernel.paddedWidth(map.layout().width());
      Kernel tiny = Kernel.of(map).withMemoryBudget(rowBytes * 12);
      Kernel.Plan plan = tiny.plan(300, 0);
      assertTrue(plan.recomputeFactor() > Kernel.DEFAULT_MAX_RECOMPUTE, plan.describe());
      AkException e = assertThrows(AkException.class, () -> tiny.gram(x, Progress.silent()));
      assertTrue(e.getMessage().contains("times over") && e.getMessage().contains("raise the memory budget to at least"),
          e.getMessage());
      String gb = e.getMessage().replaceAll(".*at least ([0-9.]+) GB.*", "$1");
      Kernel enough = Kernel.of(map).withMemoryBudget((long) (Double.parseDouble(gb) * (1L << 30)));
      assertTrue(enough.plan(300, 0).recomputeFactor() <= Kernel.DEFAULT_MAX_RECOMPUTE, enough.plan(300, 0).describe());
      assertEquals(300, enough.gram(x, Progress.silent()).rows());
    }
  }
}
