package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;

/**
 * The variables of a Keras SavedModel and where their values are. A Keras layer tracks its
 * weights as children of its object-graph node named by attribute ({@code kernel}, {@code bias},
 * {@code gamma}, {@code moving_mean}, ...); the checkpoint's own object graph, saved alongside with
 * the same node numbering, gives each variable's checkpoint key (e.g. {@code
 * layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE}). Optimizer slots live in the same
 * checkpoint but are never children of a layer, so they are never picked up.
 */
public final class KerasVariables implements KerasVariableSource {
  private final SavedObjectGraph graph;
  private final KerasMetadata metadata;
  private final Map<Integer, SavedVariableInfo> variables = new LinkedHashMap<>();
  private final Checkpoint checkpoint;

  /** Reads the variable table of {@code files} (the checkpoint's object graph included). */
  public KerasVariables(SavedModelFiles files, KerasMetadata metadata) {
    this.graph = files.metaGraph().getObjectGraphDef();
    this.metadata = metadata;
    this.checkpoint = new Checkpoint(files.checkpointPrefix());
    TrackableObjectGraph ckpt = checkpoint.objectGraph();
    if (ckpt == null) {
      throw new AkException(files.dir() + ": the checkpoint has no object graph (not written by TF2 Keras)");
    }
    for (int i = 0; i < graph.getNodesCount(); i++) {
      SavedObject n = graph.getNodes(i);
      if (!n.hasVariable()) {
        continue;
      }
      SavedVariable v = n.getVariable();
      TrackableObject.SerializedTensor attr =
          i < ckpt.getNodesCount() ? valueAttribute(ckpt.getNodes(i)) : null;
      String key = attr == null ? null : attr.getCheckpointKey();
      if (attr != null && !attr.getFullName().isEmpty() && !v.getName().isEmpty()
          && !attr.getFullName().equals(v.getName())) {
        // The two object graphs are written from one list of objects; if they disagree, reading
        // values by node would mix variables up.
        throw new AkException(files.dir() + ": object graph node " + i + " is variable '" + v.getName()
            + "' in saved_model.pb but '" + attr.getFullName() + "' in the checkpoint");
      }
      if (key == null) {
        throw new AkException(files.dir() + ": variable '" + v.getName() + "' (object graph node " + i
            + ") has no value in the checkpoint");
      }
      long[] shape = v.getShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray();
      variables.put(i, new SavedVariableInfo(i, v.getName(), shape, v.getTrainable(),
          v.getDtype().name(), key));
    }
  }

  private static TrackableObject.SerializedTensor valueAttribute(TrackableObject node) {
    return node.getAttributesList().stream()
        .filter(a -> a.getName().equals("VARIABLE_VALUE"))
        .findFirst().orElse(null);
  }

  /**
   * The model's trainable variables in Keras order: the root's {@code trainable_variables} list
   * when the object graph has it, else every trainable variable reachable from the root outside
   * the optimizer, in node order.
   */
  @Override
  public List<SavedVariableInfo> trainable() {
    Integer list = child(0, "trainable_variables");
    List<SavedVariableInfo> out = new ArrayList<>();
    if (list != null) {
      for (Child c : children(list)) {
        SavedVariableInfo v = variables.get(c.nodeId());
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    Integer optimizer = child(0, "optimizer");
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(0));
    while (!queue.isEmpty()) {
      int id = queue.poll();
      if (!seen.add(id) || optimizer != null && id == optimizer) {
        continue;
      }
      children(id).forEach(c -> queue.add(c.nodeId()));
    }
    variables.values().stream().filter(v -> v.trainable() && seen.contains(v.nodeId())).forEach(out::add);
    return out;
  }

  /**
   * The variable {@code weight} ({@code kernel}, {@code gamma}, ...) of the Keras layer named
   * {@code layer}.
   *
   * @throws AkException when the layer or the weight cannot be found, naming both
   */
  @Override
  public SavedVariableInfo find(String layer, String weight) {
    List<KerasObject> objs = metadata.layersNamed(layer);
    if (objs.size() == 1) {
      Integer id = child(objs.get(0).nodeId(), weight);
      if (id != null && variables.containsKey(id)) {
        return variables.get(id);
      }
    }
    // Fallback: TensorFlow's variable name is the layer's name scope and the weight's name.
    List<SavedVariableInfo> byName = variables.values().stream()
        .filter(v -> v.name().equals(layer + "/" + weight) || v.name().endsWith("/" + layer + "/" + weight))
        .toList();
    if (byName.size() == 1) {
      return byName.get(0);
    }
    throw new AkException("no variable '" + weight + "' of layer '" + layer + "' in the SavedModel"
        + (objs.size() > 1 ? " (" + objs.size() + " layers have that name)" : ""));
  }

  /** The variable at object-graph node {@code node}, or null when that node is no variable. */
  SavedVariableInfo byNode(int node) {
    return variables.get(node);
  }

  /** Float32 values of variables, by variable. */
  @Override
  public Map<SavedVariableInfo, float[]> read(List<SavedVariableInfo> vars) {
    for (SavedVariableInfo v : vars) {
      if (!v.dtype().equals("DT_FLOAT")) {
        throw new AkException("variable '" + v.name() + "' is " + v.dtype()
            + "; only float32 models are supported (mixed precision is not)");
      }
    }
    Map<String, float[]> byKey = checkpoint.readFloats(vars.stream().map(SavedVariableInfo::checkpointKey).toList());
    Map<SavedVariableInfo, float[]> out = new HashMap<>();
    for (SavedVariableInfo v : vars) {
      float[] values = byKey.get(v.checkpointKey());
      if (values.length != v.size()) {
        throw new AkException("variable '" + v.name() + "' has " + values.length
            + " values in the checkpoint, its shape " + java.util.Arrays.toString(v.shape()) + " needs " + v.size());
      }
      out.put(v, values);
    }
    return out;
  }

  /** A named edge of the object graph. */
  private record Child(String name, int nodeId) {}

  private List<Child> children(int node) {
    List<Child> out = new ArrayList<>();
    if (node >= graph.getNodesCount()) {
      return out;
    }
    for (var c : graph.getNodes(node).getChildrenList()) {
      out.add(new Child(c.getLocalName(), c.getNodeId()));
    }
    return out;
  }

  private Integer child(int node, String name) {
    return children(node).stream().filter(c -> c.name().equals(name)).map(Child::nodeId)
        .findFirst().orElse(null);
  }
}
