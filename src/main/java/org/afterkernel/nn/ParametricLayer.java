package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A layer with trainable variables whose per-example gradients can be formed in closed form from
 * its input and the gradient at its linear output. This is what lets the after-kernel features of
 * a whole batch come out of one backward pass.
 */
public interface ParametricLayer {
  /** The layer's variables in Keras order. */
  List<Parameter> parameters();

  /**
   * Per-example gradients of each variable, one tensor per variable of shape {@code [batch,
   * variable size]} (flattened in C order of the variable's shape).
   *
   * @param tf op factory
   * @param input the layer's input (as recorded in its {@link LayerTap})
   * @param outputGradient gradient of the summed logits with respect to the layer's linear
   *     output, same shape as the linear output
   */
  List<Operand<TFloat32>> perExampleGradients(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> outputGradient);

  /**
   * The same per-example gradients for a batch of exactly {@code batchSize} examples: a layer may
   * build ops specialised to that size (convolutions use one filter-gradient op per example).
   * The default ignores the size.
   *
   * @param batchSize rows of {@code input}, or 0 when unknown (then as the three-argument form)
   */
  default List<Operand<TFloat32>> perExampleGradients(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> outputGradient, int batchSize) {
    return perExampleGradients(tf, input, outputGradient);
  }
}
