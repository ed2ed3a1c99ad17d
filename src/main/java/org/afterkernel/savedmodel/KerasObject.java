package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Keras object of a SavedModel: a node of the object graph with Keras's identifier ({@code
 * _tf_keras_layer}, {@code _tf_keras_sequential}, ...) and its JSON metadata (class name, layer
 * name, config).
 *
 * @param nodeId index in the SavedObjectGraph (and in the checkpoint's object graph)
 * @param path path from the root, e.g. {@code root.layer_with_weights-0} (empty when unknown)
 * @param identifier Keras's identifier
 * @param metadata the parsed metadata
 */
public record KerasObject(int nodeId, String path, String identifier, JsonNode metadata) {
  /** The object's Keras name ({@code conv2d_1}), or empty. */
  public String name() {
    return KerasJson.text(metadata, "name", "");
  }

  /** The Keras class name ({@code Conv2D}), or empty. */
  public String className() {
    return KerasJson.text(metadata, "class_name", "");
  }

  /** True for layers, input layers and models (not metrics or other objects). */
  public boolean isLayerLike() {
    return identifier.startsWith("_tf_keras_") && !identifier.equals("_tf_keras_metric");
  }
}
