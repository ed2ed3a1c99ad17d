package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;

/**
 * Reads the weights of a Keras model from {@code model.weights.h5} (inside a {@code .keras}
 * archive, or a Keras 3 {@code .weights.h5} file) in the layout of Keras 3's {@code saving_lib}:
 * each layer's variables are the datasets {@code vars/0, 1, ...} of its group, in the layer's own
 * order ({@link KerasWeightOrder}), and the group is {@code layers/<name>} where the name is not
 * the layer's but its class's in snake case, numbered within its model in layer order ({@code
 * conv2d}, {@code conv2d_1}, ...: {@code _get_unique_name(to_snake_case(class))}); a nested model's
 * layers are under its own group's {@code layers/}. Sequential models leave their InputLayer out.
 * tf.keras 2.13-2.15 wrote the same with {@code _layer_checkpoint_dependencies} for {@code
 * layers}, which Keras 3's {@code H5IOStore.get} reads by renaming; so is it read here. Every
 * dataset under the layers must be taken by a layer, or the file is refused.
 */
final class KerasWeightsH5 {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_NODES = 200_000;

  private final Hdf5 h5;
  private final String container;
  private final List<FileVariables.Entry> entries = new ArrayList<>();
  private final Set<String> taken = new HashSet<>();
  private AkException deferred;

  private KerasWeightsH5(Hdf5 h5) {
    this.h5 = h5;
    this.container = !h5.isGroup("layers") && h5.isGroup("_layer_checkpoint_dependencies")
        ? "_layer_checkpoint_dependencies" : "layers";
  }

  /** The weights of the model with config {@code root} (the Keras object of the model). */
  static FileVariables read(Hdf5 h5, KerasObject root) {
    KerasWeightsH5 r = new KerasWeightsH5(h5);
    r.model(root.className(), root.metadata().get("config"), "", true);
    if (r.deferred == null) {
      r.leftovers();
    }
    return new FileVariables(h5.label(), r.entries, r.deferred);
  }

  /** Keras's {@code naming.to_snake_case}. */
  static String snakeCase(String name) {
    String s = name.replaceAll("\\W+", "");
    s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private void model(String cls, JsonNode config, String path, boolean trainable) {
    Map<String, Integer> used = new HashMap<>();
    for (JsonNode layer : KerasJson.items(config.get("layers"))) {
      String lcls = KerasJson.text(layer, "class_name", "?");
      if (cls.equals("Sequential") && lcls.equals("InputLayer")) {
        continue; // Sequential.layers leaves its InputLayer out
      }
      JsonNode c = layer.get("config");
      String name = KerasJson.text(layer, "name", KerasJson.text(c, "name", "?"));
      String snake = snakeCase(lcls);
      Integer n = used.merge(snake, 0, (a, b) -> a + 1);
      String group = (path.isEmpty() ? "" : path + "/") + container + "/" + (n == 0 ? snake : snake + "_" + n);
      boolean layerTrainable = trainable && KerasJson.bool(c, "trainable", true);
      if (KerasWeightOrder.isModel(lcls) && c.has("layers")) {
        model(lcls, c, group, layerTrainable);
      } else {
        layer(lcls, name, c, group, layerTrainable);
      }
    }
  }

  private void layer(String cls, String name, JsonNode c, String group, boolean trainable) {
    List<KerasWeightOrder.Variable> vars = KerasWeightOrder.of(cls, c);
    List<String> stored = h5.isGroup(group + "/vars") ? h5.children(group + "/vars") : List.of();
    if (vars == null) {
      if (deferred == null) {
        deferred = new AkException(h5.label() + ": " + cls + " layer '" + AkException.quote(name, 80)
            + "' is not supported (the order of its weights in " + group + "/vars is unknown)");
      }
      return;
    }
    if (stored.size() != vars.size()) {
      throw new AkException(h5.label() + ": " + cls + " layer '" + AkException.quote(name, 80) + "' has "
          + stored.size() + " weights in " + group + "/vars, the config's layer has " + vars.size() + " "
          + vars.stream().map(KerasWeightOrder.Variable::name).toList());
    }
    for (int i = 0; i < vars.size(); i++) {
      String path = group + "/vars/" + i;
      if (!h5.isDataset(path)) {
        throw new AkException(h5.label() + ": no dataset " + path + " (weight " + i + ", '" + vars.get(i).name()
            + "', of " + cls + " layer '" + AkException.quote(name, 80) + "'); " + group + "/vars holds "
            + AkException.quote(stored.toString(), 200));
      }
      taken.add(path);
      KerasWeightOrder.Variable v = vars.get(i);
      if (v.read()) {
        entries.add(new FileVariables.Entry(name, v.name(), path, v.trainable() && trainable, h5.floats(path)));
      }
    }
  }

  /** Refuses datasets under the layers (or the model's own {@code vars}) that no layer took. */
  private void leftovers() {
    List<String> left = new ArrayList<>();
    int[] nodes = {0};
    for (String top : List.of(container, "vars")) {
      if (h5.isGroup(top)) {
        collect(top, 0, nodes, left);
      }
    }
    if (!left.isEmpty()) {
      throw new AkException(h5.label() + ": " + left.size() + " weights that no layer of the config takes, e.g. "
          + AkException.quote(left.get(0), 200) + " (the file and the config do not describe the same model)");
    }
  }

  private void collect(String group, int depth, int[] nodes, List<String> left) {
    if (depth > MAX_DEPTH || ++nodes[0] > MAX_NODES) {
      throw new AkException(h5.label() + ": the groups under " + container + " nest deeper than " + MAX_DEPTH
          + " or hold more than " + MAX_NODES + " objects");
    }
    for (String child : h5.children(group)) {
      String p = group + "/" + child;
      if (h5.isGroup(p)) {
        collect(p, depth + 1, nodes, left);
      } else if (!taken.contains(p)) {
        left.add(p);
      }
    }
  }
}
