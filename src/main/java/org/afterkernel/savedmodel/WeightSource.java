package org.afterkernel.savedmodel;

import java.util.List;
import java.util.Map;

/**
 * Where the importer finds a rebuilt layer's trained values: which saved variable is weight {@code
 * kernel} (or {@code bias}, {@code moving_mean}, ...) of which layer, the model's trainable
 * variables (every one must be used), and their values. {@link KerasVariables} answers from the
 * Keras object graph, {@link LiftedVariables} from a lifted serving function.
 */
interface WeightSource {
  /**
   * The variable {@code weight} of layer {@code layer}.
   *
   * @throws org.afterkernel.AkException naming both when there is none
   */
  SavedVariableInfo find(String layer, String weight);

  /** The model's trainable variables, in Keras order. */
  List<SavedVariableInfo> trainable();

  /** Float32 values of variables. */
  Map<SavedVariableInfo, float[]> read(List<SavedVariableInfo> vars);
}
