package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>With {@code perBatchSize} the per-example ops are built for each batch size met (normally
 * the preferred size and one remainder), which lets convolutions use one filter-gradient op per
 * example ({@link Implementation#BATCHED}); without it one graph serves every size and
 * convolutions multiply materialised patches ({@link Implementation#BATCHED_PATCHES}).
 */
final class BatchedGradientFeatures extends GradientFeatureGraph {
  /** Elements of per-example gradients held per graph run (about 256 MB of float32). */
  static final long ELEMENTS_PER_RUN = 1L << 26;

  private final Ops tf;
  private final Gradients deltas;
  private final boolean perBatchSize;
  private final Map<Integer, Operand<TFloat32>> features = new HashMap<>();
  private final int batchSize;

  BatchedGradientFeatures(Model model, boolean perBatchSize) {
    super(model);
    this.tf = model.tf().withSubScope("per_example_gradients");
    this.deltas = tf.gradients(model.logitsOp(), model.taps().stream().map(LayerTap::linearOutput).toList());
    this.perBatchSize = perBatchSize;
    this.batchSize = (int) Math.max(8, Math.min(256, ELEMENTS_PER_RUN / Math.max(1, dimension)));
  }

  /** The {@code [n, d]} features of a batch of {@code n} examples (any n when not per size). */
  Operand<TFloat32> features(int n) {
    return features.computeIfAbsent(perBatchSize ? n : 0, this::build);
  }

  private Operand<TFloat32> build(int n) {
    List<LayerTap> taps = model.taps();
    Map<Parameter, Operand<TFloat32>> byParameter = new IdentityHashMap<>();
    for (int i = 0; i < taps.size(); i++) {
      LayerTap tap = taps.get(i);
      List<Operand<TFloat32>> grads =
          tap.layer().perExampleGradients(tf, tap.input(), deltas.<TFloat32>dy(i), n);
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
    return ordered.size() == 1 ? ordered.get(0) : tf.concat(ordered, tf.constant(1));
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void computeInto(Images x, int from, int to, TFloat32 target, long row, long stride) {
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      try (Result r = run(x, start, end, List.of(features(end - start)))) {
        Tensors.copyRows((TFloat32) r.get(0), end - start, dimension, target, (row + start - from) * stride, stride);
      }
    }
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int d = Math.toIntExact(dimension);
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      try (Result r = run(x, start, end, List.of(features(end - start)))) {
        Tensors.copyInto((TFloat32) r.get(0), out, offset + (start - from) * d);
      }
    }
  }
}
