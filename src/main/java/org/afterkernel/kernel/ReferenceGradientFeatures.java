package org.afterkernel.kernel;

import java.util.List;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The reference: for each example alone, {@code Graph.addGradients} of its logit with respect to
 * every variable, flattened and concatenated in Keras order. One graph run per example.
 */
final class ReferenceGradientFeatures extends GradientFeatureGraph {
  private final List<Operand<TFloat32>> gradients;

  ReferenceGradientFeatures(Model model) {
    super(model);
    List<Parameter> params = model.parameters();
    Output<?>[] xs = params.stream().map(p -> p.variable().asOutput()).toArray(Output<?>[]::new);
    Output<?>[] dy = model.graph().addGradients(model.logitsOp().asOutput(), xs);
    @SuppressWarnings("unchecked")
    List<Operand<TFloat32>> g = java.util.Arrays.stream(dy).map(o -> (Operand<TFloat32>) o).toList();
    this.gradients = g;
  }

  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int d = Math.toIntExact(dimension);
    for (int i = from; i < to; i++) {
      try (Result r = run(x, i, i + 1, gradients)) {
        int at = offset + (i - from) * d;
        for (int k = 0; k < gradients.size(); k++) {
          TFloat32 t = (TFloat32) r.get(k);
          Tensors.copyInto(t, out, at);
          at += (int) t.shape().size();
        }
      }
    }
  }
}
