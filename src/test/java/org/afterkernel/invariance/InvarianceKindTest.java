package org.afterkernel.invariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class InvarianceKindTest {
  @Test
  void kindsExpandToTheScriptsPerturbations() {
    assertEquals(
        List.of(new Translate(0, 1), new Translate(1, 0)),
        InvarianceKind.TRANSLATE.perturbations());
    assertEquals(
        List.of(new Rotate(0.25), new Rotate(-0.25)), InvarianceKind.ROTATE.perturbations());
    assertEquals(
        List.of(new Rotate(0.5), new Rotate(-0.5)), InvarianceKind.ROTATE.perturbations(0.5));
    assertEquals(List.of(new Zoom(13.0 / 14.0)), InvarianceKind.ZOOM.perturbations());
    assertEquals(List.of(new QuadrantSwap()), InvarianceKind.SWAP.perturbations());
    assertEquals("translation", InvarianceKind.TRANSLATE.measureName());
    assertEquals("rotation", InvarianceKind.ROTATE.measureName());
  }

  @Test
  void graphOpsNeedAStaticImageSize() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> unknownSize =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
      for (InvarianceKind k : InvarianceKind.values()) {
        for (Perturbation p : k.perturbations()) {
          assertThrows(
              IllegalArgumentException.class, () -> p.apply(tf, unknownSize), p.describe());
        }
      }
    }
  }

  @Test
  void badParametersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Zoom(0));
    assertThrows(IllegalArgumentException.class, () -> new Zoom(1.5));
    assertThrows(IllegalArgumentException.class, () -> new Rotate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Translate(Double.POSITIVE_INFINITY, 0));
  }
}
