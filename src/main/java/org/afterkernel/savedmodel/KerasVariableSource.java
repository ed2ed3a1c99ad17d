package org.afterkernel.savedmodel;

import java.util.List;
import java.util.Map;

/**
 * Where the importer finds a Keras model's variables: a SavedModel's checkpoint ({@link
 * KerasVariables}) or the weights of a {@code .keras} or {@code .h5} file ({@link FileVariables}).
 * Variables are named by layer and attribute ({@code conv2d}, {@code kernel}), as the rebuilt
 * network names its parameters.
 */
interface KerasVariableSource {
  /**
   * The variable {@code weight} ({@code kernel}, {@code gamma}, ...) of the Keras layer named
   * {@code layer}.
   *
   * @throws org.afterkernel.AkException when there is none, naming both
   */
  SavedVariableInfo find(String layer, String weight);

  /** The model's trainable variables, in Keras order. */
  List<SavedVariableInfo> trainable();

  /** Float32 values of variables. */
  Map<SavedVariableInfo, float[]> read(List<SavedVariableInfo> vars);

  /** How messages name where the variables are, e.g. {@code the SavedModel}. */
  default String where() {
    return "the SavedModel";
  }
}
