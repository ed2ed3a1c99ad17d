package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Dense;
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
 * <p>In the structured variant ({@link Implementation#STRUCTURED}) the Dense layers whose
 * per-example gradient is a rank-one outer product (a batch of vectors in, see {@link
 * #factored}) contribute its two factors instead, the input extended by a 1 for the bias and the
 * output gradient; the rows then follow a structured {@link RowLayout}.
 */
final class BatchedGradientFeatures extends GradientFeatureGraph {
  /** Elements of per-example gradients held per graph run (about 256 MB of float32). */
  static final long ELEMENTS_PER_RUN = 1L << 26;

  private final Operand<TFloat32> rows;
  private final RowLayout layout;
  private final int batchSize;

  BatchedGradientFeatures(Model model, boolean structured) {
    super(model);
    Ops tf = model.tf().withSubScope(structured ? "structured_gradients" : "per_example_gradients");
    List<LayerTap> taps = model.taps();
    Gradients deltas = tf.gradients(model.logitsOp(), taps.stream().map(LayerTap::linearOutput).toList());
    Map<Parameter, Operand<TFloat32>> byParameter = new IdentityHashMap<>();
    List<Operand<TFloat32>> factors = new ArrayList<>();
    List<int[]> factorWidths = new ArrayList<>();
    Map<Parameter, Boolean> factoredParameters = new IdentityHashMap<>();
    for (int i = 0; i < taps.size(); i++) {
      LayerTap tap = taps.get(i);
      Operand<TFloat32> delta = deltas.dy(i);
      if (structured && factored(tap)) {
        Dense dense = (Dense) tap.layer();
        Operand<TFloat32> h = tap.input();
        if (dense.useBias()) {
          Operand<TFloat32> firstColumn = tf.slice(h, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1}));
          h = tf.concat(List.of(h, tf.onesLike(firstColumn)), tf.constant(1));
        }
        factors.add(h);
        factors.add(delta);
        factorWidths.add(new int[] {inputWidth(tap) + (dense.useBias() ? 1 : 0), dense.units()});
        dense.parameters().forEach(p -> factoredParameters.put(p, Boolean.TRUE));
        continue;
      }
      List<Operand<TFloat32>> grads = tap.layer().perExampleGradients(tf, tap.input(), delta);
      List<Parameter> params = tap.layer().parameters();
      for (int k = 0; k < params.size(); k++) {
        byParameter.put(params.get(k), grads.get(k));
      }
    }
    List<Operand<TFloat32>> ordered = new ArrayList<>();
    long materialized = 0;
    for (Parameter p : model.parameters()) {
      Operand<TFloat32> g = byParameter.get(p);
      if (g != null) {
        ordered.add(tf.reshape(g, tf.constant(new long[] {-1, p.size()})));
        materialized += p.size();
      } else if (!factoredParameters.containsKey(p)) {
        throw new IllegalStateException("no per-example gradient for variable " + p.name()
            + ": its layer did not record a tap");
      }
    }
    this.layout = RowLayout.of(Math.toIntExact(materialized), factorWidths);
    ordered.addAll(factors);
    this.rows = ordered.size() == 1 ? ordered.get(0) : tf.concat(ordered, tf.constant(1));
    this.batchSize = (int) Math.max(8, Math.min(256, ELEMENTS_PER_RUN / Math.max(1, layout.width())));
  }

  /**
   * True when the structured variant stores {@code tap}'s factors: a Dense layer on vectors (one
   * position per example, so its per-example gradient is one outer product) whose factors are
   * narrower than the gradient. A Dense layer with one unit (a logit head) stays materialized:
   * its gradient, the input itself, is already as narrow as its factors.
   */
  static boolean factored(LayerTap tap) {
    if (!(tap.layer() instanceof Dense dense) || tap.input().shape().numDimensions() != 2) {
      return false;
    }
    long in = inputWidth(tap);
    return in > 0 && in * dense.units() > in + 1 + dense.units();
  }

  private static int inputWidth(LayerTap tap) {
    return Math.toIntExact(tap.input().shape().get(1));
  }

  @Override
  public RowLayout layout() {
    return layout;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void computeInto(Images x, int from, int to, TFloat32 target, long row, long stride) {
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      try (Result r = run(x, start, end, List.of(rows))) {
        Tensors.copyRows((TFloat32) r.get(0), end - start, layout.width(), target, (row + start - from) * stride,
            stride);
      }
    }
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int w = layout.width();
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      try (Result r = run(x, start, end, List.of(rows))) {
        Tensors.copyInto((TFloat32) r.get(0), out, offset + (start - from) * w);
      }
    }
  }
}
