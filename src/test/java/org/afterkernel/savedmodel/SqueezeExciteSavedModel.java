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
import org.tensorflow.types.TFloat32;

/**
 * A Keras 2 functional squeeze-excite model for MNIST-sized images, written as published Keras
 * models write it, without a Reshape: {@code Conv2D(4, 3x3, stride 2, same, relu) ->
 * GlobalAveragePooling2D -> Dense(2, relu) -> Dense(4, sigmoid)} and {@code Multiply([conv, gate])}
 * of a {@code (batch, 14, 14, 4)} map and a {@code (batch, 4)} gate, then {@code Flatten ->
 * Dense(10, softmax)}. Its serving signature is built here from plain TensorFlow ops, the gate
 * expanded with {@code ExpandDims} at axis 1 twice as Keras's {@code _Merge.call} does, so the
 * importer's merge is checked against an independent implementation of Keras's rule.
 */
public final class SqueezeExciteSavedModel {
  private SqueezeExciteSavedModel() {}

  private static final String T = "{\"class_name\": \"__tuple__\", \"items\": %s}";

  private static String t(String items) {
    return String.format(T, items);
  }

  /** The layers' configs in Keras 2's functional form (name, class, config, inbound nodes). */
  private static final String[][] LAYERS = {
    {"img", "InputLayer", "{\"batch_input_shape\": " + t("[null, 28, 28, 1]") + ", \"dtype\": \"float32\","
        + " \"sparse\": false, \"ragged\": false, \"name\": \"img\"}", ""},
    {"conv", "Conv2D", "{\"name\": \"conv\", \"trainable\": true, \"dtype\": \"float32\", \"filters\": 4,"
        + " \"kernel_size\": " + t("[3, 3]") + ", \"strides\": " + t("[2, 2]") + ", \"padding\": \"same\","
        + " \"data_format\": \"channels_last\", \"dilation_rate\": " + t("[1, 1]") + ", \"groups\": 1,"
        + " \"activation\": \"relu\", \"use_bias\": true}", "img"},
    {"gap", "GlobalAveragePooling2D", "{\"name\": \"gap\", \"trainable\": true, \"dtype\": \"float32\","
        + " \"data_format\": \"channels_last\", \"keepdims\": false}", "conv"},
    {"squeeze", "Dense", "{\"name\": \"squeeze\", \"trainable\": true, \"dtype\": \"float32\", \"units\": 2,"
        + " \"activation\": \"relu\", \"use_bias\": true}", "gap"},
    {"excite", "Dense", "{\"name\": \"excite\", \"trainable\": true, \"dtype\": \"float32\", \"units\": 4,"
        + " \"activation\": \"sigmoid\", \"use_bias\": true}", "squeeze"},
    {"scaled", "Multiply", "{\"name\": \"scaled\", \"trainable\": true, \"dtype\": \"float32\"}", "conv,excite"},
    {"flat", "Flatten", "{\"name\": \"flat\", \"trainable\": true, \"dtype\": \"float32\","
        + " \"data_format\": \"channels_last\"}", "scaled"},
    {"probs", "Dense", "{\"name\": \"probs\", \"trainable\": true, \"dtype\": \"float32\", \"units\": 10,"
        + " \"activation\": \"softmax\", \"use_bias\": true}", "flat"},
  };

  /** Kernel and bias shapes of the layers with weights, in Keras order. */
  private static final long[][][] SHAPES = {
    {{3, 3, 1, 4}, {4}}, {{4, 2}, {2}}, {{2, 4}, {4}}, {{14 * 14 * 4, 10}, {10}}};

  /** Writes the model to {@code dir} with weights drawn from {@code seed}. */
  public static void write(Path dir, long seed, boolean configsInSavedModel) throws IOException {
    Random rnd = new Random(seed);
    List<Weight> weights = new ArrayList<>();
    String[] withWeights = {"conv", "squeeze", "excite", "probs"};
    for (int l = 0; l < SHAPES.length; l++) {
      for (int k = 0; k < 2; k++) {
        long[] shape = SHAPES[l][k];
        float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (rnd.nextGaussian() * (k == 0 ? 0.6 : 0.3));
        }
        weights.add(new Weight(k == 0 ? "kernel" : "bias", withWeights[l] + (k == 0 ? "/kernel" : "/bias"), shape, v));
      }
    }
    List<LayerObject> layers = new ArrayList<>();
    StringBuilder config = new StringBuilder();
    int w = 0;
    for (String[] l : LAYERS) {
      List<Weight> own = List.of();
      if (List.of(withWeights).contains(l[0])) {
        own = weights.subList(w, w + 2);
        w += 2;
      }
      String inbound = l[3].isEmpty() ? "[]" : "[[" + String.join(", ",
          java.util.Arrays.stream(l[3].split(",")).map(in -> "[\"" + in + "\", 0, 0, {}]").toList()) + "]]";
      String layerJson = "{\"class_name\": \"" + l[1] + "\", \"config\": " + l[2] + ", \"name\": \"" + l[0]
          + "\", \"inbound_nodes\": " + inbound + "}";
      config.append(config.length() == 0 ? "" : ", ").append(layerJson);
      String metadata = "{\"name\": \"" + l[0] + "\", \"trainable\": true, \"expects_training_arg\": false,"
          + " \"dtype\": \"float32\", \"batch_input_shape\": null, \"stateful\": false, \"must_restore_from_config\":"
          + " false, \"class_name\": \"" + l[1] + "\", \"config\": " + l[2] + "}";
      layers.add(new LayerObject(l[0], l[1].equals("InputLayer") ? "_tf_keras_input_layer" : "_tf_keras_layer",
          metadata, own));
    }
    exportServingGraph(dir, layers);
    String root = "{\"name\": \"se_net\", \"trainable\": true, \"expects_training_arg\": true, \"dtype\":"
        + " \"float32\", \"batch_input_shape\": null, \"must_restore_from_config\": false, \"class_name\":"
        + " \"Functional\", \"config\": {\"name\": \"se_net\", \"layers\": [" + config + "], \"input_layers\":"
        + " [[\"img\", 0, 0]], \"output_layers\": [[\"probs\", 0, 0]]}, \"keras_version\": \"2.8.0\","
        + " \"backend\": \"tensorflow\"}";
    KerasFormatWriter.write(dir, root, layers, configsInSavedModel);
  }

  /** The forward pass in plain ops, exported by TensorFlow Java with variables named by Keras key. */
  private static void exportServingGraph(Path dir, List<LayerObject> layers) throws IOException {
    try (Graph g = new Graph(); Session s = TensorFlowRuntime.session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> v = KerasFormatWriter.servingVariables(tf, s, layers);
      Placeholder<TFloat32> img = tf.withName("serving_default_img")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
      Operand<TFloat32> conv = tf.nn.relu(tf.nn.biasAdd(
          tf.nn.conv2d(img, v.get(0), List.of(1L, 2L, 2L, 1L), "SAME"), v.get(1)));
      Operand<TFloat32> gap = tf.math.mean(conv, tf.constant(new int[] {1, 2}));
      Operand<TFloat32> squeeze = tf.nn.relu(tf.math.add(tf.linalg.matMul(gap, v.get(2)), v.get(3)));
      Operand<TFloat32> gate = tf.math.sigmoid(tf.math.add(tf.linalg.matMul(squeeze, v.get(4)), v.get(5)));
      Operand<TFloat32> expanded = tf.expandDims(tf.expandDims(gate, tf.constant(1)), tf.constant(1));
      Operand<TFloat32> scaled = tf.math.mul(conv, expanded);
      Operand<TFloat32> flat = tf.reshape(scaled, tf.constant(new long[] {-1, 14 * 14 * 4}));
      Operand<TFloat32> probs = tf.nn.softmax(tf.math.add(tf.linalg.matMul(flat, v.get(6)), v.get(7)));
      Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input("img", img).output("probs", probs).build();
      SavedModelBundle.exporter(dir.toString()).withSession(s).withSignature(sig).export();
    }
  }
}
