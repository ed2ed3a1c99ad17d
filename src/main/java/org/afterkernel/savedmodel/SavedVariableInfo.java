package org.afterkernel.savedmodel;

import java.util.Arrays;

/**
 * A variable of a SavedModel's object graph.
 *
 * @param nodeId its node in the object graph
 * @param name TensorFlow's variable name, e.g. {@code conv2d/kernel}
 * @param shape its shape
 * @param trainable whether Keras trains it (BatchNormalization's moving statistics are not)
 * @param dtype TensorFlow's dtype name, e.g. {@code DT_FLOAT}
 * @param checkpointKey where its value is in the checkpoint
 */
public record SavedVariableInfo(
    int nodeId, String name, long[] shape, boolean trainable, String dtype, String checkpointKey) {
  public SavedVariableInfo {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of scalars. */
  public long size() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }
}
