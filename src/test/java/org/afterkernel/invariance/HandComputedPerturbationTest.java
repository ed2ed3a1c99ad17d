package org.afterkernel.invariance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.afterkernel.data.Images;
import org.junit.jupiter.api.Test;

/**
 * Small cases whose answers are written down by hand; both the graph op and the reference must
 * produce them.
 */
class HandComputedPerturbationTest {

  /** One single-channel image from rows of values. */
  private static Images image(float[][] rows) {
    int h = rows.length;
    int w = rows[0].length;
    float[] p = new float[h * w];
    for (int y = 0; y < h; y++) {
      System.arraycopy(rows[y], 0, p, y * w, w);
    }
    return new Images(1, h, w, 1, p);
  }

  private static float[] flat(float[][] rows) {
    return image(rows).pixels();
  }

  private static void assertBoth(Perturbation p, float[][] in, float[][] expected) {
    Images x = image(in);
    assertArrayEquals(flat(expected), p.reference(x).pixels(), "reference: " + p.describe());
    assertArrayEquals(
        flat(expected), GraphPerturber.apply(p, x).pixels(), "graph: " + p.describe());
  }

  private static final float[][] NINE = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
  private static final float[][] SIXTEEN = {
    {1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}
  };

  @Test
  void shiftsByOnePixelMoveTheContentAndShiftInZeros() {
    assertBoth(new Translate(1, 0), NINE, new float[][] {{0, 1, 2}, {0, 4, 5}, {0, 7, 8}});
    assertBoth(new Translate(0, 1), NINE, new float[][] {{0, 0, 0}, {1, 2, 3}, {4, 5, 6}});
    assertBoth(new Translate(-1, 0), NINE, new float[][] {{2, 3, 0}, {5, 6, 0}, {8, 9, 0}});
    assertBoth(new Translate(0, -1), NINE, new float[][] {{4, 5, 6}, {7, 8, 9}, {0, 0, 0}});
  }

  @Test
  void halfPixelShiftRoundsTiesAwayFromZero() {
    // Output x reads input x - 0.5: -0.5 -> -1 (outside: 0), 0.5 -> 1, 1.5 -> 2, 2.5 -> 3.
    // (Banker's rounding would give 1, 1, 3, 3.)
    assertBoth(new Translate(0.5, 0), new float[][] {{1, 2, 3, 4}}, new float[][] {{0, 2, 3, 4}});
    // Output x reads input x + 0.5: 0.5 -> 1, 1.5 -> 2, 2.5 -> 3, 3.5 -> 4 (outside: 0).
    assertBoth(new Translate(-0.5, 0), new float[][] {{1, 2, 3, 4}}, new float[][] {{2, 3, 4, 0}});
  }

  @Test
  void quarterTurnIsCounterClockwiseAsDisplayed() {
    // Positive angle: the top-right corner comes to the top-left (numpy's rot90).
    assertBoth(new Rotate(Math.PI / 2), NINE, new float[][] {{3, 6, 9}, {2, 5, 8}, {1, 4, 7}});
    assertBoth(
        new Rotate(Math.PI / 2),
        SIXTEEN,
        new float[][] {{4, 8, 12, 16}, {3, 7, 11, 15}, {2, 6, 10, 14}, {1, 5, 9, 13}});
    assertBoth(new Rotate(-Math.PI / 2), NINE, new float[][] {{7, 4, 1}, {8, 5, 2}, {9, 6, 3}});
    assertBoth(new Rotate(Math.PI), NINE, new float[][] {{9, 8, 7}, {6, 5, 4}, {3, 2, 1}});
    assertBoth(new Rotate(0), SIXTEEN, SIXTEEN);
  }

  @Test
  void smallRotationMovesOnlyThePixelsItShould() {
    // 0.25 rad about the centre (2, 2) of a 5x5 image: output (x, y) reads the input at
    // (2 + c(x-2) - s(y-2), 2 + s(x-2) + c(y-2)), c = 0.9689, s = 0.2474, rounded. By hand:
    // on the centre row y = 2 the source rows are 2 + 0.2474 (x-2) = 1.505 .. 2.495, all rounding
    // to 2, and the source columns 2 + 0.9689 (x-2) = 0.06, 1.03, 2, 2.97, 3.94 round to 0..4, so
    // the centre row is unchanged. The corner (0, 0) reads (0.557, -0.433): column 1, and row
    // -0.433 rounds to 0 BEFORE the bounds check, so it reads pixel (row 0, column 1), value 1.
    float[][] in = new float[5][5];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        in[y][x] = 10 * y + x;
      }
    }
    Images out = new Rotate(0.25).reference(image(in));
    for (int x = 0; x < 5; x++) {
      assertEquals(20 + x, out.get(0, 2, x, 0), "centre row, column " + x);
    }
    assertEquals(1, out.get(0, 0, 0, 0));
    assertArrayEquals(out.pixels(), GraphPerturber.apply(new Rotate(0.25), image(in)).pixels());
  }

  @Test
  void quadrantSwapExchangesCornerBlocks() {
    assertBoth(
        new QuadrantSwap(),
        SIXTEEN,
        new float[][] {{11, 12, 3, 4}, {15, 16, 7, 8}, {9, 10, 1, 2}, {13, 14, 5, 6}});
    // 5x5: q = 2, bottom-right block starts at row 3, column 3; the middle row and column stay.
    float[][] in = new float[5][5];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        in[y][x] = 10 * y + x;
      }
    }
    assertBoth(
        new QuadrantSwap(),
        in,
        new float[][] {
          {33, 34, 2, 3, 4},
          {43, 44, 12, 13, 14},
          {20, 21, 22, 23, 24},
          {30, 31, 32, 0, 1},
          {40, 41, 42, 10, 11}
        });
    // 2x3: qh = 1, qw = 1: (0, 0) <-> (1, 2).
    assertBoth(
        new QuadrantSwap(),
        new float[][] {{1, 2, 3}, {4, 5, 6}},
        new float[][] {{6, 2, 3}, {4, 5, 1}});
  }

  @Test
  void centralCropOffsetsFollowTensorFlowsArithmetic() {
    double f = Zoom.ORIGINAL_FRACTION;
    assertEquals(1, CentralCrop.start(28, f)); // (28 - 26) / 2 = 1.0
    assertEquals(26, CentralCrop.keptSize(28, f));
    assertEquals(1, CentralCrop.start(32, f)); // (32 - 29.714) / 2 = 1.14 -> 1
    assertEquals(30, CentralCrop.keptSize(32, f));
    assertEquals(0, CentralCrop.start(27, f)); // 0.964 -> 0: not cropped
    assertEquals(2, CentralCrop.start(56, f));
    assertEquals(0, CentralCrop.start(28, 1.0));
    assertEquals(7, CentralCrop.start(28, 0.5));
  }

  @Test
  void bilinearResizeValuesComputedByHand() {
    // 1x2 [0, 1] -> 1x4, scale 0.5: x = 0..3 samples -0.25 (edge: 0), 0.25, 0.75, 1.25 (edge: 1).
    Images row = image(new float[][] {{0, 1}});
    float[] expected = {0, 0.25f, 0.75f, 1};
    assertArrayEquals(expected, BilinearResize.reference(row, 1, 4).pixels(), 1e-7f);
    assertArrayEquals(expected, resizeInGraph(row, 1, 4).pixels(), 1e-7f);
    // 2x2 [[0, 1], [2, 3]] -> 4x4: value = 2 w(y) + w(x), w = 0, 0.25, 0.75, 1.
    Images square = image(new float[][] {{0, 1}, {2, 3}});
    float[] w = {0, 0.25f, 0.75f, 1};
    float[] big = new float[16];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        big[y * 4 + x] = 2 * w[y] + w[x];
      }
    }
    assertArrayEquals(big, BilinearResize.reference(square, 4, 4).pixels(), 1e-7f);
    assertArrayEquals(big, resizeInGraph(square, 4, 4).pixels(), 1e-7f);
    // 1x4 [0, 1, 2, 3] -> 1x2, scale 2: samples 0.5 and 2.5, the means of neighbouring pairs.
    Images four = image(new float[][] {{0, 1, 2, 3}});
    assertArrayEquals(
        new float[] {0.5f, 2.5f}, BilinearResize.reference(four, 1, 2).pixels(), 1e-7f);
    assertArrayEquals(new float[] {0.5f, 2.5f}, resizeInGraph(four, 1, 2).pixels(), 1e-7f);
  }

  private static Images resizeInGraph(Images x, int h, int w) {
    // Zoom with fraction 1 does no crop; a resize to another size needs the op directly.
    try (org.tensorflow.Graph g = new org.tensorflow.Graph();
        org.tensorflow.Session s = org.afterkernel.tf.TensorFlowRuntime.session(g);
        org.tensorflow.types.TFloat32 t =
            org.afterkernel.tf.Tensors.floats(x.shape(), x.pixels())) {
      org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
      var out = BilinearResize.apply(tf, tf.constantOf(t), h, w);
      try (org.tensorflow.Result r = s.runner().fetch(out).run()) {
        float[] v = org.afterkernel.tf.Tensors.toFloats((org.tensorflow.types.TFloat32) r.get(0));
        return new Images(x.count(), h, w, x.channels(), v);
      }
    }
  }

  @Test
  void zoomOfAHorizontalRampMatchesTheFormula() {
    // Pixel (y, x) = x. Crop 28 -> 26 keeps columns 1..26 (value 1 + x'); resizing 26 -> 28
    // samples x' = (x + 0.5) 26/28 - 0.5, clamped to [0, 25]; bilinear is exact on a linear ramp.
    for (int[] s : new int[][] {{28, 26, 1}, {32, 30, 3}}) {
      int n = s[0];
      int kept = s[1];
      int c = s[2];
      float[] p = new float[n * n * c];
      for (int i = 0; i < p.length; i++) {
        p[i] = (i / c) % n;
      }
      Images ramp = new Images(1, n, n, c, p);
      float[] expected = new float[p.length];
      for (int i = 0; i < p.length; i++) {
        double x = (i / c) % n;
        double src = Math.min(Math.max((x + 0.5) * kept / n - 0.5, 0), kept - 1);
        expected[i] = (float) (1 + src);
      }
      assertArrayEquals(expected, Zoom.original().reference(ramp).pixels(), 1e-5f);
      assertArrayEquals(expected, GraphPerturber.apply(Zoom.original(), ramp).pixels(), 1e-5f);
    }
  }
}
