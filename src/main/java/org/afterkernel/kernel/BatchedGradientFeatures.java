package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.nn.LayerTap;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * Per-example gradients of a whole batch from one backward pass. Because examples do not interact
 * at inference, the gradient of the summed logits with respect to a layer's linear output is, row
 * by row, each example's own output gradient; each {@link org.afterkernel.nn.ParametricLayer}
 * turns it and its input into per-example weight gradients. The blocks are concatenated in Keras
 * order in the graph, so one fetch returns the {@code [batch, d]} feature block.
 */
final class BatchedGradientFeatures extends GradientFeatureGraph {
  /** Elements of per-example gradients held per graph run (about 256 MB of float32). */
  static final long ELEMENTS_PER_RUN = 1L << 26;

  private final Operand<TFloat32> features;
  private final int batchSize;

  BatchedGradientFeatures(Model model) {
    super(model);
    Ops tf = model.tf().withSubScope("per_example_gradients");
    List<LayerTap> taps = model.taps();
    Gradients deltas = tf.gradients(model.logitsOp(), taps.stream().map(LayerTap::linearOutput).toList());
    Map<Parameter, Operand<TFloat32>> byParameter = new IdentityHashMap<>();
    for (int i = 0; i < taps.size(); i++) {
      LayerTap tap = taps.get(i);
      List<Operand<TFloat32>> grads = tap.layer().perExampleGradients(tf, tap.input(), deltas.<TFloat32>dy(i));
      List<Parameter> params = tap.layer().parameters();
      for (int k = 0; k < params.size(); k++) {
        byParameter.put(params.get(k), grads.get(k));
      }
    }
    List<Operand<TFloat32>> ordered = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      Operand<TFloat32> g = byParameter.get(p);
      if (g == null) {
        throw new IllegalStateException("no per-example gradient for variable " + p.name()
            + ": its layer did not record a tap");
      }
      ordered.add(tf.reshape(g, tf.constant(new long[] {-1, p.size()})));
    }
    this.features = ordered.size() == 1 ? ordered.get(0) : tf.concat(ordered, tf.constant(1));
    this.batchSize = (int) Math.max(8, Math.min(256, ELEMENTS_PER_RUN / Math.max(1, dimension)));
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void computeInto(Images x, int from, int to, TFloat32 target, long row, long stride) {
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      try (Result r = run(x, start, end, List.of(features))) {
        Tensors.copyRows((TFloat32) r.get(0), end - start, dimension, target, (row + start - from) * stride, stride);
      }
    }
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int d = Math.toIntExact(dimension);
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      try (Result r = run(x, start, end, List.of(features))) {
        Tensors.copyInto((TFloat32) r.get(0), out, offset + (start - from) * d);
      }
    }
  }
}
