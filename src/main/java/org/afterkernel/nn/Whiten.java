package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fixed (untrained) preprocessing layer: {@link Whitening ZCA whitening} of each flattened image,
 * reshaped back to the image's shape. It has no variables, so the tangent kernel is that of the
 * network on whitened inputs.
 */
public final class Whiten extends Layer {
  private final Whitening whitening;

  public Whiten(String name, Whitening whitening) {
    super(name);
    this.whitening = whitening;
  }

  /** The fitted whitening. */
  public Whitening whitening() {
    return whitening;
  }

  @Override
  public long[] outputShape(long[] in) {
    long size = 1;
    for (long v : in) {
      size *= v;
    }
    if (size != whitening.dimension()) {
      throw badInput(in, "images of " + whitening.dimension() + " values (the whitening's fit)");
    }
    return in.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    int d = whitening.dimension();
    Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, d}));
    Operand<TFloat32> centred =
        tf.math.sub(flat, tf.constant(Shape.of(1, d), DataBuffers.of(whitening.mean())));
    Operand<TFloat32> w = tf.constant(Shape.of(d, d),
        DataBuffers.of(whitening.matrix()));
    // W is symmetric: (W (x - m))^T = (x - m)^T W.
    Operand<TFloat32> out = tf.linalg.matMul(centred, w);
    long[] shape = inputShape();
    long[] batched = batchedShape(shape);
    return tf.reshape(out, tf.constant(batched));
  }

  @Override
  public String describe() {
    return "ZCA whitening (eps=" + whitening.eps() + ", rank " + whitening.rank() + " of " + whitening.dimension() + ")";
  }
}
