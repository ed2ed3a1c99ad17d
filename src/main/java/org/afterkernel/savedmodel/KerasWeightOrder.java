package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The variables a Keras layer holds, in the order Keras saves them: a layer's trainable variables
 * in creation order, then its non-trainable ones ({@code Layer.save_own_variables} of Keras 3 and
 * tf.keras 2.13+, which writes {@code vars/0, 1, ...}; and the legacy HDF5 order, {@code
 * layer.trainable_weights + layer.non_trainable_weights}). The names are the layer attributes
 * ({@code kernel}, {@code bias}, {@code gamma}, ...) under which the rebuilt network's parameters
 * and constants are looked up, as for a SavedModel's object graph.
 */
final class KerasWeightOrder {
  /**
   * One variable of a layer.
   *
   * @param name the attribute, e.g. {@code kernel}
   * @param trainable whether Keras creates it trainable (moving statistics are not)
   * @param read whether the rebuilt network uses its value (Normalization's sample count, an
   *     int64, is not read)
   */
  record Variable(String name, boolean trainable, boolean read) {
    Variable(String name, boolean trainable) {
      this(name, trainable, true);
    }
  }

  private KerasWeightOrder() {}

  /**
   * The variables of a layer of Keras class {@code cls} with {@code config}, or null when this
   * class's variables are not known (the network builder refuses such layers by class).
   */
  static List<Variable> of(String cls, JsonNode config) {
    List<Variable> out = new ArrayList<>();
    boolean bias = config == null || KerasJson.bool(config, "use_bias", true);
    switch (cls) {
      case "Dense", "Conv2D" -> {
        out.add(new Variable("kernel", true));
        if (bias) {
          out.add(new Variable("bias", true));
        }
      }
      case "DepthwiseConv2D" -> {
        out.add(new Variable("depthwise_kernel", true));
        if (bias) {
          out.add(new Variable("bias", true));
        }
      }
      case "SeparableConv2D" -> {
        out.add(new Variable("depthwise_kernel", true));
        out.add(new Variable("pointwise_kernel", true));
        if (bias) {
          out.add(new Variable("bias", true));
        }
      }
      case "BatchNormalization" -> {
        if (config == null || KerasJson.bool(config, "scale", true)) {
          out.add(new Variable("gamma", true));
        }
        if (config == null || KerasJson.bool(config, "center", true)) {
          out.add(new Variable("beta", true));
        }
        out.add(new Variable("moving_mean", false));
        out.add(new Variable("moving_variance", false));
      }
      case "Normalization" -> {
        JsonNode mean = config == null ? null : config.get("mean");
        if (mean == null || mean.isNull()) { // adapted statistics are variables; given ones are config
          out.add(new Variable("mean", false));
          out.add(new Variable("variance", false));
          out.add(new Variable("count", false, false));
        }
      }
      default -> {
        if (!LayerFactory.SUPPORTED.contains(cls) && !isModel(cls)) {
          return null;
        }
      }
    }
    return out;
  }

  /** True for the Keras classes of models ({@code Sequential}, {@code Functional}, {@code Model}). */
  static boolean isModel(String cls) {
    return cls.equals("Sequential") || cls.equals("Functional") || cls.equals("Model");
  }
}
