package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.HashMap;
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
 * turns it and its input into per-example weight gradients. One run fetches every parameter's
 * block, and each is copied into its columns (Keras order) of the {@code [batch, d]} rows.
 *
 * <p>With {@code perBatchSize} the per-example ops are built for each batch size met (normally
 * the preferred size and one remainder), which lets convolutions use one filter-gradient op per
 * example ({@link Implementation#BATCHED}); without it one graph serves every size and
 * convolutions multiply materialised patches ({@link Implementation#BATCHED_PATCHES}).
 *
 * <p>In the structured variant ({@link Implementation#STRUCTURED}) the Dense layers whose
 * per-example gradient is a rank-one outer product (a batch of vectors in, see {@link #factored})
 * contribute its two factors instead, the input extended by a 1 for the bias and the output
 * gradient, after the materialized blocks; the rows then follow a structured {@link RowLayout}.
 */
final class BatchedGradientFeatures extends GradientFeatureGraph {
  /**
   * Elements of per-example gradients produced per graph run: 24 MB of float32, so that a run's
   * blocks and activations stay near the CPU's last-level cache. Measured with {@code ak bench
   * features}, this beat 256 MB per run (batches of 256) by 1.2x for VGG and about 4x for the MLP,
   * whose per-example outer products are memory-bound.
   */
  static final long ELEMENTS_PER_RUN = 6L << 20;

  private final Ops tf;
  private final Gradients deltas;
  private final boolean perBatchSize;
  private final boolean structured;
  private final Map<Integer, Built> built = new HashMap<>();
  private final RowLayout layout;
  private final int batchSize;

  BatchedGradientFeatures(Model model, boolean perBatchSize, boolean structured) {
    super(model);
    this.tf = model.tf().withSubScope(structured ? "structured_gradients" : "per_example_gradients");
    this.deltas = tf.gradients(model.logitsOp(), model.taps().stream().map(LayerTap::linearOutput).toList());
    this.perBatchSize = perBatchSize;
    this.structured = structured;
    long materialized = 0;
    List<int[]> factorWidths = new ArrayList<>();
    for (LayerTap tap : model.taps()) {
      if (structured && factored(tap)) {
        Dense dense = (Dense) tap.layer();
        factorWidths.add(new int[] {inputWidth(tap) + (dense.useBias() ? 1 : 0), dense.units()});
      } else {
        materialized += tap.layer().parameters().stream().mapToLong(Parameter::size).sum();
      }
    }
    this.layout = RowLayout.of(Math.toIntExact(materialized), factorWidths);
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

  /**
   * The {@code [n, width]} blocks of a batch's rows, in row order: the per-parameter gradient
   * blocks in Keras order, then (structured) each factored layer's h' and delta. They are fetched
   * side by side and copied into their columns of the output rows: no concatenation in the graph
   * (which would copy the whole block once more).
   */
  private record Built(List<Operand<TFloat32>> blocks, long[] widths) {}

  /** The parts of one batch's computation, each including the ones before it (for timing). */
  enum Stage {
    /** The logits. */
    FORWARD,
    /** The gradients of the summed logits with respect to every layer's linear output. */
    BACKWARD,
    /** Every parameter's per-example gradients, one block per parameter. */
    PRODUCTS,
    /** The blocks fetched and copied into their columns of the {@code [n, d]} rows (a Java array). */
    FEATURES
  }

  private Built built(int n) {
    return built.computeIfAbsent(perBatchSize ? n : 0, this::build);
  }

  /**
   * Runs images {@code [from, to)} of {@code x} up to {@code stage} (the features stage also
   * copies them into {@code out} from 0): what {@code ak bench features} times stage by stage.
   */
  void runTo(Stage stage, Images x, int from, int to, float[] out) {
    if (stage == Stage.FEATURES) {
      compute(x, from, to, out, 0);
      return;
    }
    List<Operand<?>> targets = new ArrayList<>();
    switch (stage) {
      case FORWARD -> targets.add(model.logitsOp());
      case BACKWARD -> {
        for (int i = 0; i < model.taps().size(); i++) {
          targets.add(deltas.dy(i));
        }
      }
      default -> targets.addAll(built(to - from).blocks());
    }
    run(x, from, to, List.of(), targets).close();
  }

  private Built build(int n) {
    List<LayerTap> taps = model.taps();
    Map<Parameter, Operand<TFloat32>> byParameter = new IdentityHashMap<>();
    Map<Parameter, Boolean> factoredParameters = new IdentityHashMap<>();
    List<Operand<TFloat32>> factors = new ArrayList<>();
    for (int i = 0; i < taps.size(); i++) {
      LayerTap tap = taps.get(i);
      Operand<TFloat32> delta = deltas.dy(i);
      if (structured && factored(tap)) {
        Dense dense = (Dense) tap.layer();
        Operand<TFloat32> h = tap.input();
        if (dense.useBias()) {
          Operand<TFloat32> first = tf.slice(h, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1}));
          h = tf.concat(List.of(h, tf.onesLike(first)), tf.constant(1));
        }
        factors.add(h);
        factors.add(delta);
        dense.parameters().forEach(p -> factoredParameters.put(p, Boolean.TRUE));
        continue;
      }
      List<Operand<TFloat32>> grads = tap.layer().perExampleGradients(tf, tap.input(), delta, n);
      List<Parameter> params = tap.layer().parameters();
      for (int k = 0; k < params.size(); k++) {
        byParameter.put(params.get(k), grads.get(k));
      }
    }
    List<Operand<TFloat32>> ordered = new ArrayList<>();
    List<Long> widths = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      Operand<TFloat32> g = byParameter.get(p);
      if (g != null) {
        ordered.add(tf.reshape(g, tf.constant(new long[] {-1, p.size()})));
        widths.add((long) p.size());
      } else if (!factoredParameters.containsKey(p)) {
        throw new IllegalStateException("no per-example gradient for variable " + p.name()
            + ": its layer did not record a tap");
      }
    }
    ordered.addAll(factors);
    for (RowLayout.Factor f : layout.factors()) {
      widths.add((long) f.inputWidth());
      widths.add((long) f.outputWidth());
    }
    return new Built(ordered, widths.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void computeInto(Images x, int from, int to, TFloat32 target, long row, long stride) {
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      Built b0 = built(end - start);
      try (Result r = run(x, start, end, b0.blocks())) {
        long column = 0;
        for (int b = 0; b < r.size(); b++) {
          long width = b0.widths()[b];
          Tensors.copyRows((TFloat32) r.get(b), end - start, width, target,
              (row + start - from) * stride + column, stride);
          column += width;
        }
      }
    }
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int d = layout.width();
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      Built b0 = built(end - start);
      try (Result r = run(x, start, end, b0.blocks())) {
        int column = 0;
        for (int b = 0; b < r.size(); b++) {
          int width = Math.toIntExact(b0.widths()[b]);
          Tensors.copyRows((TFloat32) r.get(b), end - start, width, out, offset + (start - from) * d + column, d);
          column += width;
        }
      }
    }
  }
}
