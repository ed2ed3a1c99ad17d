package org.afterkernel.savedmodel;

import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;

/**
 * The variables of a lifted SavedModel ({@link FunctionDefLifter}): each layer's weights are the
 * object-graph nodes its ops captured; their checkpoint keys, trainability and values come from
 * the object graph and checkpoint as for any TF2 SavedModel ({@link KerasVariables}).
 */
final class LiftedVariables implements KerasVariableSource {
  private final KerasVariables all;
  private final Map<String, Map<String, Integer>> weights;

  /** The variables of {@code files}, with the lifted layers' weights. */
  LiftedVariables(SavedModelFiles files, Map<String, Map<String, Integer>> weights) {
    this.all = new KerasVariables(files, new KerasMetadata(List.of(), "the serving function"));
    this.weights = weights;
  }

  @Override
  public SavedVariableInfo find(String layer, String weight) {
    Integer node = weights.getOrDefault(layer, Map.of()).get(weight);
    SavedVariableInfo v = node == null ? null : all.byNode(node);
    if (v == null) {
      throw new AkException("no variable '" + weight + "' of the lifted layer '" + layer + "' in the serving function");
    }
    return v;
  }

  @Override
  public List<SavedVariableInfo> trainable() {
    return all.trainable();
  }

  @Override
  public Map<SavedVariableInfo, float[]> read(List<SavedVariableInfo> vars) {
    return all.read(vars);
  }
}
