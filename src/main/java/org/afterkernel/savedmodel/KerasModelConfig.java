package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * A Keras model's architecture from its config: the input, the layer calls in Keras order and the
 * output. Keras {@code Sequential} configs become a chain; functional ({@code Functional} /
 * {@code Model}) configs keep their {@code inbound_nodes}, in the Keras 2 form {@code [[[name,
 * node_index, tensor_index, kwargs], ...]]} or the Keras 3 form {@code [{"args": [...]}]}.
 *
 * @param modelClass {@code Sequential}, {@code Functional} or {@code Model}
 * @param modelName the model's name
 * @param inputName the input layer's name
 * @param inputShape per-example input shape; -1 for unknown sizes; null when the config has none
 * @param layers the layer calls (the input layer excluded), in Keras order
 * @param outputName the layer whose output is the model output
 */
public record KerasModelConfig(
    String modelClass, String modelName, String inputName, long[] inputShape,
    List<KerasLayerCall> layers, String outputName) {

  /**
   * Parses the root object's metadata.
   *
   * @throws AkException for subclassed models (no config), several inputs or outputs, shared layers
   */
  public static KerasModelConfig parse(KerasObject root, String source) {
    JsonNode md = root.metadata();
    String cls = root.className();
    JsonNode config = md.get("config");
    if (config == null || config.isNull() || !config.has("layers")) {
      throw new AkException(source + ": the Keras model '" + root.name() + "' (" + cls
          + ") has no layer config (a subclassed model keeps its architecture in Python code);"
          + " only Sequential and functional models can be rebuilt");
    }
    String name = KerasJson.text(config, "name", root.name());
    if (cls.equals("Sequential")) {
      return sequential(name, config, md, source);
    }
    return functional(cls, name, config, source);
  }

  private static KerasModelConfig sequential(String name, JsonNode config, JsonNode md, String source) {
    List<KerasLayerCall> calls = new ArrayList<>();
    String inputName = name + "_input";
    long[] shape = null;
    String previous = null;
    for (JsonNode l : config.get("layers")) {
      String cls = KerasJson.text(l, "class_name", "?");
      JsonNode c = l.get("config");
      String layerName = KerasJson.text(c, "name", "?");
      if (cls.equals("InputLayer")) {
        inputName = layerName;
        shape = inputShape(c);
        previous = layerName;
        continue;
      }
      if (previous == null) {
        shape = KerasJson.batchShapeWithoutBatch(c.get("batch_input_shape"));
        previous = inputName;
      }
      if (isModel(cls, c)) {
        calls.addAll(inline(cls, layerName, c, previous, source));
      } else {
        calls.add(new KerasLayerCall(cls, layerName, c, List.of(previous)));
      }
      previous = layerName;
    }
    if (calls.isEmpty()) {
      throw new AkException(source + ": the Sequential model '" + name + "' has no layers");
    }
    if (shape == null) {
      shape = KerasJson.batchShapeWithoutBatch(md.get("build_input_shape"));
    }
    return new KerasModelConfig("Sequential", name, inputName, shape, calls, previous);
  }

  private static long[] inputShape(JsonNode inputConfig) {
    JsonNode s = inputConfig.has("batch_input_shape") ? inputConfig.get("batch_input_shape")
        : inputConfig.get("batch_shape");
    return KerasJson.batchShapeWithoutBatch(s);
  }

  private static KerasModelConfig functional(String cls, String name, JsonNode config, String source) {
    List<String> inputs = tensorRefs(config.get("input_layers"), source, "input_layers");
    List<String> outputs = tensorRefs(config.get("output_layers"), source, "output_layers");
    if (inputs.size() != 1 || outputs.size() != 1) {
      throw new AkException(source + ": the model '" + name + "' has " + inputs.size() + " inputs "
          + inputs + " and " + outputs.size() + " outputs " + outputs
          + "; only models with one input and one output are supported");
    }
    List<KerasLayerCall> calls = new ArrayList<>();
    long[] shape = null;
    for (JsonNode l : config.get("layers")) {
      String lcls = KerasJson.text(l, "class_name", "?");
      JsonNode c = l.get("config");
      String layerName = KerasJson.text(l, "name", KerasJson.text(c, "name", "?"));
      if (lcls.equals("InputLayer")) {
        if (layerName.equals(inputs.get(0))) {
          shape = inputShape(c);
        }
        continue;
      }
      List<JsonNode> nodes = KerasJson.items(l.get("inbound_nodes"));
      String label = lcls + " layer '" + layerName + "'";
      if (nodes.size() != 1) {
        throw new AkException(source + ": " + label + " is called " + nodes.size()
            + " times in the model; shared layers (and unused ones) are not supported");
      }
      List<String> in = inboundNames(nodes.get(0), source, label);
      if (isModel(lcls, c)) {
        if (in.size() != 1) {
          throw new AkException(source + ": the nested model '" + layerName + "' takes " + in.size()
              + " inputs; only nested models with one input are supported");
        }
        calls.addAll(inline(lcls, layerName, c, in.get(0), source));
      } else {
        calls.add(new KerasLayerCall(lcls, layerName, c, in));
      }
    }
    return new KerasModelConfig(cls, name, inputs.get(0), shape, calls, outputs.get(0));
  }

  /** Pseudo class of the node standing for a nested model's input (an identity). */
  static final String NESTED_INPUT = "NestedModelInput";
  /** Pseudo class of the node standing for a nested model's output (an identity). */
  static final String NESTED_OUTPUT = "NestedModelOutput";

  private static boolean isModel(String cls, JsonNode c) {
    return (cls.equals("Sequential") || cls.equals("Functional") || cls.equals("Model"))
        && c != null && c.has("layers");
  }

  /**
   * The layer calls of a model used as a layer, inlined: an identity under the nested model's
   * input name, its layers (their variables come in Keras order at this place, as in Keras), and
   * an identity under the nested model's own name giving its output.
   */
  private static List<KerasLayerCall> inline(String cls, String name, JsonNode c, String input, String source) {
    KerasModelConfig inner = cls.equals("Sequential")
        ? sequential(name, c, com.fasterxml.jackson.databind.node.NullNode.getInstance(), source)
        : functional(cls, name, c, source);
    List<KerasLayerCall> out = new ArrayList<>();
    out.add(new KerasLayerCall(NESTED_INPUT, inner.inputName(), null, List.of(input)));
    out.addAll(inner.layers());
    out.add(new KerasLayerCall(NESTED_OUTPUT, name, null, List.of(inner.outputName())));
    return out;
  }

  /** Layer names of {@code [[name, node, tensor], ...]} or a single {@code [name, node, tensor]}. */
  private static List<String> tensorRefs(JsonNode refs, String source, String field) {
    List<JsonNode> items = KerasJson.items(refs);
    if (!items.isEmpty() && items.get(0).isTextual()) {
      items = List.of(refs);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode r : items) {
      List<JsonNode> ref = KerasJson.items(r);
      if (ref.isEmpty() || !ref.get(0).isTextual()) {
        throw new AkException(source + ": model config field " + field + " has an entry " + r
            + ", expected [layer_name, node_index, tensor_index]");
      }
      names.add(ref.get(0).asText());
    }
    return names;
  }

  /** The names of the layers one inbound node takes its inputs from. */
  private static List<String> inboundNames(JsonNode node, String source, String label) {
    List<String> names = new ArrayList<>();
    if (node.isObject() && node.has("args")) { // Keras 3: {"args": [...], "kwargs": {...}}
      collectKerasHistory(node.get("args"), names, source, label);
    } else {
      for (JsonNode ref : KerasJson.items(node)) {
        List<JsonNode> r = KerasJson.items(ref);
        if (r.size() < 3 || !r.get(0).isTextual()) {
          throw new AkException(source + ": " + label + " has an inbound node " + ref
              + ", expected [layer_name, node_index, tensor_index, kwargs]");
        }
        if (r.get(1).asInt() != 0 || r.get(2).asInt() != 0) {
          throw new AkException(source + ": " + label + " takes output " + r.get(2).asInt() + " of call "
              + r.get(1).asInt() + " of '" + r.get(0).asText()
              + "'; shared layers and layers with several outputs are not supported");
        }
        if (r.size() > 3 && r.get(3).isObject() && hasArguments(r.get(3))) {
          throw new AkException(source + ": " + label + " is called with arguments " + r.get(3)
              + "; only plain calls on tensors are supported");
        }
        names.add(r.get(0).asText());
      }
    }
    if (names.isEmpty()) {
      throw new AkException(source + ": " + label + " has no inputs in its inbound node " + node);
    }
    return names;
  }

  /** True when call kwargs hold more than {@code training} (inference anyway) or a null mask. */
  private static boolean hasArguments(JsonNode kwargs) {
    var it = kwargs.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!k.equals("training") && !(k.equals("mask") && kwargs.get(k).isNull())) {
        return true;
      }
    }
    return false;
  }

  private static void collectKerasHistory(JsonNode n, List<String> names, String source, String label) {
    if (n == null) {
      return;
    }
    if (n.isObject() && "__keras_tensor__".equals(KerasJson.text(n, "class_name", ""))) {
      JsonNode layer = n.path("config").path("keras_history").path(0);
      if (!layer.isTextual()) {
        throw new AkException(source + ": " + label + " takes a tensor without a keras_history [layer_name,"
            + " node_index, tensor_index]: " + AkException.quote(KerasJson.compact(n), 200));
      }
      names.add(layer.asText());
    } else if (n.isArray() || n.isObject()) {
      n.forEach(c -> collectKerasHistory(c, names, source, label));
    }
  }
}
