package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.afterkernel.AkException;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Functional;
import org.afterkernel.nn.Identity;
import org.afterkernel.nn.Layer;
import org.afterkernel.nn.Merge;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.nn.Reshape;

/**
 * Builds the {@link Functional} network of a Keras model config: one node per layer call, shapes
 * propagated to check every layer fits its inputs, the final softmax (or sigmoid) taken off when
 * the logits before it are wanted, and a reshape in front when the model takes its images in
 * another layout (a flat vector, or (height, width) without channels).
 */
final class KerasNetworkBuilder {
  /** Name of the network input when an adapter reshapes images to the model's own input layout. */
  static final String IMAGES = "ak_images";

  /**
   * The network and what was decided on the way.
   *
   * @param network the rebuilt network
   * @param modelInput the model's own per-example input shape, unknown sizes resolved
   * @param removed the final activation left out of the logit (LINEAR when none)
   */
  record Result(Functional network, long[] modelInput, Activation removed) {}

  private final KerasModelConfig config;
  private final String source;
  private final BiFunction<String, String, float[]> constants;

  /**
   * @param source where the configs were read from, for messages
   * @param constants reads non-trainable weights (moving statistics) by layer and weight name
   */
  KerasNetworkBuilder(KerasModelConfig config, String source, BiFunction<String, String, float[]> constants) {
    this.config = config;
    this.source = source;
    this.constants = constants;
  }

  /** Builds the network for images of {@code images} fed to a model taking {@code modelInput}. */
  Result build(long[] modelInput, long[] images, ImportOptions options) {
    long[] resolved = resolveUnknown(modelInput, images);
    KerasLayerCall last = call(config.outputName());
    while (last.className().equals(KerasModelConfig.NESTED_OUTPUT)) {
      last = call(last.inputs().get(0)); // the layer that computes a nested model's output
    }
    Activation finalActivation = finalActivation(last);
    boolean endsInSoftmax = finalActivation == Activation.SOFTMAX || finalActivation == Activation.SIGMOID;
    if (Boolean.TRUE.equals(options.preSoftmax()) && !endsInSoftmax) {
      throw new AkException("--pre-softmax: the model's output layer " + last.label()
          + " does not end in a softmax or sigmoid");
    }
    boolean pre = options.preSoftmax() == null ? endsInSoftmax : options.preSoftmax();
    Activation removed = pre ? finalActivation : Activation.LINEAR;
    boolean dropLast = removed != Activation.LINEAR && isActivationLayer(last);

    List<Functional.Node> nodes = new ArrayList<>();
    Map<String, long[]> shapes = new HashMap<>();
    String inputName = config.inputName();
    if (!Arrays.equals(resolved, images)) {
      nodes.add(new Functional.Node(new Reshape(inputName, resolved), List.of(IMAGES)));
      inputName = IMAGES;
    }
    shapes.put(config.inputName(), resolved);
    LayerFactory factory = new LayerFactory(constants);
    String outputName = config.outputName();
    List<KerasLayerCall> calls = config.layers();
    for (int i = 0; i < calls.size(); i++) {
      KerasLayerCall call = calls.get(i);
      for (String in : call.inputs()) {
        if (!shapes.containsKey(in)) {
          throw new AkException(where(call, i) + " takes the output of '" + in
              + "', which is not computed before it");
        }
      }
      List<long[]> inShapes = call.inputs().stream().map(shapes::get).toList();
      Layer layer;
      long[] out;
      try {
        Activation override = call == last && removed != Activation.LINEAR ? Activation.LINEAR : null;
        layer = call == last && dropLast
            ? new Identity(call.name(), call.className() + " (left out: the logits before it are taken)")
            : factory.create(call, override, inShapes.get(0).length);
        out = layer instanceof Merge m ? m.outputShape(inShapes) : layer.outputShape(single(inShapes));
      } catch (IllegalArgumentException e) {
        throw new AkException(where(call, i) + ": " + e.getMessage(), e);
      }
      shapes.put(call.name(), out);
      nodes.add(new Functional.Node(layer, call.inputs()));
    }
    OutputHead head = options.head();
    if (head == null) {
      long[] out = shapes.get(outputName);
      boolean several = out.length != 1 || out[0] != 1;
      head = several && options.multiOutputDefault() != null ? options.multiOutputDefault() : OutputHead.single();
    }
    try {
      head.checkFits(shapes.get(outputName));
    } catch (IllegalArgumentException e) {
      throw new AkException(source + ": " + e.getMessage(), e);
    }
    return new Result(new Functional(inputName, nodes, outputName, head), resolved, removed);
  }

  private KerasLayerCall call(String name) {
    return config.layers().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AkException(source + ": the output layer '" + name
            + "' is not among the model's layers"));
  }

  private String where(KerasLayerCall call, int index) {
    return source + ": " + call.label() + " (layer " + (index + 1) + " of " + config.layers().size()
        + " in " + config.modelClass() + " '" + config.modelName() + "', called on " + call.inputs() + ")";
  }

  private static long[] single(List<long[]> shapes) {
    if (shapes.size() != 1) {
      throw new IllegalArgumentException("it takes one input, the model calls it on " + shapes.size());
    }
    return shapes.get(0);
  }

  /** The activation that ends the output layer (LINEAR when it has none). */
  private static Activation finalActivation(KerasLayerCall last) {
    try {
      return switch (last.className()) {
        case "Dense", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Activation" ->
            LayerFactory.activation(last.config());
        case "Softmax" -> Activation.SOFTMAX;
        default -> Activation.LINEAR;
      };
    } catch (IllegalArgumentException e) {
      return Activation.LINEAR; // the factory reports it, with the layer's place
    }
  }

  private static boolean isActivationLayer(KerasLayerCall call) {
    return call.className().equals("Activation") || call.className().equals("Softmax");
  }

  /** Unknown sizes of an image input take the images' sizes. */
  private static long[] resolveUnknown(long[] modelInput, long[] images) {
    if (modelInput.length != 3) {
      return modelInput.clone();
    }
    long[] out = modelInput.clone();
    for (int i = 0; i < 3; i++) {
      out[i] = out[i] > 0 ? out[i] : images[i];
    }
    return out;
  }
}
