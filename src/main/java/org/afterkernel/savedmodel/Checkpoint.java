package org.afterkernel.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Reads tensors from a TensorFlow checkpoint (the {@code variables/} of a SavedModel) by key, with
 * TensorFlow's own {@code RestoreV2} op, so the bundle format is read by TensorFlow itself.
 */
public final class Checkpoint {
  /** Key of the serialized TrackableObjectGraph in object-based (TF2) checkpoints. */
  public static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";

  private final String prefix;

  /** @param prefix the checkpoint prefix, e.g. {@code dir/variables/variables} */
  public Checkpoint(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The checkpoint's object graph, or null for a name-based (TF1-style) checkpoint without one.
   *
   * @throws AkException when the checkpoint cannot be read
   */
  public TrackableObjectGraph objectGraph() {
    if (!keys().contains(OBJECT_GRAPH_KEY)) {
      return null;
    }
    byte[] bytes = (byte[]) read(List.of(OBJECT_GRAPH_KEY), TString.class).get(OBJECT_GRAPH_KEY);
    try {
      return TrackableObjectGraph.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AkException(prefix + ": the checkpoint's object graph is corrupt (" + e.getMessage() + ")", e);
    }
  }

  /** Float32 values of the given keys, in C order. */
  public Map<String, float[]> readFloats(List<String> keys) {
    Map<String, float[]> out = new LinkedHashMap<>();
    read(keys, TFloat32.class).forEach((k, v) -> out.put(k, (float[]) v));
    return out;
  }

  /** The keys the checkpoint holds (read from its index through TensorFlow). */
  public List<String> keys() {
    return CheckpointIndex.keys(prefix);
  }

  private Map<String, Object> read(List<String> keys, Class<? extends TType> type) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    BundleIndex.check(prefix); // TensorFlow allocates each tensor by the shape its index records
    try (Graph g = new Graph(); Session s = TensorFlowRuntime.session(g)) {
      Ops tf = Ops.create(g);
      List<Class<? extends TType>> types = new ArrayList<>();
      keys.forEach(k -> types.add(type));
      Restore r = tf.train.restore(tf.constant(prefix),
          tf.constant(NdArrays.vectorOfObjects(keys.toArray(new String[0]))),
          tf.constant(NdArrays.vectorOfObjects(keys.stream().map(k -> "").toArray(String[]::new))),
          types);
      Session.Runner runner = s.runner();
      for (Operand<?> t : r.tensors()) {
        runner.fetch(t);
      }
      try (Result res = runner.run()) {
        for (int i = 0; i < keys.size(); i++) {
          Object v = type == TString.class
              ? ((TString) res.get(i)).asBytes().getObject()
              : Tensors.toFloats((TFloat32) res.get(i));
          out.put(keys.get(i), v);
        }
      }
    } catch (RuntimeException e) {
      if (!TfMessages.fromTensorFlow(e)) {
        throw e;
      }
      String what = keys.size() == 1 ? "'" + AkException.quote(keys.get(0), 120) + "'" : keys.size() + " tensors";
      throw new AkException(prefix + ": cannot read " + what + " from the checkpoint (missing, truncated"
          + " or of another type: " + TfMessages.firstLine(e.getMessage()) + ")", e);
    }
    return out;
  }
}
