package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * The model config of a Keras file: {@code config.json} of a {@code .keras} archive (Keras 3's
 * {@code serialize_keras_object}: {@code module}, {@code class_name}, {@code config}, {@code
 * registered_name}, {@code build_config}), the {@code model_config} attribute of a legacy HDF5
 * file, or {@code model.to_json()} beside a weights file. Checked before any layer is built:
 * custom (registered) objects and non-float32 dtype policies (mixed precision) are refused, naming
 * the layer and where it is. The input shape that Keras keeps outside the layer list ({@code
 * build_input_shape} inside the config, {@code build_config}) is moved where {@link
 * KerasModelConfig} looks for it.
 */
final class KerasFileConfig {
  private KerasFileConfig() {}

  /**
   * The model config {@code json} as the root Keras object of {@link KerasModelConfig#parse}.
   *
   * @param source how messages name the config, e.g. {@code model.keras: config.json}
   */
  static KerasObject root(JsonNode json, String source) {
    if (json == null || !json.isObject() || !json.hasNonNull("class_name") || !json.has("config")) {
      throw new AkException(source + ": not a Keras model config (expected a JSON object with class_name"
          + " and config, as model.to_json() writes)");
    }
    String cls = json.get("class_name").asText();
    if (!KerasWeightOrder.isModel(cls)) {
      throw new AkException(source + ": the model's class is '" + AkException.quote(cls, 80)
          + "', expected Sequential or Functional (a subclassed model keeps its architecture in Python"
          + " code and cannot be rebuilt)");
    }
    ObjectNode root = ((ObjectNode) json).deepCopy();
    JsonNode config = root.get("config");
    if (!root.has("build_input_shape")) {
      if (config.isObject() && config.hasNonNull("build_input_shape")) {
        root.set("build_input_shape", config.get("build_input_shape"));
      } else if (root.path("build_config").hasNonNull("input_shape")) {
        root.set("build_input_shape", root.get("build_config").get("input_shape"));
      }
    }
    check(config, source, cls, new ArrayList<>());
    return new KerasObject(0, "root", "_tf_keras_network", root);
  }

  /** Refuses custom objects and dtype policies other than float32, in this config and nested ones. */
  private static void check(JsonNode config, String source, String owner, List<String> path) {
    checkDtype(config, source, owner);
    for (JsonNode layer : KerasJson.items(config.get("layers"))) {
      String cls = KerasJson.text(layer, "class_name", "?");
      JsonNode c = layer.get("config");
      String name = c != null && c.isObject() ? KerasJson.text(c, "name", KerasJson.text(layer, "name", "?"))
          : KerasJson.text(layer, "name", "?");
      String label = cls + " layer '" + AkException.quote(name, 80) + "'"
          + (path.isEmpty() ? "" : " (in " + String.join(" > ", path) + ")");
      JsonNode registered = layer.get("registered_name");
      String module = KerasJson.text(layer, "module", "keras");
      if (registered != null && !registered.isNull() && !registered.asText().equals(cls)
          || !module.startsWith("keras")) {
        throw new AkException(source + ": " + AkException.quote(label, 200) + " is a custom object (module '"
            + AkException.quote(module, 80) + "', registered as '"
            + AkException.quote(registered == null ? "" : registered.asText(), 80)
            + "'); only built-in Keras layers can be rebuilt");
      }
      if (c == null || !c.isObject()) {
        throw new AkException(source + ": " + AkException.quote(label, 200) + " has no config object");
      }
      checkDtype(c, source, label);
      checkCustomActivation(c, source, label);
      if (KerasWeightOrder.isModel(cls) && c.has("layers")) {
        List<String> inner = new ArrayList<>(path);
        inner.add(cls + " '" + AkException.quote(name, 80) + "'");
        check(c, source, label, inner);
      }
    }
  }

  private static void checkDtype(JsonNode c, String source, String label) {
    JsonNode d = c.get("dtype");
    String policy = d == null || d.isNull() ? "float32"
        : d.isTextual() ? d.asText() : KerasJson.text(d.path("config"), "name", "?");
    if (!policy.equals("float32")) {
      throw new AkException(source + ": " + AkException.quote(label, 200) + " has dtype policy '"
          + AkException.quote(policy, 40) + "'; only float32 models are supported (mixed precision is not)");
    }
  }

  private static void checkCustomActivation(JsonNode c, String source, String label) {
    JsonNode a = c.get("activation");
    if (a != null && a.isObject()) {
      JsonNode registered = a.get("registered_name");
      String what = registered != null && !registered.isNull() ? "registered as '"
          + AkException.quote(registered.asText(), 80) + "'" : KerasJson.compact(a);
      throw new AkException(source + ": " + AkException.quote(label, 200) + " uses a custom activation ("
          + AkException.quote(what, 200) + "); only named Keras activations are supported");
    }
  }
}
