package org.afterkernel.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A graph of layers with one input and one output, as a Keras functional model (a Keras {@code
 * Sequential} is the chain case). Each {@link Node} calls one layer on the outputs of earlier
 * nodes (or on the network input), so merges ({@link Merge}) and branches are expressed by
 * naming inputs. Nodes are listed in Keras's layer order, which is also the order of the
 * variables; every node's inputs must come before it.
 *
 * <p>The logit is chosen from the output by an {@link OutputHead}. The conjugate-kernel features
 * are the input of the final {@link Dense} layer: the output node's, or that reached from the
 * output through layers without variables that take one input (an activation, dropout, reshape).
 */
public final class Functional implements Network {
  /**
   * One call of a layer.
   *
   * @param layer the layer (called once in the graph)
   * @param inputs names of the nodes (or the network input) whose outputs it takes, in order
   */
  public record Node(Layer layer, List<String> inputs) {
    public Node {
      inputs = List.copyOf(inputs);
    }

    /** The node's name: its layer's. */
    public String name() {
      return layer.name();
    }
  }

  private final String inputName;
  private final List<Node> nodes;
  private final String outputName;
  private final OutputHead head;
  private final Node conjugateLayer;
  private Operand<TFloat32> output;
  private long[] outputShape;

  /**
   * @param inputName the name the network input goes by (Keras's input layer name)
   * @param nodes the layer calls in Keras order
   * @param outputName the node whose output is the network output
   * @param head which scalar of the output is the logit
   * @throws IllegalArgumentException on duplicate names, a layer used twice, an input used before
   *     it is defined, or an unknown output
   */
  public Functional(String inputName, List<Node> nodes, String outputName, OutputHead head) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    Map<String, Node> byName = new HashMap<>();
    Set<String> defined = new HashSet<>(List.of(inputName));
    for (Node n : nodes) {
      for (String in : n.inputs()) {
        if (!defined.contains(in)) {
          throw new IllegalArgumentException("layer '" + n.name() + "' takes the output of '" + in
              + "', which is not defined before it");
        }
      }
      if (!defined.add(n.name())) {
        throw new IllegalArgumentException("two layers are named '" + n.name() + "'");
      }
      if (n.inputs().isEmpty()) {
        throw new IllegalArgumentException("layer '" + n.name() + "' has no input");
      }
      byName.put(n.name(), n);
    }
    if (!byName.containsKey(outputName)) {
      throw new IllegalArgumentException("the output '" + outputName + "' is not a layer of the network");
    }
    this.inputName = inputName;
    this.nodes = List.copyOf(nodes);
    this.outputName = outputName;
    this.head = head;
    this.conjugateLayer = findFinalDense(byName, byName.get(outputName));
  }

  /** The final Dense node, walking back through one-input layers without variables; or null. */
  private static Node findFinalDense(Map<String, Node> byName, Node n) {
    while (n != null) {
      Layer l = n.layer();
      if (l instanceof Dense) {
        return n;
      }
      boolean passThrough = l instanceof ActivationLayer || l instanceof Identity || l instanceof ReLU
          || l instanceof Reshape || l instanceof Flatten;
      if (!passThrough || n.inputs().size() != 1) {
        return null;
      }
      n = byName.get(n.inputs().get(0));
    }
    return null;
  }

  /** The layer calls in order. */
  public List<Node> nodes() {
    return nodes;
  }

  /** The name of the network input. */
  public String inputName() {
    return inputName;
  }

  /** The node whose output is the network output. */
  public String outputName() {
    return outputName;
  }

  /** How the logit is chosen from the output. */
  public OutputHead head() {
    return head;
  }

  @Override
  public List<Layer> layers() {
    return nodes.stream().map(Node::layer).toList();
  }

  @Override
  public Built build(Ops tf, Operand<TFloat32> x, long[] inputShape) {
    if (output != null) {
      throw new IllegalStateException("the network is already built");
    }
    BuildContext ctx = new BuildContext(tf);
    Map<String, Operand<TFloat32>> tensors = new HashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    tensors.put(inputName, x);
    shapes.put(inputName, inputShape.clone());
    List<LayerTap> taps = new ArrayList<>();
    List<long[]> outputShapes = new ArrayList<>();
    Operand<TFloat32> conjugate = null;
    for (Node n : nodes) {
      List<long[]> inShapes = n.inputs().stream().map(shapes::get).toList();
      List<Operand<TFloat32>> ins = n.inputs().stream().map(tensors::get).toList();
      long[] shape = n.layer().build(ctx, inShapes);
      if (n == conjugateLayer) {
        conjugate = tf.reshape(ins.get(0), tf.constant(new long[] {-1, Fans.size(inShapes.get(0))}));
      }
      tensors.put(n.name(), n.layer().call(tf.withSubScope(n.name()), ins, taps));
      shapes.put(n.name(), shape);
      outputShapes.add(shape);
    }
    output = tensors.get(outputName);
    outputShape = shapes.get(outputName);
    Operand<TFloat32> logits;
    try {
      logits = head.apply(tf, output, outputShape);
    } catch (IllegalArgumentException e) {
      throw new AkException(e.getMessage(), e);
    }
    Operand<TFloat32> outputs = outputShape.length == 1
        ? tf.reshape(output, tf.constant(new long[] {-1, outputShape[0]})) : null;
    return new Built(logits, conjugate, ctx.parameters(), List.copyOf(taps), outputShapes, outputs);
  }

  /** The network output (before the head picks the logit) of the last {@link #build}. */
  public Operand<TFloat32> output() {
    if (output == null) {
      throw new IllegalStateException("the network is not built");
    }
    return output;
  }

  /** Per-example shape of {@link #output()}. */
  public long[] outputShape() {
    if (output == null) {
      throw new IllegalStateException("the network is not built");
    }
    return outputShape.clone();
  }

  /** The layer whose input is the conjugate-kernel feature vector, or null when there is none. */
  public Layer conjugateLayer() {
    return conjugateLayer == null ? null : conjugateLayer.layer();
  }

  @Override
  public long conjugateDimension(Built built) {
    if (conjugateLayer == null) {
      throw new AkException("the network's output is not computed by a final Dense layer, so it has"
          + " no conjugate-kernel features (the input of that layer)");
    }
    return Fans.size(conjugateLayer.layer().inputShape());
  }

  @Override
  public String summary(Built built) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      b.append(String.format("%-22s %-62s %-16s %-10s <- %s%n", n.name(), n.layer().describe(),
          Arrays.toString(built.outputShapes().get(i)), String.format("%,d", n.layer().parameterCount()),
          String.join(", ", n.inputs())));
    }
    b.append(String.format("logit: %s of '%s'%n", head.describe(), outputName));
    b.append(String.format("total parameters: %,d%n", parameterCount()));
    return b.toString();
  }
}
