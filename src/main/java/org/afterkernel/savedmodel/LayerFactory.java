package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.ActivationLayer;
import org.afterkernel.nn.BatchNormalization;
import org.afterkernel.nn.Concatenate;
import org.afterkernel.nn.Conv2D;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.DepthwiseConv2D;
import org.afterkernel.nn.ElementwiseMerge;
import org.afterkernel.nn.Flatten;
import org.afterkernel.nn.GlobalPooling2D;
import org.afterkernel.nn.Identity;
import org.afterkernel.nn.Layer;
import org.afterkernel.nn.Normalization;
import org.afterkernel.nn.Padding;
import org.afterkernel.nn.Padding2D;
import org.afterkernel.nn.Pooling2D;
import org.afterkernel.nn.ReLU;
import org.afterkernel.nn.Rescaling;
import org.afterkernel.nn.Reshape;
import org.afterkernel.nn.SeparableConv2D;

/**
 * Turns a Keras layer config into a project layer. Every Keras class it does not know, and every
 * option it cannot reproduce exactly ({@code channels_first}, grouped convolutions, a softmax over
 * another axis, ...), is refused with an {@link IllegalArgumentException} saying what and why;
 * the importer adds where the layer sits.
 */
final class LayerFactory {
  /** Keras classes that are the identity at inference. */
  static final List<String> IDENTITY_CLASSES = List.of("Dropout", "SpatialDropout1D",
      "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
      "ActivityRegularization", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation",
      "RandomContrast", "RandomBrightness");

  /** Every Keras class this factory builds. */
  static final List<String> SUPPORTED = List.of("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Dense", "MaxPooling2D",
      "AveragePooling2D", "Flatten", "Activation", "Softmax", "ReLU", "LeakyReLU", "ELU", "Reshape",
      "BatchNormalization", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D",
      "Cropping2D", "Rescaling", "Normalization", "Add", "Subtract", "Multiply", "Average",
      "Maximum", "Minimum", "Concatenate", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
      "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
      "ActivityRegularization", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation",
      "RandomContrast", "RandomBrightness", "InputLayer", "Sequential (nested)", "Functional (nested)");

  private final BiFunction<String, String, float[]> constants;

  /**
   * @param constants reads a non-trainable weight ({@code layer name, weight name}) such as a
   *     moving mean
   */
  LayerFactory(BiFunction<String, String, float[]> constants) {
    this.constants = constants;
  }

  /**
   * The project layer for {@code call} on inputs of {@code inputRank} dimensions (batch
   * excluded); {@code activationOverride} (when not null) replaces the layer's own activation (to
   * take the logits before a final softmax).
   */
  Layer create(KerasLayerCall call, Activation activationOverride, int inputRank) {
    JsonNode c = call.config();
    String name = call.name();
    String cls = call.className();
    if (cls.equals(KerasModelConfig.NESTED_INPUT) || cls.equals(KerasModelConfig.NESTED_OUTPUT)) {
      return new Identity(name, cls.equals(KerasModelConfig.NESTED_INPUT) ? "input of a nested model" : "nested model");
    }
    if (!cls.equals("Activation") && !cls.equals("Softmax")) {
      requireChannelsLast(c);
    }
    if (IDENTITY_CLASSES.contains(cls)) {
      return new Identity(name, cls);
    }
    return switch (cls) {
      case "Dense" -> new Dense(name, KerasJson.intValue(c.get("units"), "units"),
          activationOverride != null ? activationOverride : activation(c), KerasJson.bool(c, "use_bias", true));
      case "Conv2D" -> conv2d(name, c, activationOverride);
      case "DepthwiseConv2D" -> new DepthwiseConv2D(name, KerasJson.ints(c.get("kernel_size"), 2, "kernel_size"),
          multiplier(c), KerasJson.ints(c.get("strides"), 2, "strides"),
          dilation(c), Padding.fromKeras(KerasJson.text(c, "padding", "valid")),
          activationOverride != null ? activationOverride : activation(c), KerasJson.bool(c, "use_bias", true));
      case "SeparableConv2D" -> new SeparableConv2D(name, KerasJson.intValue(c.get("filters"), "filters"),
          KerasJson.ints(c.get("kernel_size"), 2, "kernel_size"),
          multiplier(c), KerasJson.ints(c.get("strides"), 2, "strides"),
          dilation(c), Padding.fromKeras(KerasJson.text(c, "padding", "valid")),
          activationOverride != null ? activationOverride : activation(c), KerasJson.bool(c, "use_bias", true));
      case "MaxPooling2D", "AveragePooling2D" -> pooling(name, cls, c);
      case "Flatten" -> new Flatten(name);
      case "Activation" -> new ActivationLayer(name, activation(c));
      case "Softmax" -> {
        requireLastAxis(c, "axis", inputRank);
        yield new ActivationLayer(name, Activation.SOFTMAX);
      }
      case "ReLU" -> new ReLU(name, maxValue(c), (float) KerasJson.number(c, "negative_slope", 0),
          (float) KerasJson.number(c, "threshold", 0));
      case "LeakyReLU" -> new ReLU(name, null,
          (float) KerasJson.number(c, "alpha", KerasJson.number(c, "negative_slope", 0.3)), 0f);
      case "ELU" -> {
        if (KerasJson.number(c, "alpha", 1) != 1) {
          throw new IllegalArgumentException("ELU with alpha " + KerasJson.number(c, "alpha", 1)
              + " is not supported (only alpha 1)");
        }
        yield new ActivationLayer(name, Activation.ELU);
      }
      case "Reshape" -> new Reshape(name, KerasJson.items(c.get("target_shape")).stream()
          .mapToLong(JsonNode::asLong).toArray());
      case "BatchNormalization" -> batchNormalization(name, c, inputRank);
      case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> new GlobalPooling2D(name,
          cls.startsWith("GlobalMax") ? Pooling2D.Kind.MAX : Pooling2D.Kind.AVERAGE,
          KerasJson.bool(c, "keepdims", false));
      case "ZeroPadding2D" -> padding2d(name, c.get("padding"), false);
      case "Cropping2D" -> padding2d(name, c.get("cropping"), true);
      case "Rescaling" -> new Rescaling(name, (float) KerasJson.number(c, "scale", 1),
          (float) KerasJson.number(c, "offset", 0));
      case "Normalization" -> normalization(name, c, inputRank);
      case "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum" ->
          new ElementwiseMerge(name, ElementwiseMerge.Kind.valueOf(cls.toUpperCase(java.util.Locale.ROOT)));
      case "Concatenate" -> new Concatenate(name, KerasJson.intValue(c.get("axis"), "axis"));
      default -> throw new IllegalArgumentException("the Keras layer class " + cls
          + " is not supported (supported: " + String.join(", ", SUPPORTED) + ")");
    };
  }

  private static Layer conv2d(String name, JsonNode c, Activation override) {
    if (c.has("groups") && KerasJson.intValue(c.get("groups"), "groups") != 1) {
      throw new IllegalArgumentException("grouped convolutions (groups=" + c.get("groups") + ") are not supported");
    }
    return new Conv2D(name, KerasJson.intValue(c.get("filters"), "filters"),
        KerasJson.ints(c.get("kernel_size"), 2, "kernel_size"),
        KerasJson.ints(c.get("strides"), 2, "strides"),
        dilation(c), Padding.fromKeras(KerasJson.text(c, "padding", "valid")),
        override != null ? override : activation(c), KerasJson.bool(c, "use_bias", true));
  }

  private static int multiplier(JsonNode c) {
    return c.has("depth_multiplier") ? KerasJson.intValue(c.get("depth_multiplier"), "depth_multiplier") : 1;
  }

  private static int[] dilation(JsonNode c) {
    return c.has("dilation_rate") ? KerasJson.ints(c.get("dilation_rate"), 2, "dilation_rate") : new int[] {1, 1};
  }

  private static Layer pooling(String name, String cls, JsonNode c) {
    int[] pool = KerasJson.ints(c.get("pool_size"), 2, "pool_size");
    JsonNode s = c.get("strides");
    int[] strides = s == null || s.isNull() ? pool : KerasJson.ints(s, 2, "strides");
    return new Pooling2D(name, cls.startsWith("Max") ? Pooling2D.Kind.MAX : Pooling2D.Kind.AVERAGE,
        pool, strides, Padding.fromKeras(KerasJson.text(c, "padding", "valid")));
  }

  private Layer batchNormalization(String name, JsonNode c, int rank) {
    requireLastAxis(c, "axis", rank);
    if (KerasJson.bool(c, "renorm", false)) {
      throw new IllegalArgumentException("batch renormalization (renorm=true) is not supported");
    }
    return new BatchNormalization(name, (float) KerasJson.number(c, "epsilon", 1e-3),
        KerasJson.bool(c, "center", true), KerasJson.bool(c, "scale", true),
        constants.apply(name, "moving_mean"), constants.apply(name, "moving_variance"));
  }

  private Layer normalization(String name, JsonNode c, int rank) {
    requireLastAxis(c, "axis", rank);
    if (KerasJson.bool(c, "invert", false)) {
      throw new IllegalArgumentException("Normalization with invert=true is not supported");
    }
    JsonNode mean = c.get("mean");
    if (mean != null && !mean.isNull()) {
      return new Normalization(name, floats(mean), floats(c.get("variance")));
    }
    return new Normalization(name, constants.apply(name, "mean"), constants.apply(name, "variance"));
  }

  private static float[] floats(JsonNode n) {
    List<JsonNode> items = KerasJson.items(n);
    float[] out = new float[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) items.get(i).asDouble();
    }
    return out;
  }

  private static Layer padding2d(String name, JsonNode amounts, boolean crop) {
    List<JsonNode> pairs = KerasJson.items(amounts);
    int[] hw = new int[4];
    if (pairs.size() == 2 && pairs.get(0).isNumber()) { // symmetric (h, w)
      hw = new int[] {pairs.get(0).asInt(), pairs.get(0).asInt(), pairs.get(1).asInt(), pairs.get(1).asInt()};
    } else if (pairs.size() == 2) {
      int[] h = KerasJson.ints(pairs.get(0), 2, crop ? "cropping" : "padding");
      int[] w = KerasJson.ints(pairs.get(1), 2, crop ? "cropping" : "padding");
      hw = new int[] {h[0], h[1], w[0], w[1]};
    } else if (pairs.size() == 1) {
      int p = pairs.get(0).asInt();
      hw = new int[] {p, p, p, p};
    } else {
      throw new IllegalArgumentException((crop ? "cropping " : "padding ") + amounts
          + " is not ((top, bottom), (left, right))");
    }
    return new Padding2D(name, crop, hw[0], hw[1], hw[2], hw[3]);
  }

  private static Float maxValue(JsonNode c) {
    JsonNode m = c.get("max_value");
    return m == null || m.isNull() || Double.isInfinite(m.asDouble()) ? null : (float) m.asDouble();
  }

  /** The activation named in the config (a string; serialized functions are refused). */
  static Activation activation(JsonNode c) {
    JsonNode a = c.get("activation");
    if (a == null || a.isNull()) {
      return Activation.LINEAR;
    }
    if (!a.isTextual()) {
      throw new IllegalArgumentException("activation " + a + " is not a named Keras activation");
    }
    return Activation.fromKeras(a.asText());
  }

  private static void requireChannelsLast(JsonNode c) {
    String df = KerasJson.text(c, "data_format", "channels_last");
    if (!df.equals("channels_last")) {
      throw new IllegalArgumentException("data_format '" + df + "' is not supported (only channels_last)");
    }
  }

  /**
   * Requires an axis field (an int or a one-element list, Keras counting the batch as axis 0) to
   * be the last axis of inputs of {@code rank} dimensions without the batch.
   */
  private static void requireLastAxis(JsonNode c, String field, int rank) {
    JsonNode a = c.get(field);
    List<JsonNode> items = KerasJson.items(a);
    if (items.size() > 1) {
      throw new IllegalArgumentException(field + " " + a + " is not supported (only the last axis)");
    }
    int axis = items.isEmpty() ? -1 : items.get(0).asInt();
    if (axis != -1 && axis != rank) {
      throw new IllegalArgumentException(field + " " + a + " is not the last axis of inputs of rank "
          + (rank + 1) + " (batch included); only the last axis is supported");
    }
  }
}
