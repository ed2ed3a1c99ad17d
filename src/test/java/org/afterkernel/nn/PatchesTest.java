package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;
import org.afterkernel.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The sliced patches equal TensorFlow's own ExtractImagePatches exactly. */
class PatchesTest {
  private static void assertSameAsExtractImagePatches(long[] in, int[] k, int[] s, int[] d, Padding padding) {
    Random r = new Random(1);
    int n = 3;
    float[] px = new float[(int) (n * in[0] * in[1] * in[2])];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    try (Graph g = new Graph(); Session sess = new Session(g);
        TFloat32 x = Tensors.floats(new long[] {n, in[0], in[1], in[2]}, px)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> p = tf.placeholder(TFloat32.class);
      Operand<TFloat32> mine = Patches.of(tf, p, in, k, s, d, padding);
      Operand<TFloat32> theirs = tf.image.extractImagePatches(p, List.of(1L, (long) k[0], (long) k[1], 1L),
          List.of(1L, (long) s[0], (long) s[1], 1L), List.of(1L, (long) d[0], (long) d[1], 1L), padding.opValue());
      try (Result res = sess.runner().feed(p, x).fetch(mine).fetch(theirs).run()) {
        TFloat32 a = (TFloat32) res.get(0);
        TFloat32 b = (TFloat32) res.get(1);
        assertArrayEquals(b.shape().asArray(), a.shape().asArray(), "shape");
        assertArrayEquals(Tensors.toFloats(b), Tensors.toFloats(a));
      }
    }
  }

  @Test
  void sameAndValidWithStridesAndDilation() {
    assertSameAsExtractImagePatches(new long[] {28, 28, 1}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, Padding.SAME);
    assertSameAsExtractImagePatches(new long[] {7, 7, 2}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, Padding.SAME);
    assertSameAsExtractImagePatches(new long[] {9, 8, 3}, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, Padding.VALID);
    assertSameAsExtractImagePatches(new long[] {10, 11, 1}, new int[] {4, 4}, new int[] {3, 3}, new int[] {1, 1}, Padding.SAME);
    assertSameAsExtractImagePatches(new long[] {9, 10, 2}, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 3}, Padding.SAME);
    assertSameAsExtractImagePatches(new long[] {9, 10, 2}, new int[] {3, 2}, new int[] {1, 1}, new int[] {2, 2}, Padding.VALID);
    assertSameAsExtractImagePatches(new long[] {5, 5, 4}, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME);
  }
}
