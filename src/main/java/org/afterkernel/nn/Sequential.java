package org.afterkernel.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stack of layers ending in a {@link Dense} layer, as Keras's {@code Sequential}: of one unit
 * (the logit), or of C units (a C-class network), whose logit for the after kernel an {@link
 * OutputHead} chooses. Its conjugate-kernel features are the input of that last Dense layer.
 */
public final class Sequential implements Network {
  private final List<Layer> layers;
  private final OutputHead head;

  /** A stack whose last layer has one unit, or C units and no logit chosen (training only). */
  public Sequential(List<Layer> layers) {
    this(layers, null);
  }

  /**
   * @param head which scalar of a C-unit output is the logit; null: the single output of a
   *     one-unit network, none (no {@link Built#logits()}) for C units
   */
  public Sequential(List<Layer> layers, OutputHead head) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    Set<String> names = new HashSet<>();
    for (Layer l : layers) {
      if (!names.add(l.name())) {
        throw new IllegalArgumentException("two layers are named '" + l.name() + "'");
      }
    }
    if (!(layers.get(layers.size() - 1) instanceof Dense last)) {
      throw new IllegalArgumentException(
          "the last layer must be Dense (the logits), got " + layers.get(layers.size() - 1));
    }
    if (head != null) {
      head.checkFits(new long[] {last.units()});
    }
    this.layers = List.copyOf(layers);
    this.head = head;
  }

  /** The same layers with {@code newHead} choosing the logit. */
  public Sequential withHead(OutputHead newHead) {
    return new Sequential(layers, newHead);
  }

  /** The layers in order. */
  @Override
  public List<Layer> layers() {
    return layers;
  }

  /**
   * Builds the variables and the forward graph for inputs {@code x} of per-example shape {@code
   * inputShape}. Returns the logits as a vector (one per example) and the conjugate features.
   */
  @Override
  public Built build(Ops tf, Operand<TFloat32> x, long[] inputShape) {
    BuildContext ctx = new BuildContext(tf);
    List<long[]> shapes = new ArrayList<>();
    long[] shape = inputShape.clone();
    for (Layer layer : layers) {
      shape = layer.build(ctx, shape);
      shapes.add(shape);
    }
    List<LayerTap> taps = new ArrayList<>();
    Operand<TFloat32> h = x;
    Operand<TFloat32> conjugate = null;
    for (int i = 0; i < layers.size(); i++) {
      if (i == layers.size() - 1) {
        conjugate = h;
      }
      h = layers.get(i).call(tf.withSubScope(layers.get(i).name()), h, taps);
    }
    long units = shape[0];
    Operand<TFloat32> outputs = tf.reshape(h, tf.constant(new long[] {-1, units}));
    Operand<TFloat32> logits = head != null ? head.apply(tf, outputs, shape)
        : units == 1 ? tf.reshape(h, tf.constant(new long[] {-1})) : null;
    return new Built(logits, conjugate, ctx.parameters(), List.copyOf(taps), shapes, outputs);
  }

  /** The input width of the last (logit) layer. */
  @Override
  public long conjugateDimension(Built built) {
    return Fans.size(built.outputShapes().get(built.outputShapes().size() - 2));
  }

  /** A Keras-like summary: one line per layer with its output shape and parameter count. */
  @Override
  public String summary(Built built) {
    List<long[]> outputShapes = built.outputShapes();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      b.append(String.format("%-16s %-60s %-18s %,d%n", l.name(), l.describe(),
          Arrays.toString(outputShapes.get(i)), l.parameterCount()));
    }
    b.append(String.format("total parameters: %,d%n", parameterCount()));
    return b.toString();
  }
}
