package org.afterkernel.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Where a parametric layer sits in a built graph: the tensor it received and its linear output
 * (before the activation). Per-example gradients are read off these: the gradient of the summed
 * logits with respect to {@code linearOutput} is every example's own output gradient, because
 * examples do not interact at inference.
 *
 * @param layer the layer
 * @param input the layer's input, batch first
 * @param linearOutput the layer's output before its activation, batch first
 */
public record LayerTap(ParametricLayer layer, Operand<TFloat32> input, Operand<TFloat32> linearOutput) {}
