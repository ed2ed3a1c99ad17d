package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One layer of a Keras model config and the layers whose outputs it takes.
 *
 * @param className Keras class, e.g. {@code Conv2D}
 * @param name the layer's name
 * @param config the layer's {@code config} object
 * @param inputs names of the layers (or the input layer) it is called on, in order
 */
public record KerasLayerCall(String className, String name, JsonNode config, List<String> inputs) {
  public KerasLayerCall {
    inputs = List.copyOf(inputs);
  }

  /** {@code Conv2D layer 'conv2d_1'}: how messages name a layer. */
  public String label() {
    return className + " layer '" + name + "'";
  }
}
