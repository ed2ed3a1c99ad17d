package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * Reads the weights of a legacy Keras HDF5 file, as Keras 3's {@code legacy_h5_format} (and Keras
 * 2's {@code hdf5_format}) write and load them: the group ({@code model_weights} of a full model,
 * the root of a {@code save_weights} file) lists the model's layers in attribute {@code
 * layer_names}; each layer's group lists its weights' dataset paths in {@code weight_names}
 * ({@code conv2d/kernel:0} in Keras 2, {@code kernel} in Keras 3, with or without the {@code :0}
 * suffix: the names are only paths, never interpreted). Loading is by order, as Keras's {@code
 * load_weights_from_hdf5_group}: the layers of the file that have weights are matched one for one
 * with the model's layers that have weights, and each layer's weights are in its legacy order,
 * {@code trainable_weights + non_trainable_weights}; for a nested model that is the trainable
 * weights of all its layers, then their non-trainable ones (a frozen layer's weights all count as
 * non-trainable). Attributes too large for one HDF5 header are split by Keras into {@code
 * layer_names0}, {@code layer_names1}, ...; both forms are read. Optimizer weights are ignored.
 */
final class LegacyH5 {
  /** One weight as the model config orders it: its layer, attribute and trainability. */
  private record Slot(String layer, KerasWeightOrder.Variable variable, boolean trainable) {}

  /** A top-level layer of the config with its weights in legacy order (null: unknown class). */
  private record Expected(String cls, String name, List<Slot> slots) {}

  private LegacyH5() {}

  /** The weights stored under {@code group} for the model {@code root}. */
  static FileVariables read(Hdf5 h5, String group, KerasObject root) {
    String prefix = group.isEmpty() ? "" : group + "/";
    List<String> fileLayers = new ArrayList<>();
    List<List<String>> fileWeights = new ArrayList<>();
    for (String name : chunked(h5, group, "layer_names")) {
      if (!h5.isGroup(prefix + name)) {
        throw new AkException(h5.label() + ": layer '" + AkException.quote(name, 80) + "' of " + where(group)
            + "'s layer_names has no group " + prefix + AkException.quote(name, 80));
      }
      List<String> weights = chunked(h5, prefix + name, "weight_names");
      if (!weights.isEmpty()) {
        fileLayers.add(name);
        fileWeights.add(weights);
      }
    }
    if (h5.isGroup(prefix + "top_level_model_weights")
        && !chunked(h5, prefix + "top_level_model_weights", "weight_names").isEmpty()) {
      throw new AkException(h5.label() + ": the model has weights of its own (" + prefix
          + "top_level_model_weights); only weights of layers are supported");
    }
    List<Expected> expected = new ArrayList<>();
    for (Expected e : topLevel(root.className(), root.metadata().get("config"))) {
      if (e.slots() == null) {
        return new FileVariables(h5.label(), List.of(), new AkException(h5.label() + ": " + e.cls() + " layer '"
            + AkException.quote(e.name(), 80) + "' is not supported (the order of its weights is unknown)"));
      }
      if (!e.slots().isEmpty()) {
        expected.add(e);
      }
    }
    if (expected.size() != fileLayers.size()) {
      throw new AkException(h5.label() + ": " + where(group) + " holds the weights of " + fileLayers.size()
          + " layers " + AkException.quote(fileLayers.toString(), 200) + ", the model config has "
          + expected.size() + " layers with weights "
          + AkException.quote(expected.stream().map(Expected::name).toList().toString(), 200));
    }
    List<FileVariables.Entry> entries = new ArrayList<>();
    for (int k = 0; k < expected.size(); k++) {
      Expected e = expected.get(k);
      List<String> names = fileWeights.get(k);
      String layerGroup = prefix + fileLayers.get(k);
      if (names.size() != e.slots().size()) {
        throw new AkException(h5.label() + ": layer " + layerGroup + " has " + names.size() + " weights "
            + AkException.quote(names.toString(), 200) + ", the config's " + e.cls() + " layer '"
            + AkException.quote(e.name(), 80) + "' (layer " + (k + 1) + " with weights) has " + e.slots().size()
            + " " + e.slots().stream().map(s -> s.layer() + "/" + s.variable().name()).toList());
      }
      for (int i = 0; i < names.size(); i++) {
        Slot s = e.slots().get(i);
        String path = layerGroup + "/" + names.get(i);
        if (s.variable().read()) {
          entries.add(new FileVariables.Entry(s.layer(), s.variable().name(), path, s.trainable(), h5.floats(path)));
        } else if (!h5.isDataset(path)) {
          throw new AkException(h5.label() + ": no dataset " + AkException.quote(path, 200));
        }
      }
    }
    return new FileVariables(h5.label(), entries, null);
  }

  private static String where(String group) {
    return group.isEmpty() ? "the file" : group;
  }

  /** The strings of {@code name}, or of {@code name0}, {@code name1}, ... when Keras split them. */
  static List<String> chunked(Hdf5 h5, String path, String name) {
    List<String> whole = h5.texts(path, name);
    if (!whole.isEmpty()) {
      return whole;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; ; i++) {
      List<String> part = h5.texts(path, name + i);
      if (part.isEmpty()) {
        return out;
      }
      out.addAll(part);
    }
  }

  /** The top-level layers of a model config (a Sequential's InputLayer left out) with their slots. */
  private static List<Expected> topLevel(String cls, JsonNode config) {
    List<Expected> out = new ArrayList<>();
    for (JsonNode layer : KerasJson.items(config.get("layers"))) {
      String lcls = KerasJson.text(layer, "class_name", "?");
      if (cls.equals("Sequential") && lcls.equals("InputLayer")) {
        continue;
      }
      JsonNode c = layer.get("config");
      String name = KerasJson.text(layer, "name", KerasJson.text(c, "name", "?"));
      List<Slot> trainable = new ArrayList<>();
      List<Slot> frozen = new ArrayList<>();
      boolean known = slots(lcls, name, c, true, trainable, frozen);
      List<Slot> all = new ArrayList<>(trainable);
      all.addAll(frozen);
      out.add(new Expected(lcls, name, known ? all : null));
    }
    return out;
  }

  /**
   * Adds a layer's weights to {@code trainable} and {@code nonTrainable} in Keras's legacy order;
   * false when a layer's variables are unknown.
   */
  private static boolean slots(String cls, String name, JsonNode c, boolean parentTrainable, List<Slot> trainable,
      List<Slot> nonTrainable) {
    boolean on = parentTrainable && KerasJson.bool(c, "trainable", true);
    if (KerasWeightOrder.isModel(cls) && c.has("layers")) {
      for (JsonNode layer : KerasJson.items(c.get("layers"))) {
        String lcls = KerasJson.text(layer, "class_name", "?");
        JsonNode lc = layer.get("config");
        String lname = KerasJson.text(layer, "name", KerasJson.text(lc, "name", "?"));
        if (!slots(lcls, lname, lc, on, trainable, nonTrainable)) {
          return false;
        }
      }
      return true;
    }
    List<KerasWeightOrder.Variable> vars = KerasWeightOrder.of(cls, c);
    if (vars == null) {
      return false;
    }
    for (KerasWeightOrder.Variable v : vars) {
      boolean t = on && v.trainable();
      (t ? trainable : nonTrainable).add(new Slot(name, v, t));
    }
    return true;
  }
}
