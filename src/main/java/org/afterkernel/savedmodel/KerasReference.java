package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;

/**
 * An independent forward pass of a Keras model description in float64, for {@code ak savedmodel
 * check} on {@code .keras} and {@code .h5} files, which have no serving signature to compare
 * with: each layer config is read here ({@link ReferenceConfig}) and computed by plain Java loops
 * ({@link ReferenceConv}, {@link ReferenceOps}, {@link ReferenceActivations}) from the arrays read from the file, sharing nothing with the
 * layers, shapes or TensorFlow graph the importer builds; only the list of layer calls (which
 * layer takes which) is the description's. Its output is the model's full output, final softmax
 * included, as Keras computes it.
 */
final class KerasReference {
  /** Classes that are the identity at inference. */
  private static final List<String> INFERENCE_IDENTITY = List.of("Dropout", "SpatialDropout1D",
      "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
      "ActivityRegularization", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation",
      "RandomContrast", "RandomBrightness", KerasModelConfig.NESTED_INPUT, KerasModelConfig.NESTED_OUTPUT);

  private final KerasDescription model;
  private final Map<String, ReferenceTensor> weights = new HashMap<>();

  KerasReference(KerasDescription model) {
    this.model = model;
  }

  /**
   * The model's outputs for {@code x}, one row per image, each image's pixels taken in order as
   * the model input of shape {@code inputShape} (without the batch axis).
   *
   * @throws AkException naming the layer when the reference cannot compute it
   */
  double[][] outputs(Images x, long[] inputShape) {
    int[] shape = java.util.Arrays.stream(inputShape).mapToInt(Math::toIntExact).toArray();
    int size = x.height() * x.width() * x.channels();
    for (KerasLayerCall call : model.config().layers()) {
      preload(call);
    }
    return IntStream.range(0, x.count()).parallel().mapToObj(i -> {
      double[] px = new double[size];
      for (int j = 0; j < size; j++) {
        px[j] = x.pixels()[i * size + j];
      }
      return one(new ReferenceTensor(shape, px)).v();
    }).toArray(double[][]::new);
  }

  private ReferenceTensor one(ReferenceTensor input) {
    Map<String, ReferenceTensor> values = new HashMap<>();
    values.put(model.config().inputName(), input);
    for (KerasLayerCall call : model.config().layers()) {
      List<ReferenceTensor> in = call.inputs().stream().map(values::get).toList();
      try {
        values.put(call.name(), layer(call, in));
      } catch (IllegalArgumentException | IndexOutOfBoundsException | NullPointerException e) {
        throw new AkException(model.path() + ": the reference forward pass cannot compute " + call.label() + ": "
            + AkException.firstLine(String.valueOf(e.getMessage()), 300), e);
      }
    }
    return values.get(model.config().outputName());
  }

  private ReferenceTensor layer(KerasLayerCall call, List<ReferenceTensor> in) {
    String cls = call.className();
    JsonNode c = call.config();
    if (INFERENCE_IDENTITY.contains(cls)) {
      return in.get(0);
    }
    ReferenceTensor x = in.get(0);
    String df = c == null ? "channels_last" : KerasJson.text(c, "data_format", "channels_last");
    if (!df.equals("channels_last")) {
      throw new IllegalArgumentException("data_format " + df);
    }
    return switch (cls) {
      case "Dense" -> act(c, ReferenceOps.dense(x, weight(call, "kernel"), bias(call, c)));
      case "Conv2D" -> {
        if (ReferenceConfig.number(c, "groups", 1) != 1) {
          throw new IllegalArgumentException("groups " + c.get("groups"));
        }
        yield act(c, ReferenceConv.conv2d(x, weight(call, "kernel"), bias(call, c), ReferenceConfig.pair(c, "strides", 1),
            ReferenceConfig.pair(c, "dilation_rate", 1), ReferenceConfig.same(c)));
      }
      case "DepthwiseConv2D" -> act(c, ReferenceConv.depthwise(x, weight(call, "depthwise_kernel"), bias(call, c),
          ReferenceConfig.pair(c, "strides", 1), ReferenceConfig.pair(c, "dilation_rate", 1), ReferenceConfig.same(c)));
      case "SeparableConv2D" -> {
        ReferenceTensor h = ReferenceConv.depthwise(x, weight(call, "depthwise_kernel"), null,
            ReferenceConfig.pair(c, "strides", 1), ReferenceConfig.pair(c, "dilation_rate", 1), ReferenceConfig.same(c));
        ReferenceTensor p = weight(call, "pointwise_kernel");
        yield act(c, ReferenceOps.dense(h, p.reshape(p.shape()[2], p.shape()[3]), bias(call, c)));
      }
      case "MaxPooling2D", "AveragePooling2D" -> {
        int[] pool = ReferenceConfig.pair(c, "pool_size", 2);
        yield ReferenceOps.pool2d(x, pool, c.hasNonNull("strides") ? ReferenceConfig.pair(c, "strides", 1) : pool, ReferenceConfig.same(c),
            cls.startsWith("Max"));
      }
      case "GlobalAveragePooling2D", "GlobalMaxPooling2D" ->
          ReferenceOps.globalPool(x, cls.startsWith("GlobalMax"), KerasJson.bool(c, "keepdims", false));
      case "Flatten" -> x.reshape(x.v().length);
      case "Reshape" -> x.reshape(ReferenceConfig.target(c, x.v().length));
      case "Activation" -> ReferenceActivations.apply(KerasJson.text(c, "activation", "linear"), x);
      case "Softmax" -> {
        ReferenceConfig.lastAxis(c, "axis", x.rank());
        yield ReferenceOps.softmax(x);
      }
      case "ReLU" -> relu(x, c.hasNonNull("max_value") ? c.get("max_value").asDouble() : Double.POSITIVE_INFINITY,
          ReferenceConfig.number(c, "negative_slope", 0), ReferenceConfig.number(c, "threshold", 0));
      case "LeakyReLU" -> {
        double a = c.hasNonNull("negative_slope") ? ReferenceConfig.number(c, "negative_slope", 0.3) : ReferenceConfig.number(c, "alpha", 0.3);
        yield x.map(v -> v >= 0 ? v : a * v);
      }
      case "ELU" -> {
        double a = ReferenceConfig.number(c, "alpha", 1);
        yield x.map(v -> v > 0 ? v : a * Math.expm1(v));
      }
      case "BatchNormalization" -> batchNormalization(call, c, x);
      case "Rescaling" -> {
        double[] scale = ReferenceConfig.perChannel(c.get("scale"), 1, x.last());
        double[] offset = ReferenceConfig.perChannel(c.get("offset"), 0, x.last());
        yield channelwise(x, (v, k) -> v * scale[k] + offset[k]);
      }
      case "Normalization" -> normalization(call, c, x);
      case "ZeroPadding2D" -> {
        int[] p = ReferenceConfig.amounts(c.get("padding"));
        yield ReferenceOps.pad2d(x, p[0], p[1], p[2], p[3]);
      }
      case "Cropping2D" -> {
        int[] p = ReferenceConfig.amounts(c.get("cropping"));
        yield ReferenceOps.pad2d(x, -p[0], -p[1], -p[2], -p[3]);
      }
      case "Add" -> ReferenceOps.merge(in, Double::sum);
      case "Subtract" -> {
        if (in.size() != 2) {
          throw new IllegalArgumentException("Subtract takes 2 inputs, got " + in.size());
        }
        yield ReferenceOps.merge(in, (a, b) -> a - b);
      }
      case "Multiply" -> ReferenceOps.merge(in, (a, b) -> a * b);
      case "Average" -> ReferenceOps.merge(in, Double::sum).map(v -> v / in.size());
      case "Maximum" -> ReferenceOps.merge(in, Math::max);
      case "Minimum" -> ReferenceOps.merge(in, Math::min);
      case "Concatenate" -> {
        int axis = (int) ReferenceConfig.number(c, "axis", -1);
        yield ReferenceOps.concatenate(in, axis < 0 ? x.rank() + axis : axis - 1);
      }
      default -> throw new IllegalArgumentException("the reference forward pass has no layer " + cls);
    };
  }

  private ReferenceTensor batchNormalization(KerasLayerCall call, JsonNode c, ReferenceTensor x) {
    ReferenceConfig.lastAxis(c, "axis", x.rank());
    double eps = ReferenceConfig.number(c, "epsilon", 1e-3);
    ReferenceTensor mean = weight(call, "moving_mean");
    ReferenceTensor var = weight(call, "moving_variance");
    ReferenceTensor gamma = KerasJson.bool(c, "scale", true) ? weight(call, "gamma") : null;
    ReferenceTensor beta = KerasJson.bool(c, "center", true) ? weight(call, "beta") : null;
    return channelwise(x, (v, k) -> (v - mean.v()[k]) / Math.sqrt(var.v()[k] + eps)
        * (gamma == null ? 1 : gamma.v()[k]) + (beta == null ? 0 : beta.v()[k]));
  }

  private ReferenceTensor normalization(KerasLayerCall call, JsonNode c, ReferenceTensor x) {
    ReferenceConfig.lastAxis(c, "axis", x.rank());
    if (KerasJson.bool(c, "invert", false)) {
      throw new IllegalArgumentException("invert=true");
    }
    boolean given = c.hasNonNull("mean");
    double[] mean = given ? ReferenceConfig.perChannel(c.get("mean"), 0, x.last()) : weight(call, "mean").v();
    double[] var = given ? ReferenceConfig.perChannel(c.get("variance"), 1, x.last()) : weight(call, "variance").v();
    return channelwise(x, (v, k) -> (v - mean[mean.length == 1 ? 0 : k])
        / Math.max(Math.sqrt(var[var.length == 1 ? 0 : k]), 1e-7));
  }

  /** Keras's relu(x, negative_slope, max_value, threshold). */
  private static ReferenceTensor relu(ReferenceTensor x, double max, double slope, double threshold) {
    return x.map(v -> {
      double y = v > threshold ? v : 0;
      if (max < Double.POSITIVE_INFINITY) {
        y = Math.min(Math.max(y, 0), max);
      }
      return y - slope * Math.max(threshold - v, 0);
    });
  }

  private interface Channelwise {
    double apply(double v, int channel);
  }

  private static ReferenceTensor channelwise(ReferenceTensor x, Channelwise f) {
    int c = x.last();
    double[] out = new double[x.v().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.apply(x.v()[i], i % c);
    }
    return new ReferenceTensor(x.shape(), out);
  }

  private static ReferenceTensor act(JsonNode c, ReferenceTensor x) {
    return ReferenceActivations.apply(KerasJson.text(c, "activation", "linear"), x);
  }

  private ReferenceTensor bias(KerasLayerCall call, JsonNode c) {
    return KerasJson.bool(c, "use_bias", true) ? weight(call, "bias") : null;
  }

  private ReferenceTensor weight(KerasLayerCall call, String name) {
    ReferenceTensor t = weights.get(call.name() + "/" + name);
    if (t == null) {
      throw new IllegalArgumentException("no weight '" + name + "'");
    }
    return t;
  }

  /** Reads the weights a layer's class uses before the examples run (in parallel). */
  private void preload(KerasLayerCall call) {
    List<KerasWeightOrder.Variable> vars = KerasWeightOrder.of(call.className(), call.config());
    for (KerasWeightOrder.Variable v : vars == null ? List.<KerasWeightOrder.Variable>of() : vars) {
      if (v.read()) {
        SavedVariableInfo info = model.variables().find(call.name(), v.name());
        weights.put(call.name() + "/" + v.name(),
            ReferenceTensor.of(info.shape(), model.variables().read(List.of(info)).get(info)));
      }
    }
  }

}
