package org.afterkernel.savedmodel;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedUserObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.proto.VersionDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Turns a SavedModel that TensorFlow Java exported (a serving graph whose variables are named by
 * their Keras checkpoint keys, {@code layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE})
 * into one laid out as Keras 2's {@code model.save} writes it, without Python: the SavedObjectGraph
 * of the model, its layers and their variables in {@code saved_model.pb}; an object-based
 * checkpoint (the same tensors plus the TrackableObjectGraph under {@code
 * _CHECKPOINTABLE_OBJECT_GRAPH}, node for node as the SavedObjectGraph); and the layer configs in
 * {@code keras_metadata.pb} (Keras 2.5 and later) or, for older Keras, in the object graph's user
 * objects. Node numbering: 0 the model, then the layers in config order, then the model's
 * variables list and trainable-variables list, then the variables.
 */
public final class KerasFormatWriter {
  private KerasFormatWriter() {}

  /**
   * A weight of a layer ({@code kernel}, {@code bias}) with its Keras variable name and values;
   * not trainable for moving statistics.
   */
  public record Weight(String attribute, String variableName, long[] shape, float[] values, boolean trainable) {
    /** A trainable weight. */
    public Weight(String attribute, String variableName, long[] shape, float[] values) {
      this(attribute, variableName, shape, values, true);
    }
  }

  /** A Keras layer: its name, config metadata (JSON) and weights in Keras order. */
  public record LayerObject(String name, String identifier, String metadataJson, List<Weight> weights) {}

  /** The checkpoint key Keras gives weight {@code attribute} of the {@code index}-th layer with weights. */
  public static String checkpointKey(int index, String attribute) {
    return "layer_with_weights-" + index + "/" + attribute + "/.ATTRIBUTES/VARIABLE_VALUE";
  }

  /**
   * Adds the Keras files to the SavedModel in {@code dir}.
   *
   * @param rootMetadataJson the model's metadata ({@code class_name}, {@code config}, ...)
   * @param inSavedModel true to put the configs in the object graph (Keras before 2.5) instead
   *     of {@code keras_metadata.pb}
   */
  public static void write(Path dir, String rootMetadataJson, List<LayerObject> layers, boolean inSavedModel)
      throws IOException {
    int listNode = layers.size() + 1;
    int trainableNode = listNode + 1;
    List<SavedObject.Builder> saved = new ArrayList<>();
    List<TrackableObject.Builder> ckpt = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Weight> weights = new ArrayList<>();
    SavedObject.Builder root = userObject("_tf_keras_network", inSavedModel ? rootMetadataJson : "");
    saved.add(root);
    ckpt.add(TrackableObject.newBuilder());
    int withWeights = 0;
    int nextVariable = trainableNode + 1;
    for (int i = 0; i < layers.size(); i++) {
      LayerObject l = layers.get(i);
      int node = i + 1;
      SavedObject.Builder s = userObject(l.identifier(), inSavedModel ? l.metadataJson() : "");
      TrackableObject.Builder t = TrackableObject.newBuilder();
      child(root, ckpt.get(0), "layer-" + i, node);
      if (!l.weights().isEmpty()) {
        child(root, ckpt.get(0), "layer_with_weights-" + withWeights, node);
        for (Weight w : l.weights()) {
          child(s, t, w.attribute(), nextVariable++);
          keys.add(checkpointKey(withWeights, w.attribute()));
          weights.add(w);
        }
        withWeights++;
      }
      saved.add(s);
      ckpt.add(t);
    }
    SavedObject.Builder list = userObject("trackable_list_wrapper", "");
    TrackableObject.Builder listCkpt = TrackableObject.newBuilder();
    SavedObject.Builder trainable = userObject("trackable_list_wrapper", "");
    TrackableObject.Builder trainableCkpt = TrackableObject.newBuilder();
    for (int v = 0, t = 0; v < weights.size(); v++) {
      child(list, listCkpt, Integer.toString(v), trainableNode + 1 + v);
      if (weights.get(v).trainable()) {
        child(trainable, trainableCkpt, Integer.toString(t++), trainableNode + 1 + v);
      }
    }
    saved.add(list);
    ckpt.add(listCkpt);
    saved.add(trainable);
    ckpt.add(trainableCkpt);
    child(root, ckpt.get(0), "variables", listNode);
    child(root, ckpt.get(0), "trainable_variables", trainableNode);
    for (int v = 0; v < weights.size(); v++) {
      Weight w = weights.get(v);
      TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
      for (long d : w.shape()) {
        shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
      }
      saved.add(SavedObject.newBuilder().setVariable(SavedVariable.newBuilder().setDtype(DataType.DT_FLOAT)
          .setShape(shape).setTrainable(w.trainable()).setName(w.variableName())));
      ckpt.add(TrackableObject.newBuilder().addAttributes(TrackableObject.SerializedTensor.newBuilder()
          .setName("VARIABLE_VALUE").setFullName(w.variableName()).setCheckpointKey(keys.get(v))));
    }

    Path pb = dir.resolve("saved_model.pb");
    SavedModel model = SavedModel.parseFrom(Files.readAllBytes(pb));
    SavedObjectGraph.Builder graph = SavedObjectGraph.newBuilder();
    saved.forEach(graph::addNodes);
    MetaGraphDef.Builder meta = model.getMetaGraphs(0).toBuilder().setObjectGraphDef(graph);
    meta.getMetaInfoDefBuilder().setTensorflowVersion("2.8.0"); // as the Keras of the configs
    Files.write(pb, model.toBuilder().setMetaGraphs(0, meta).build().toByteArray());

    TrackableObjectGraph.Builder objects = TrackableObjectGraph.newBuilder();
    ckpt.forEach(objects::addNodes);
    writeCheckpoint(dir.resolve("variables").resolve("variables").toString(), keys, weights,
        objects.build().toByteArray());

    if (!inSavedModel) {
      List<String> paths = new ArrayList<>(List.of("root"));
      List<String> ids = new ArrayList<>(List.of("_tf_keras_network"));
      List<String> metadata = new ArrayList<>(List.of(rootMetadataJson));
      for (int i = 0; i < layers.size(); i++) {
        paths.add("root.layer-" + i);
        ids.add(layers.get(i).identifier());
        metadata.add(layers.get(i).metadataJson());
      }
      Files.write(dir.resolve("keras_metadata.pb"), savedMetadata(paths, ids, metadata));
    }
  }

  /**
   * The layers' weights as variables of a serving graph, each named by its Keras checkpoint key
   * ({@code layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE}) and set to its value, so that
   * TensorFlow Java's exporter saves them under the keys {@link #write} then describes.
   */
  static List<Operand<TFloat32>> servingVariables(Ops tf, Session s, List<LayerObject> layers) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    int index = 0;
    for (LayerObject l : layers) {
      if (l.weights().isEmpty()) {
        continue;
      }
      Ops layer = tf.withSubScope("layer_with_weights-" + index); // one scope per layer: a second is renamed
      for (Weight w : l.weights()) {
        String[] key = checkpointKey(index, w.attribute()).split("/");
        org.tensorflow.op.core.Variable<TFloat32> var = layer.withSubScope(key[1]).withSubScope(key[2])
            .withName(key[3]).variable(org.tensorflow.ndarray.Shape.of(w.shape()), TFloat32.class);
        try (TFloat32 value = Tensors.floats(w.shape(), w.values())) {
          s.runner().addTarget(tf.assign(var, tf.constantOf(value))).run();
        }
        out.add(var);
      }
      index++;
    }
    return out;
  }

  private static SavedObject.Builder userObject(String identifier, String metadata) {
    return SavedObject.newBuilder().setUserObject(SavedUserObject.newBuilder().setIdentifier(identifier)
        .setVersion(VersionDef.newBuilder().setProducer(1).setMinConsumer(1)).setMetadata(metadata));
  }

  private static void child(SavedObject.Builder s, TrackableObject.Builder t, String name, int node) {
    TrackableObject.ObjectReference ref = TrackableObject.ObjectReference.newBuilder()
        .setLocalName(name).setNodeId(node).build();
    s.addChildren(ref);
    t.addChildren(ref);
  }

  /** Writes the checkpoint with TensorFlow's own SaveV2: the weights and the object graph. */
  static void writeCheckpoint(String prefix, List<String> keys, List<Weight> weights, byte[] objectGraph) {
    try (Graph g = new Graph(); Session s = TensorFlowRuntime.session(g);
        TString graphBytes = TString.tensorOfBytes(NdArrays.scalarOfObject(objectGraph))) {
      Ops tf = Ops.create(g);
      List<String> names = new ArrayList<>(keys);
      names.add(Checkpoint.OBJECT_GRAPH_KEY);
      List<Operand<?>> tensors = new ArrayList<>();
      List<TFloat32> values = new ArrayList<>();
      try {
        for (Weight w : weights) {
          TFloat32 t = Tensors.floats(w.shape(), w.values());
          values.add(t);
          tensors.add(tf.constantOf(t));
        }
        Placeholder<TString> graph = tf.placeholder(TString.class);
        tensors.add(graph);
        var save = tf.train.save(tf.constant(prefix), tf.constant(NdArrays.vectorOfObjects(names.toArray(new String[0]))),
            tf.constant(NdArrays.vectorOfObjects(names.stream().map(n -> "").toArray(String[]::new))),
            tensors);
        s.runner().feed(graph, graphBytes).addTarget(save).run();
      } finally {
        values.forEach(TFloat32::close);
      }
    }
  }

  /** keras/protobuf/saved_metadata.proto: SavedMetadata { repeated SavedObject nodes = 1; }. */
  private static byte[] savedMetadata(List<String> paths, List<String> identifiers, List<String> metadata)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream top = CodedOutputStream.newInstance(out);
    for (int i = 0; i < paths.size(); i++) {
      ByteArrayOutputStream node = new ByteArrayOutputStream();
      CodedOutputStream n = CodedOutputStream.newInstance(node);
      n.writeInt32(2, i); // node_id: the object graph's numbering (root 0, layer i at i + 1)
      n.writeString(3, paths.get(i));
      n.writeString(4, identifiers.get(i));
      n.writeString(5, metadata.get(i));
      n.flush();
      top.writeByteArray(1, node.toByteArray());
    }
    top.flush();
    return out.toByteArray();
  }
}
