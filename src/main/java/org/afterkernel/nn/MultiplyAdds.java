package org.afterkernel.nn;

/**
 * Counts the multiply-adds of a network per example, for benchmarks' achieved GFLOP/s (one
 * multiply-add = 2 floating-point operations). Only the products of convolutions and dense layers
 * are counted; activations, pooling and bias additions are negligible beside them.
 */
public final class MultiplyAdds {
  private MultiplyAdds() {}

  /** Multiply-adds of one forward pass of one example, per parametric layer in order. */
  public static long[] forwardPerLayer(Model model) {
    var layers = model.network().layers();
    return layers.stream()
        .filter(l -> l instanceof ParametricLayer)
        .mapToLong(l -> forward(l))
        .toArray();
  }

  private static long forward(Layer l) {
    long[] in = l.inputShape();
    long[] out = l.outputShape(in);
    if (l instanceof Conv c) {
      return out[0] * out[1] * out[2] * c.kernelSize()[0] * c.kernelSize()[1] * in[2];
    }
    if (l instanceof Dense d) {
      return in[0] * d.units();
    }
    if (l instanceof DepthwiseConv2D d) {
      return out[0] * out[1] * out[2] * d.kernelSize()[0] * d.kernelSize()[1];
    }
    if (l instanceof SeparableConv2D s) {
      long middle = in[2] * s.depthMultiplier();
      return out[0] * out[1] * middle * (s.kernelSize()[0] * s.kernelSize()[1] + out[2]);
    }
    throw new IllegalArgumentException("no multiply-add count for " + l);
  }


  /**
   * Multiply-adds of one training step per example: the forward pass, the weight gradients (as
   * many products as the forward pass) and the input gradients of every layer but the first.
   */
  public static long training(Model model) {
    return weighted(model, 2, 3);
  }

  /**
   * Multiply-adds of a forward pass and the backward pass to every layer's input gradient (none
   * for the first layer), without weight gradients: the least per-example work of structured rows.
   */
  public static long forwardAndBackward(Model model) {
    return weighted(model, 1, 2);
  }

  /** The forward counts weighted {@code first} for the first layer, {@code other} for the rest. */
  private static long weighted(Model model, int first, int other) {
    long[] f = forwardPerLayer(model);
    long s = 0;
    for (int i = 0; i < f.length; i++) {
      s += (i == 0 ? first : other) * f[i];
    }
    return s;
  }
}
