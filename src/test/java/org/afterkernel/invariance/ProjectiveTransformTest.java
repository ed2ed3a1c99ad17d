package org.afterkernel.invariance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The transforms handed to ImageProjectiveTransformV3 are the ones tensorflow-addons builds. */
class ProjectiveTransformTest {

  @Test
  void translationIsTfasMatrix() {
    assertArrayEquals(
        new float[] {1, 0, -1, 0, 1, -0f, 0, 0}, ProjectiveTransform.translation(1, 0).values());
    assertArrayEquals(
        new float[] {1, 0, 0.5f, 0, 1, -3, 0, 0},
        ProjectiveTransform.translation(-0.5, 3).values());
  }

  @Test
  void rotationOfZeroIsTheIdentity() {
    // cos 0 = 1, sin 0 = 0: offsets ((w-1) - (w-1)) / 2 = 0.
    assertArrayEquals(
        new float[] {1, -0f, 0, 0, 1, 0, 0, 0}, ProjectiveTransform.rotation(0, 28, 28).values());
  }

  @Test
  void rotationByAQuarterTurnHasTheHandComputedOffsets() {
    // 4x4, angle pi/2 in float32: cos = -4.371139e-8, sin = 1. By hand:
    // x_offset = (3 - (3 cos - 3)) / 2 = 3 + tiny, y_offset = (3 - (3 + 3 cos)) / 2 = tiny.
    float[] t = ProjectiveTransform.rotation(Math.PI / 2, 4, 4).values();
    assertEquals(-4.371139e-8f, t[0], 1e-14f);
    assertEquals(-1f, t[1]);
    assertEquals(3f, t[2], 1e-6f);
    assertEquals(1f, t[3]);
    assertEquals(0f, t[5], 1e-6f);
  }

  /**
   * tensorflow-addons computes the rotation transform with TensorFlow float32 ops (cos, sin, sub,
   * mul, div); building the same expression in a graph must give exactly the Java values, for the
   * angles the study uses and a few others, on square and non-square sizes.
   */
  @Test
  void rotationMatchesTfasFormulaEvaluatedByTensorFlow() {
    double[] angles = {
      0.25, -0.25, Math.PI / 2, -Math.PI / 2, 0, 1, 3, Math.PI, 15 * Math.PI / 180
    };
    int[][] sizes = {{28, 28}, {32, 32}, {3, 4}, {7, 5}, {1, 1}};
    for (int[] hw : sizes) {
      for (double a : angles) {
        assertArrayEquals(
            tfaTransformInTensorFlow((float) a, hw[0], hw[1]),
            ProjectiveTransform.rotation(a, hw[0], hw[1]).values(),
            "angle " + a + " size " + hw[0] + "x" + hw[1]);
      }
    }
  }

  private static float[] tfaTransformInTensorFlow(float angle, int height, int width) {
    try (Graph g = new Graph();
        Session s = TensorFlowRuntime.session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a = tf.constant(new float[] {angle});
      Operand<TFloat32> cos = tf.math.cos(a);
      Operand<TFloat32> sin = tf.math.sin(a);
      Operand<TFloat32> h1 = tf.math.sub(tf.constant((float) height), tf.constant(1f));
      Operand<TFloat32> w1 = tf.math.sub(tf.constant((float) width), tf.constant(1f));
      Operand<TFloat32> two = tf.constant(2f);
      // tfa: ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2.0, ((h - 1) - (sin * (w - 1) + cos *
      // (h - 1))) / 2.0
      Operand<TFloat32> xOff =
          tf.math.div(
              tf.math.sub(w1, tf.math.sub(tf.math.mul(cos, w1), tf.math.mul(sin, h1))), two);
      Operand<TFloat32> yOff =
          tf.math.div(
              tf.math.sub(h1, tf.math.add(tf.math.mul(sin, w1), tf.math.mul(cos, h1))), two);
      Operand<TFloat32> zero = tf.constant(new float[] {0f});
      Operand<TFloat32> row =
          tf.concat(
              java.util.List.of(cos, tf.math.neg(sin), xOff, sin, cos, yOff, zero, zero),
              tf.constant(0));
      try (Result r = s.runner().fetch(row).run()) {
        return Tensors.toFloats((TFloat32) r.get(0));
      }
    }
  }

  @Test
  void roundingIsHalfAwayFromZeroLikeStdRound() {
    assertEquals(1f, ProjectiveTransform.roundHalfAwayFromZero(0.5f));
    assertEquals(3f, ProjectiveTransform.roundHalfAwayFromZero(2.5f));
    assertEquals(-1f, ProjectiveTransform.roundHalfAwayFromZero(-0.5f));
    assertEquals(0f, ProjectiveTransform.roundHalfAwayFromZero(0.49999997f));
    assertEquals(
        -0f, ProjectiveTransform.roundHalfAwayFromZero(-0.4f)); // std::round keeps the sign
    assertEquals(2f, ProjectiveTransform.roundHalfAwayFromZero(1.5f));
    assertEquals(7f, ProjectiveTransform.roundHalfAwayFromZero(7f));
  }
}
