package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Runs a {@link Perturbation}'s graph ops over a whole set of images, feeding them block by block
 * through one graph and session. Used by {@code ak perturb} and by the tests that hold the graph
 * ops equal to the references.
 */
public final class GraphPerturber {
  /** Images fed per session run. */
  public static final int DEFAULT_BLOCK = 1024;

  private GraphPerturber() {}

  /** Perturbs {@code images} in the graph, {@value #DEFAULT_BLOCK} images per run. */
  public static Images apply(Perturbation perturbation, Images images) {
    return apply(perturbation, images, DEFAULT_BLOCK);
  }

  /** Perturbs {@code images} in the graph, {@code block} images per run; returns new images. */
  public static Images apply(Perturbation perturbation, Images images, int block) {
    if (block < 1) {
      throw new IllegalArgumentException("block must be >= 1, got " + block);
    }
    float[] out = new float[images.pixels().length];
    if (images.count() > 0) {
      try (Graph g = new Graph();
          Session s = TensorFlowRuntime.session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> in =
            tf.placeholder(
                TFloat32.class,
                Placeholder.shape(
                    Shape.of(-1, images.height(), images.width(), images.channels())));
        Operand<TFloat32> perturbed = perturbation.apply(tf, in);
        int size = images.imageSize();
        for (int from = 0; from < images.count(); from += block) {
          int n = Math.min(block, images.count() - from);
          long[] shape = {n, images.height(), images.width(), images.channels()};
          try (TFloat32 t = Tensors.floats(shape, images.pixels(), from * size, n * size);
              Result r = s.runner().feed(in, t).fetch(perturbed).run()) {
            Tensors.copyInto((TFloat32) r.get(0), out, from * size);
          }
        }
      }
    }
    return new Images(images.count(), images.height(), images.width(), images.channels(), out);
  }
}
