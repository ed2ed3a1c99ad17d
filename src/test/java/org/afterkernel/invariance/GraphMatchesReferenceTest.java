package org.afterkernel.invariance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.data.Images;
import org.junit.jupiter.api.Test;

/**
 * The TensorFlow ops of every perturbation agree with the plain-Java references: exactly for the
 * nearest-neighbour ones, to 1e-6 for the bilinear zoom. Random images of several sizes, odd and
 * even, square and not, with 1, 2 and 3 channels.
 */
class GraphMatchesReferenceTest {
  /** (height, width, channels). */
  private static final int[][] SIZES = {
    {28, 28, 1},
    {32, 32, 3},
    {5, 7, 1},
    {7, 5, 2},
    {9, 9, 3},
    {4, 6, 1},
    {27, 27, 1},
    {29, 31, 1},
    {1, 1, 1},
    {2, 3, 1}
  };

  private static final double[] ANGLES = {0.25, -0.25, Math.PI / 2, 0, -Math.PI / 2, 1.0, 3.0};

  private static List<Images> images() {
    List<Images> out = new ArrayList<>();
    long seed = 1;
    for (int[] s : SIZES) {
      out.add(RandomImages.of(seed++, 3, s[0], s[1], s[2]));
    }
    return out;
  }

  private static void assertExact(Perturbation p, Images x) {
    Images graph = GraphPerturber.apply(p, x, 2); // two runs: blocks of 2 and 1 images
    Images ref = p.reference(x);
    assertArrayEquals(x.shape(), graph.shape());
    assertArrayEquals(
        ref.pixels(),
        graph.pixels(),
        p.describe() + " on " + x.height() + "x" + x.width() + "x" + x.channels());
  }

  @Test
  void translationsMatchExactly() {
    double[][] shifts = {
      {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {2, -3}, {0.5, 0}, {0, 1.5}, {-2.5, 0.5}, {0, 0}
    };
    for (Images x : images()) {
      for (double[] d : shifts) {
        assertExact(new Translate(d[0], d[1]), x);
      }
    }
  }

  @Test
  void rotationsMatchExactly() {
    for (Images x : images()) {
      for (double a : ANGLES) {
        assertExact(new Rotate(a), x);
      }
    }
  }

  @Test
  void quadrantSwapMatchesExactly() {
    for (Images x : images()) {
      assertExact(new QuadrantSwap(), x);
    }
  }

  @Test
  void zoomMatchesToOneInAMillion() {
    double[] fractions = {Zoom.ORIGINAL_FRACTION, 0.5, 0.8, 1.0};
    for (Images x : images()) {
      for (double f : fractions) {
        Zoom z = new Zoom(f);
        Images graph = GraphPerturber.apply(z, x, 2);
        Images ref = z.reference(x);
        assertArrayEquals(x.shape(), graph.shape());
        float worst = 0;
        for (int i = 0; i < ref.pixels().length; i++) {
          worst = Math.max(worst, Math.abs(ref.pixels()[i] - graph.pixels()[i]));
        }
        assertTrue(
            worst <= 1e-6f, z.describe() + " on " + x.height() + "x" + x.width() + ": " + worst);
      }
    }
  }

  @Test
  void zoomOf28IsNotTheIdentity() {
    // Guards the test above against comparing two identities: 28 -> 26 -> 28 changes pixels.
    Images x = RandomImages.of(99, 1, 28, 28, 1);
    Images z = GraphPerturber.apply(Zoom.original(), x, 1);
    int changed = 0;
    for (int i = 0; i < x.pixels().length; i++) {
      changed += x.pixels()[i] != z.pixels()[i] ? 1 : 0;
    }
    assertTrue(changed > 700, "changed " + changed);
    assertEquals(x.pixels().length, z.pixels().length);
  }
}
