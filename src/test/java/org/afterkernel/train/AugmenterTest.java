package org.afterkernel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/**
 * The training rotation against its definition (PARITY.md §3, keras-preprocessing 1.1.2): scipy's
 * {@code affine_transform}, order 1, mode "nearest", output (row, col) sampling the input at R (out
 * - c) + R t + c, R = [[cos, -sin], [sin, cos]], c = (H/2 + 0.5, W/2 + 0.5) for parity or ((H-1)/2,
 * (W-1)/2) for the geometric centre. Expected values are worked out by hand below or computed by the
 * plain bilinear sampler of this test, never by the code under test.
 */
class AugmenterTest {

  /** v(i, j) = W i + j + 1, one channel. */
  private static Images counting(int h, int w) {
    float[] v = new float[h * w];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 1;
    }
    return new Images(1, h, w, 1, v);
  }

  // 90 degrees: cos = 0, sin = 1, so input row = -(col - c_col) + c_row, input col = (row - c_row) + c_col.

  @Test
  void ninetyDegreesOnAnOddImageByHand() {
    // 3x3, parity centre (2, 2): input row = 4 - col, clamped to 2 for every col; input col = row.
    // So output (r, col) = v(2, r) = 7 + r for every col: the picture is turned clockwise about a
    // point one pixel off the middle and its bottom row is smeared over the whole image.
    assertArrayEquals(new float[] {7, 7, 7, 8, 8, 8, 9, 9, 9},
        Augmenter.rotate(counting(3, 3), 90, RotationCentre.KERAS).pixels(), 1e-6f);
    // Geometric centre (1, 1): input (2 - col, r), the clockwise np.rot90(x, -1).
    assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3},
        Augmenter.rotate(counting(3, 3), 90, RotationCentre.GEOMETRIC).pixels(), 1e-6f);
  }

  @Test
  void ninetyDegreesOnAnEvenImageByHand() {
    // 4x4, parity centre (2.5, 2.5): input row = 5 - col -> 5, 4, 3, 2 clamped to 3, 3, 3, 2; input
    // col = r. Output row r: v(3, r), v(3, r), v(3, r), v(2, r) = 13 + r, 13 + r, 13 + r, 9 + r.
    assertArrayEquals(new float[] {13, 13, 13, 9, 14, 14, 14, 10, 15, 15, 15, 11, 16, 16, 16, 12},
        Augmenter.rotate(counting(4, 4), 90, RotationCentre.KERAS).pixels(), 1e-6f);
    // Geometric centre (1.5, 1.5): input (3 - col, r), np.rot90(x, -1).
    assertArrayEquals(new float[] {13, 9, 5, 1, 14, 10, 6, 2, 15, 11, 7, 3, 16, 12, 8, 4},
        Augmenter.rotate(counting(4, 4), 90, RotationCentre.GEOMETRIC).pixels(), 1e-6f);
  }

  @Test
  void ninetyDegreesWithHalfPixelWeightsByHand() {
    // 3 rows x 4 columns, parity centre (2, 2.5): input row = 4.5 - col -> 4.5, 3.5, 2.5, 1.5, clamped
    // to 2, 2, 2, 1.5; input col = r + 0.5. Bilinear weights are exactly 1/2 (or 1/4):
    // out(r, col < 3) = (v(2, r) + v(2, r+1)) / 2 = 9.5 + r;
    // out(r, 3) = (v(1, r) + v(1, r+1) + v(2, r) + v(2, r+1)) / 4 = 7.5 + r.
    assertArrayEquals(new float[] {9.5f, 9.5f, 9.5f, 7.5f, 10.5f, 10.5f, 10.5f, 8.5f, 11.5f, 11.5f, 11.5f, 9.5f},
        Augmenter.rotate(counting(3, 4), 90, RotationCentre.KERAS).pixels(), 1e-6f);
    // Geometric centre (1, 1.5): input row = 2.5 - col -> 2.5 (clamped to 2), 1.5, 0.5, -0.5 (clamped
    // to 0); input col = r + 0.5. Row r: 9.5 + r, 7.5 + r, 3.5 + r, 1.5 + r.
    assertArrayEquals(new float[] {9.5f, 7.5f, 3.5f, 1.5f, 10.5f, 8.5f, 4.5f, 2.5f, 11.5f, 9.5f, 5.5f, 3.5f},
        Augmenter.rotate(counting(3, 4), 90, RotationCentre.GEOMETRIC).pixels(), 1e-6f);
  }

  @Test
  void zeroDegreesIsTheIdentityAboutEitherCentre() {
    Images x = random(2, 5, 6, 3, new Random(1));
    for (RotationCentre c : RotationCentre.values()) {
      assertArrayEquals(x.pixels(), Augmenter.rotate(x, 0, c).pixels(), 1e-6f, c.toString());
    }
  }

  @Test
  void anyAngleAgreesWithThePlainBilinearReference() {
    Random random = new Random(7);
    int[][] shapes = {{28, 28, 1}, {32, 32, 3}, {5, 7, 2}, {6, 3, 1}};
    double[] angles = {15, -15, 7.3, -0.4, 37, 90, -123.5, 180};
    for (int[] s : shapes) {
      Images x = random(3, s[0], s[1], s[2], random);
      for (double deg : angles) {
        for (RotationCentre c : RotationCentre.values()) {
          float[] expected = reference(x, deg, centreOf(c, s[0]), centreOf(c, s[1]), 0, 0);
          assertArrayEquals(expected, Augmenter.rotate(x, deg, c).pixels(), 1e-5f,
              s[0] + "x" + s[1] + "x" + s[2] + " " + deg + " deg " + c);
        }
      }
    }
  }

  @Test
  void theCentresDifferByOnePixel() {
    // Rotating about points one pixel apart in each axis gives different pictures: the flag matters.
    Images x = random(1, 28, 28, 1, new Random(3));
    float[] keras = Augmenter.rotate(x, 15, RotationCentre.KERAS).pixels();
    float[] geometric = Augmenter.rotate(x, 15, RotationCentre.GEOMETRIC).pixels();
    double diff = 0;
    for (int i = 0; i < keras.length; i++) {
      diff = Math.max(diff, Math.abs(keras[i] - geometric[i]));
    }
    assertTrue(diff > 0.1, "max difference " + diff);
  }

  @Test
  void trainingDrawsAreReferenceRotationsWithinTheRange() {
    for (RotationCentre c : RotationCentre.values()) {
      checkDraws(Augmentation.original(c), c, false);
      checkDraws(new Augmentation(true, 15, 1, true, c), c, true);
    }
  }

  /**
   * Draws a batch's transforms as training does, applies them in the graph, and checks each image
   * against the reference at the angle (and integer shift) read back from its transform.
   */
  private static void checkDraws(Augmentation aug, RotationCentre centre, boolean shifts) {
    int n = 40;
    int h = 9;
    int w = 8;
    Images x = random(n, h, w, 1, new Random(11));
    float[] out;
    float[] t;
    try (Graph g = new Graph();
        Session s = TensorFlowRuntime.session(g)) {
      Augmenter a = new Augmenter(Ops.create(g), aug, h, w, 1);
      try (TFloat32 xs = Tensors.floats(x.shape(), x.pixels());
          TFloat32 ts = a.drawTransforms(n, new Random(5));
          Result r = s.runner().feed(a.images(), xs).feed(a.transforms(), ts).fetch(a.output()).run()) {
        out = Tensors.toFloats((TFloat32) r.get(0));
        t = Tensors.toFloats(ts);
      }
    }
    double cr = centreOf(centre, h);
    double cc = centreOf(centre, w);
    int shifted = 0;
    double minDeg = 0;
    double maxDeg = 0;
    for (int i = 0; i < n; i++) {
      double deg = Math.toDegrees(Math.atan2(t[i * 8 + 1], t[i * 8]));
      assertTrue(Math.abs(deg) <= 15 + 1e-4, "angle " + deg);
      minDeg = Math.min(minDeg, deg);
      maxDeg = Math.max(maxDeg, deg);
      Images one = x.slice(i, i + 1);
      float[] got = java.util.Arrays.copyOfRange(out, i * h * w, (i + 1) * h * w);
      int[] best = null;
      double bestErr = Double.MAX_VALUE;
      for (int tr = -1; tr <= 1; tr++) {
        for (int tc = -1; tc <= 1; tc++) {
          double err = maxAbs(reference(one, deg, cr, cc, tr, tc), got);
          if (err < bestErr) {
            bestErr = err;
            best = new int[] {tr, tc};
          }
        }
      }
      assertTrue(bestErr < 1e-4, "image " + i + ": no reference rotation matches (" + bestErr + ")");
      if (!shifts) {
        assertArrayEquals(new int[] {0, 0}, best, "Keras's shift range 1 never shifts");
      } else if (best[0] != 0 || best[1] != 0) {
        shifted++;
      }
    }
    assertTrue(minDeg < -5 && maxDeg > 5, "angles spread over the range: " + minDeg + ".." + maxDeg);
    if (shifts) {
      assertTrue(shifted > n / 2, "true shifts move most images: " + shifted + " of " + n);
    }
  }

  /** The centre coordinate along an axis of {@code size} pixels, written from PARITY.md §3. */
  private static double centreOf(RotationCentre c, int size) {
    return c == RotationCentre.KERAS ? size / 2.0 + 0.5 : (size - 1) / 2.0;
  }

  /**
   * scipy.ndimage.affine_transform(order=1, mode="nearest") of Keras's matrix, in plain double
   * arithmetic: output (r, col) samples the input at p = R (out - c) + R t + c; "nearest" extends
   * the edge pixels, i.e. clamps p into [0, H-1] x [0, W-1], and order 1 is bilinear.
   */
  static float[] reference(Images x, double degrees, double cr, double cc, int tr, int tc) {
    double theta = Math.toRadians(degrees);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    int h = x.height();
    int w = x.width();
    int ch = x.channels();
    float[] out = new float[x.pixels().length];
    for (int b = 0; b < x.count(); b++) {
      for (int r = 0; r < h; r++) {
        for (int col = 0; col < w; col++) {
          double dr = r - cr + tr;
          double dc = col - cc + tc;
          double pr = clamp(cos * dr - sin * dc + cr, h - 1);
          double pc = clamp(sin * dr + cos * dc + cc, w - 1);
          int r0 = (int) Math.floor(pr);
          int c0 = (int) Math.floor(pc);
          int r1 = Math.min(r0 + 1, h - 1);
          int c1 = Math.min(c0 + 1, w - 1);
          double fr = pr - r0;
          double fc = pc - c0;
          for (int k = 0; k < ch; k++) {
            double v = (1 - fr) * (1 - fc) * x.get(b, r0, c0, k) + (1 - fr) * fc * x.get(b, r0, c1, k)
                + fr * (1 - fc) * x.get(b, r1, c0, k) + fr * fc * x.get(b, r1, c1, k);
            out[((b * h + r) * w + col) * ch + k] = (float) v;
          }
        }
      }
    }
    return out;
  }

  private static double clamp(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static double maxAbs(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static Images random(int n, int h, int w, int c, Random random) {
    float[] v = new float[n * h * w * c];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextFloat();
    }
    return new Images(n, h, w, c, v);
  }
}
