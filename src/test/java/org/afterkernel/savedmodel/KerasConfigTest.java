package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.io.NpyArray;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.BatchNormalization;
import org.afterkernel.nn.Concatenate;
import org.afterkernel.nn.Conv2D;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.ElementwiseMerge;
import org.afterkernel.nn.Functional;
import org.afterkernel.nn.Identity;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.nn.Padding;
import org.afterkernel.nn.Parameter;
import org.afterkernel.nn.Reshape;
import org.afterkernel.nn.Weights;
import org.junit.jupiter.api.Test;

/**
 * Keras model configs (written here in the format Keras 2 saves, including its encoded tuples) to
 * networks: functional graphs with squeeze-excite blocks and concatenation, Keras 3 inbound nodes,
 * flat inputs, the final softmax, and the errors for what is not supported.
 */
class KerasConfigTest {
  private static final String TUPLE = "{\"class_name\": \"__tuple__\", \"items\": %s}";

  private static String t(String items) {
    return String.format(TUPLE, items);
  }

  /** A Keras 2 functional model: conv, squeeze-excite, concatenation, BN, dropout, Dense(3, softmax). */
  static final String SE_MODEL = """
      {"class_name": "Functional", "name": "se_net", "keras_version": "2.8.0", "config": {"name": "se_net",
       "layers": [
        {"class_name": "InputLayer", "name": "img", "inbound_nodes": [],
         "config": {"batch_input_shape": %s, "dtype": "float32", "name": "img"}},
        {"class_name": "Conv2D", "name": "conv", "inbound_nodes": [[["img", 0, 0, {}]]],
         "config": {"name": "conv", "filters": 4, "kernel_size": %s, "strides": %s, "padding": "same",
          "data_format": "channels_last", "dilation_rate": %s, "groups": 1, "activation": "relu", "use_bias": true}},
        {"class_name": "GlobalAveragePooling2D", "name": "gap", "inbound_nodes": [[["conv", 0, 0, {}]]],
         "config": {"name": "gap", "data_format": "channels_last", "keepdims": false}},
        {"class_name": "Dense", "name": "squeeze", "inbound_nodes": [[["gap", 0, 0, {}]]],
         "config": {"name": "squeeze", "units": 2, "activation": "relu", "use_bias": true}},
        {"class_name": "Dense", "name": "excite", "inbound_nodes": [[["squeeze", 0, 0, {}]]],
         "config": {"name": "excite", "units": 4, "activation": "sigmoid", "use_bias": true}},
        {"class_name": "Reshape", "name": "gate", "inbound_nodes": [[["excite", 0, 0, {}]]],
         "config": {"name": "gate", "target_shape": %s}},
        {"class_name": "Multiply", "name": "scaled", "inbound_nodes": [[["conv", 0, 0, {}], ["gate", 0, 0, {}]]],
         "config": {"name": "scaled"}},
        {"class_name": "Concatenate", "name": "cat", "inbound_nodes": [[["scaled", 0, 0, {}], ["img", 0, 0, {}]]],
         "config": {"name": "cat", "axis": -1}},
        {"class_name": "BatchNormalization", "name": "bn", "inbound_nodes": [[["cat", 0, 0, {"training": false}]]],
         "config": {"name": "bn", "axis": [3], "epsilon": 0.001, "center": true, "scale": true}},
        {"class_name": "MaxPooling2D", "name": "pool", "inbound_nodes": [[["bn", 0, 0, {}]]],
         "config": {"name": "pool", "pool_size": %s, "padding": "valid", "strides": null, "data_format": "channels_last"}},
        {"class_name": "Flatten", "name": "flat", "inbound_nodes": [[["pool", 0, 0, {}]]],
         "config": {"name": "flat", "data_format": "channels_last"}},
        {"class_name": "Dropout", "name": "drop", "inbound_nodes": [[["flat", 0, 0, {}]]],
         "config": {"name": "drop", "rate": 0.5}},
        {"class_name": "Dense", "name": "probs", "inbound_nodes": [[["drop", 0, 0, {}]]],
         "config": {"name": "probs", "units": 3, "activation": "softmax", "use_bias": true}}],
       "input_layers": [["img", 0, 0]], "output_layers": [["probs", 0, 0]]}}
      """.formatted(t("[null, 6, 6, 2]"), t("[3, 3]"), t("[1, 1]"), t("[1, 1]"), t("[1, 1, 4]"), t("[2, 2]"));

  static KerasObject root(String json) {
    return new KerasObject(0, "root", "_tf_keras_network", KerasJson.parse(json, "test"));
  }

  /** Moving statistics for BatchNormalization: mean 0.1 k, variance 1 + 0.2 k. */
  static float[] constant(String layer, String weight) {
    float[] v = new float[6];
    for (int k = 0; k < v.length; k++) {
      v[k] = weight.equals("moving_mean") ? 0.1f * k : 1 + 0.2f * k;
    }
    return v;
  }

  private static KerasNetworkBuilder.Result build(String json, ImportOptions options) {
    KerasModelConfig cfg = KerasModelConfig.parse(root(json), "test");
    return new KerasNetworkBuilder(cfg, "test", KerasConfigTest::constant)
        .build(cfg.inputShape(), KerasImporter.imageShape(cfg.inputShape(), null, java.nio.file.Path.of("m")), options);
  }

  @Test
  void functionalSqueezeExciteModelBecomesTheSameGraph() {
    KerasNetworkBuilder.Result r = build(SE_MODEL, ImportOptions.defaults().withHead(OutputHead.index(2)));
    Functional net = r.network();
    assertEquals(Activation.SOFTMAX, r.removed(), "the final softmax is left out of the logit");
    assertEquals(List.of("conv", "gap", "squeeze", "excite", "gate", "scaled", "cat", "bn", "pool", "flat",
        "drop", "probs"), net.nodes().stream().map(Functional.Node::name).toList());
    Map<String, Functional.Node> n = new LinkedHashMap<>();
    net.nodes().forEach(x -> n.put(x.name(), x));
    Conv2D conv = assertInstanceOf(Conv2D.class, n.get("conv").layer());
    assertArrayEquals(new int[] {3, 3}, conv.kernelSize());
    assertEquals(Padding.SAME, conv.padding());
    assertEquals(Activation.RELU, conv.activation());
    assertEquals(Activation.SIGMOID, assertInstanceOf(Dense.class, n.get("excite").layer()).activation());
    assertInstanceOf(Reshape.class, n.get("gate").layer());
    assertEquals(ElementwiseMerge.Kind.MULTIPLY, assertInstanceOf(ElementwiseMerge.class, n.get("scaled").layer()).kind());
    assertEquals(List.of("conv", "gate"), n.get("scaled").inputs());
    assertEquals(List.of("scaled", "img"), n.get("cat").inputs());
    assertEquals(-1, assertInstanceOf(Concatenate.class, n.get("cat").layer()).axis());
    BatchNormalization bn = assertInstanceOf(BatchNormalization.class, n.get("bn").layer());
    assertArrayEquals(constant("bn", "moving_variance"), bn.movingVariance());
    assertInstanceOf(Identity.class, n.get("drop").layer());
    assertEquals(Activation.LINEAR, assertInstanceOf(Dense.class, n.get("probs").layer()).activation(),
        "the output Dense gives its linear output");
    assertEquals(OutputHead.index(2), net.head());
  }

  @Test
  void withoutPreSoftmaxTheLogitIsTheProbability() {
    Random rnd = new Random(4);
    float[] px = new float[3 * 6 * 6 * 2];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat();
    }
    Images x = new Images(3, 6, 6, 2, px);
    float[][] logits = new float[3][];
    for (int k = 0; k < 3; k++) {
      try (Model m = Model.of(build(SE_MODEL, ImportOptions.defaults().withHead(OutputHead.index(k))).network(),
          new long[] {6, 6, 2})) {
        setWeights(m, 21);
        logits[k] = m.logits(x);
      }
    }
    ImportOptions probs = new ImportOptions(OutputHead.index(1), false, null, null);
    KerasNetworkBuilder.Result r = build(SE_MODEL, probs);
    assertEquals(Activation.LINEAR, r.removed());
    try (Model m = Model.of(r.network(), new long[] {6, 6, 2})) {
      setWeights(m, 21);
      float[] p = m.logits(x);
      for (int e = 0; e < 3; e++) {
        double z0 = logits[0][e];
        double z1 = logits[1][e];
        double z2 = logits[2][e];
        double expected = Math.exp(z1) / (Math.exp(z0) + Math.exp(z1) + Math.exp(z2));
        assertEquals(expected, p[e], 1e-6, "softmax component 1 of example " + e);
      }
    }
  }

  private static void setWeights(Model m, long seed) {
    Random rnd = new Random(seed);
    Map<String, NpyArray> values = new LinkedHashMap<>();
    for (Parameter p : m.parameters()) {
      float[] v = new float[p.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rnd.nextGaussian() * 0.3f;
      }
      values.put(p.name(), NpyArray.ofFloats(p.shape(), v));
    }
    m.setWeights(Weights.of(values));
  }

  @Test
  void keras3InboundNodesAndAFlatInputSequential() {
    String keras3 = """
        {"class_name": "Functional", "name": "m", "config": {"name": "m", "layers": [
          {"class_name": "InputLayer", "name": "x", "inbound_nodes": [], "config": {"batch_shape": [null, 4, 4, 1], "name": "x"}},
          {"class_name": "Flatten", "name": "f", "config": {"name": "f"},
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 4, 4, 1], "dtype": "float32", "keras_history": ["x", 0, 0]}}], "kwargs": {}}]},
          {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 1, "activation": "linear"},
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["f", 0, 0]}}], "kwargs": {}}]}],
         "input_layers": ["x", 0, 0], "output_layers": ["d", 0, 0]}}
        """;
    KerasNetworkBuilder.Result r = build(keras3, ImportOptions.defaults());
    assertEquals(List.of("f", "d"), r.network().nodes().stream().map(Functional.Node::name).toList());
    assertEquals(List.of("f"), r.network().nodes().get(1).inputs());

    String flat = """
        {"class_name": "Sequential", "name": "s", "config": {"name": "s", "layers": [
          {"class_name": "Dense", "config": {"name": "h", "units": 5, "activation": "relu", "batch_input_shape": [null, 784]}},
          {"class_name": "Dense", "config": {"name": "o", "units": 1, "activation": "sigmoid"}}]}}
        """;
    KerasNetworkBuilder.Result s = build(flat, ImportOptions.defaults());
    assertEquals(Activation.SIGMOID, s.removed(), "a final sigmoid is left out by default too");
    assertEquals(KerasNetworkBuilder.IMAGES, s.network().inputName(), "28x28x1 images are reshaped to 784");
    assertInstanceOf(Reshape.class, s.network().nodes().get(0).layer());
    try (Model m = Model.of(s.network(), new long[] {28, 28, 1})) {
      assertEquals(784 * 5 + 5 + 5 + 1, m.parameterCount());
    }
  }

  @Test
  void nestedSequentialAugmentationAndAFinalSoftmaxLayer() {
    String json = """
        {"class_name": "Functional", "name": "outer", "config": {"name": "outer", "layers": [
          {"class_name": "InputLayer", "name": "x", "inbound_nodes": [], "config": {"batch_input_shape": [null, 4, 4, 1], "name": "x"}},
          {"class_name": "RandomFlip", "name": "flip", "inbound_nodes": [[["x", 0, 0, {}]]], "config": {"name": "flip", "mode": "horizontal"}},
          {"class_name": "Sequential", "name": "body", "inbound_nodes": [[["flip", 0, 0, {}]]], "config": {"name": "body", "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 4, 1], "name": "body_in"}},
            {"class_name": "Conv2D", "config": {"name": "c", "filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "activation": "relu"}},
            {"class_name": "Flatten", "config": {"name": "f"}},
            {"class_name": "Dense", "config": {"name": "logits", "units": 3, "activation": "linear"}}]}},
          {"class_name": "Activation", "name": "probs", "inbound_nodes": [[["body", 0, 0, {}]]], "config": {"name": "probs", "activation": "softmax"}}],
         "input_layers": [["x", 0, 0]], "output_layers": [["probs", 0, 0]]}}
        """;
    KerasNetworkBuilder.Result r = build(json, ImportOptions.defaults().withHead(OutputHead.difference(2, 0)));
    assertEquals(Activation.SOFTMAX, r.removed());
    assertEquals(List.of("flip", "body_in", "c", "f", "logits", "body", "probs"),
        r.network().nodes().stream().map(Functional.Node::name).toList());
    assertInstanceOf(Identity.class, r.network().nodes().get(6).layer(), "the softmax layer is left out");
    assertEquals("logits", r.network().conjugateLayer().name(), "conjugate: input of the final Dense");
    try (Model m = Model.of(r.network(), new long[] {4, 4, 1})) {
      assertEquals(List.of("c/kernel", "c/bias", "logits/kernel", "logits/bias"),
          m.parameters().stream().map(Parameter::name).toList());
      assertEquals(4 * 4 * 2, m.conjugateDimension());
    }
  }

  private static AkException refused(String json) {
    return assertThrows(AkException.class, () -> build(json, ImportOptions.defaults().withHead(OutputHead.index(0))));
  }

  private static String seWith(String from, String to) {
    assertTrue(SE_MODEL.contains(from), from);
    return SE_MODEL.replace(from, to);
  }

  @Test
  void unsupportedLayersAndOptionsAreNamedWithTheirPlace() {
    AkException e = refused(seWith("\"class_name\": \"GlobalAveragePooling2D\"", "\"class_name\": \"LSTM\""));
    assertTrue(e.getMessage().contains("LSTM layer 'gap' (layer 2 of 12 in Functional 'se_net', called on [conv])")
        && e.getMessage().contains("not supported"), e.getMessage());
    e = refused(seWith("\"data_format\": \"channels_last\", \"dilation_rate\"",
        "\"data_format\": \"channels_first\", \"dilation_rate\""));
    assertTrue(e.getMessage().contains("Conv2D layer 'conv'") && e.getMessage().contains("channels_first"), e.getMessage());
    e = refused(seWith("\"groups\": 1", "\"groups\": 2"));
    assertTrue(e.getMessage().contains("grouped"), e.getMessage());
    e = refused(seWith("\"groups\": 1, \"activation\": \"relu\"", "\"groups\": 1, \"activation\": \"hard_sigmoid\""));
    assertTrue(e.getMessage().contains("hard_sigmoid") && e.getMessage().contains("'conv'"), e.getMessage());
    e = refused(seWith("\"axis\": [3]", "\"axis\": [1]"));
    assertTrue(e.getMessage().contains("BatchNormalization layer 'bn'") && e.getMessage().contains("last axis"), e.getMessage());
    e = refused(seWith("[[[\"drop\", 0, 0, {}]]]", "[[[\"drop\", 0, 0, {}]], [[\"flat\", 0, 0, {}]]]"));
    assertTrue(e.getMessage().contains("'probs' is called 2 times"), e.getMessage());
    e = refused(seWith("\"output_layers\": [[\"probs\", 0, 0]]", "\"output_layers\": [[\"probs\", 0, 0], [\"gap\", 0, 0]]"));
    assertTrue(e.getMessage().contains("2 outputs"), e.getMessage());
    e = refused("{\"class_name\": \"MyModel\", \"name\": \"my_model\", \"config\": {}}");
    assertTrue(e.getMessage().contains("subclassed"), e.getMessage());
    e = assertThrows(AkException.class, () -> build(SE_MODEL, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains("3 components") && e.getMessage().contains("--output-index"), e.getMessage());
  }
}
