package org.afterkernel.savedmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.afterkernel.savedmodel.KerasFormatWriter.LayerObject;
import org.afterkernel.savedmodel.KerasFormatWriter.Weight;
import org.afterkernel.tf.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * A keyword-spotting convolutional network in the style of the MLPerf Tiny reference (DS-CNN) on
 * 49 x 10 spectrograms, written as Keras 2's {@code model.save} writes a Sequential model:
 * {@code Conv2D(8, 10x4, stride 2, same) -> BatchNormalization -> Activation(relu) ->
 * DepthwiseConv2D(3x3, same) -> BatchNormalization -> ReLU -> SeparableConv2D(8, 3x3, same, relu)
 * -> GlobalAveragePooling2D -> Dense(12, softmax)}, the batch normalizations with trained moving
 * statistics (non-trainable variables). Its serving signature is built here from plain TensorFlow
 * ops (FusedBatchNormV3 at inference, DepthwiseConv2dNative, the 1x1 pointwise Conv2D), an
 * implementation of those layers independent of the importer's.
 */
public final class KwsSavedModel {
  private KwsSavedModel() {}

  /** The per-example input shape. */
  public static final long[] INPUT = {49, 10, 1};

  private static String layer(String cls, String config) {
    return "{\"class_name\": \"" + cls + "\", \"config\": " + config + "}";
  }

  /** The layers: name, class, config (Keras 2 JSON), weights (attribute, shape; "!" marks non-trainable). */
  private static final Object[][] LAYERS = {
    {"conv", "Conv2D", "{\"name\": \"conv\", \"filters\": 8, \"kernel_size\": [10, 4], \"strides\": [2, 2],"
        + " \"padding\": \"same\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1], \"groups\": 1,"
        + " \"activation\": \"linear\", \"use_bias\": true}", new Object[] {"kernel", new long[] {10, 4, 1, 8},
        "bias", new long[] {8}}},
    {"bn", "BatchNormalization", "{\"name\": \"bn\", \"axis\": [3], \"momentum\": 0.99, \"epsilon\": 0.001,"
        + " \"center\": true, \"scale\": true}", new Object[] {"gamma", new long[] {8}, "beta", new long[] {8},
        "!moving_mean", new long[] {8}, "!moving_variance", new long[] {8}}},
    {"relu", "Activation", "{\"name\": \"relu\", \"activation\": \"relu\"}", new Object[0]},
    {"dw", "DepthwiseConv2D", "{\"name\": \"dw\", \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\":"
        + " \"same\", \"depth_multiplier\": 1, \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1],"
        + " \"activation\": \"linear\", \"use_bias\": true}", new Object[] {"depthwise_kernel",
        new long[] {3, 3, 8, 1}, "bias", new long[] {8}}},
    {"bn_1", "BatchNormalization", "{\"name\": \"bn_1\", \"axis\": [3], \"momentum\": 0.99, \"epsilon\": 0.001,"
        + " \"center\": true, \"scale\": true}", new Object[] {"gamma", new long[] {8}, "beta", new long[] {8},
        "!moving_mean", new long[] {8}, "!moving_variance", new long[] {8}}},
    {"re_lu", "ReLU", "{\"name\": \"re_lu\", \"max_value\": null, \"negative_slope\": 0.0, \"threshold\": 0.0}",
        new Object[0]},
    {"sep", "SeparableConv2D", "{\"name\": \"sep\", \"filters\": 8, \"kernel_size\": [3, 3], \"strides\": [1, 1],"
        + " \"padding\": \"same\", \"data_format\": \"channels_last\", \"dilation_rate\": [1, 1],"
        + " \"depth_multiplier\": 1, \"activation\": \"relu\", \"use_bias\": true}", new Object[] {
        "depthwise_kernel", new long[] {3, 3, 8, 1}, "pointwise_kernel", new long[] {1, 1, 8, 8},
        "bias", new long[] {8}}},
    {"gap", "GlobalAveragePooling2D", "{\"name\": \"gap\", \"data_format\": \"channels_last\", \"keepdims\": false}",
        new Object[0]},
    {"probs", "Dense", "{\"name\": \"probs\", \"units\": 12, \"activation\": \"softmax\", \"use_bias\": true}",
        new Object[] {"kernel", new long[] {8, 12}, "bias", new long[] {12}}},
  };

  /**
   * Writes the model to {@code dir} with values drawn from {@code seed} (moving variances in [0.5,
   * 1.5), moving means and other weights Gaussian); returns the layers with their weights.
   */
  public static List<LayerObject> write(Path dir, long seed) throws IOException {
    Random rnd = new Random(seed);
    List<LayerObject> layers = new ArrayList<>();
    StringBuilder config = new StringBuilder(layer("InputLayer",
        "{\"batch_input_shape\": [null, 49, 10, 1], \"dtype\": \"float32\", \"name\": \"spectrogram\"}"));
    for (Object[] l : LAYERS) {
      Object[] w = (Object[]) l[3];
      List<Weight> weights = new ArrayList<>();
      for (int i = 0; i < w.length; i += 2) {
        String attr = (String) w[i];
        boolean trainable = !attr.startsWith("!");
        attr = attr.replace("!", "");
        long[] shape = (long[]) w[i + 1];
        float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)];
        for (int k = 0; k < v.length; k++) {
          v[k] = attr.equals("moving_variance") ? 0.5f + rnd.nextFloat() : (float) rnd.nextGaussian() * 0.5f;
        }
        weights.add(new Weight(attr, l[0] + "/" + attr, shape, v, trainable));
      }
      String metadata = "{\"name\": \"" + l[0] + "\", \"trainable\": true, \"class_name\": \"" + l[1]
          + "\", \"config\": " + l[2] + "}";
      layers.add(new LayerObject((String) l[0], "_tf_keras_layer", metadata, weights));
      config.append(", ").append(layer((String) l[1], (String) l[2]));
    }
    exportServingGraph(dir, layers);
    String root = "{\"name\": \"kws\", \"trainable\": true, \"class_name\": \"Sequential\", \"config\": {\"name\":"
        + " \"kws\", \"layers\": [" + config + "]}, \"keras_version\": \"2.13.1\", \"backend\": \"tensorflow\"}";
    KerasFormatWriter.write(dir, root, layers, false);
    return layers;
  }

  private static void exportServingGraph(Path dir, List<LayerObject> layers) throws IOException {
    try (Graph g = new Graph(); Session s = TensorFlowRuntime.session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> v = KerasFormatWriter.servingVariables(tf, s, layers);
      Placeholder<TFloat32> x = tf.withName("serving_default_spectrogram")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 49, 10, 1)));
      List<Long> one = List.of(1L, 1L, 1L, 1L);
      Operand<TFloat32> h = tf.nn.biasAdd(tf.nn.conv2d(x, v.get(0), List.of(1L, 2L, 2L, 1L), "SAME"), v.get(1));
      h = tf.nn.relu(tf.nn.fusedBatchNorm(h, v.get(2), v.get(3), v.get(4), v.get(5), FusedBatchNorm.isTraining(false),
          FusedBatchNorm.epsilon(0.001f)).y());
      h = tf.nn.biasAdd(tf.nn.depthwiseConv2dNative(h, v.get(6), one, "SAME"), v.get(7));
      h = tf.nn.relu(tf.nn.fusedBatchNorm(h, v.get(8), v.get(9), v.get(10), v.get(11),
          FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(0.001f)).y());
      h = tf.nn.depthwiseConv2dNative(h, v.get(12), one, "SAME");
      h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, v.get(13), one, "VALID"), v.get(14)));
      Operand<TFloat32> gap = tf.math.mean(h, tf.constant(new int[] {1, 2}));
      Operand<TFloat32> probs = tf.nn.softmax(tf.nn.biasAdd(tf.linalg.matMul(gap, v.get(15)), v.get(16)));
      Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input("spectrogram", x).output("probs", probs)
          .build();
      SavedModelBundle.exporter(dir.toString()).withSession(s).withSignature(sig).export();
    }
  }
}
