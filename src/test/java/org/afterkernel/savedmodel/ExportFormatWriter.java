package org.afterkernel.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.savedmodel.KerasFormatWriter.Weight;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedBareConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedUserObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.proto.VersionDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Writes, without Python, a SavedModel laid out as Keras 3's {@code model.export()} writes one: no
 * Keras metadata; a {@code serving_default} signature whose output is a {@code
 * StatefulPartitionedCall} of a signature wrapper function, which calls the model's function; the
 * variables captured by object-graph node (the concrete functions' {@code bound_inputs}), listed
 * under the root's {@code variables} and {@code trainable_variables}; an object-based checkpoint
 * (keys {@code variables/i/.ATTRIBUTES/VARIABLE_VALUE} and the object graph). The model function's
 * ops are whatever the test builds with TensorFlow Java on the input and the variables' values
 * ({@code ReadVariableOp} of resource arguments), turned into a {@code FunctionDef}. TensorFlow
 * loads and runs the result, so its serving signature is an independent ground truth.
 */
public final class ExportFormatWriter {
  private ExportFormatWriter() {}

  /** A variable of the model: its TensorFlow name ({@code sequential/dense/kernel}), values, trainability. */
  public record Var(String name, long[] shape, float[] values, boolean trainable) {}

  /** The model's forward pass on the input and the variables' values, built in a graph. */
  public interface Body {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> vars);
  }

  private static final String MODEL_FN = "__inference___call___101";
  private static final String WRAPPER_FN = "__inference_signature_wrapper___call___102";
  private static final Map<String, OpDef> OPS = new HashMap<>();

  /** Writes the model taking batches of {@code inputShape} (batch first, -1) to {@code dir}. */
  public static void write(Path dir, long[] inputShape, List<Var> vars, Body body) throws IOException {
    write(dir, modelFunction(inputShape, vars, body), inputShape, vars, true);
  }

  /**
   * Writes a SavedModel whose serving function calls {@code model} (renamed to the model
   * function's name), which takes the input and one resource per variable of {@code vars}; with
   * {@code checkpoint} false the checkpoint files are left empty (enough for the lifter, which
   * reads no values).
   */
  static void write(Path dir, FunctionDef model, long[] inputShape, List<Var> vars, boolean checkpoint)
      throws IOException {
    model = model.toBuilder().setSignature(model.getSignature().toBuilder().setName(MODEL_FN)).build();
    FunctionDef wrapper = wrapper(model, vars.size());
    int listAll = 1;
    int listTrainable = 2;
    int signatures = 3;
    int wrapperNode = 4;
    int firstVar = 5;
    List<Integer> bound = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      bound.add(firstVar + i);
    }
    GraphDef.Builder graph = mainGraph(inputShape, vars).toBuilder();
    List<String> args = new ArrayList<>(List.of("serving_default_keras_tensor"));
    for (int i = 0; i < vars.size(); i++) {
      args.add("var_" + i);
    }
    graph.addNode(call("StatefulPartitionedCall", WRAPPER_FN, args, vars.size()));
    graph.getLibraryBuilder().addFunction(model).addFunction(wrapper);

    SavedObjectGraph.Builder objects = SavedObjectGraph.newBuilder();
    TrackableObjectGraph.Builder ckpt = TrackableObjectGraph.newBuilder();
    SavedObject.Builder root = userObject("_generic_user_object");
    TrackableObject.Builder rootCkpt = TrackableObject.newBuilder();
    child(root, rootCkpt, "variables", listAll);
    child(root, rootCkpt, "trainable_variables", listTrainable);
    child(root, rootCkpt, "signatures", signatures);
    SavedObject.Builder all = userObject("trackable_list_wrapper");
    SavedObject.Builder trainable = userObject("trackable_list_wrapper");
    TrackableObject.Builder allCkpt = TrackableObject.newBuilder();
    TrackableObject.Builder trainableCkpt = TrackableObject.newBuilder();
    for (int i = 0, t = 0; i < vars.size(); i++) {
      child(all, allCkpt, Integer.toString(i), firstVar + i);
      if (vars.get(i).trainable()) {
        child(trainable, trainableCkpt, Integer.toString(t++), firstVar + i);
      }
    }
    SavedObject.Builder sigs = userObject("signature_map");
    TrackableObject.Builder sigsCkpt = TrackableObject.newBuilder();
    child(sigs, sigsCkpt, "serving_default", wrapperNode);
    for (var b : List.of(root, all, trainable, sigs)) {
      objects.addNodes(b);
    }
    for (var b : List.of(rootCkpt, allCkpt, trainableCkpt, sigsCkpt)) {
      ckpt.addNodes(b);
    }
    objects.addNodes(SavedObject.newBuilder().setBareConcreteFunction(
        SavedBareConcreteFunction.newBuilder().setConcreteFunctionName(WRAPPER_FN)));
    ckpt.addNodes(TrackableObject.newBuilder());
    List<String> keys = new ArrayList<>();
    List<Weight> weights = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Var v = vars.get(i);
      String key = "variables/" + i + "/.ATTRIBUTES/VARIABLE_VALUE";
      objects.addNodes(SavedObject.newBuilder().setVariable(SavedVariable.newBuilder().setDtype(DataType.DT_FLOAT)
          .setShape(shape(v.shape())).setTrainable(v.trainable()).setName(v.name())));
      ckpt.addNodes(TrackableObject.newBuilder().addAttributes(TrackableObject.SerializedTensor.newBuilder()
          .setName("VARIABLE_VALUE").setFullName(v.name()).setCheckpointKey(key)));
      keys.add(key);
      weights.add(new Weight("VARIABLE_VALUE", v.name(), v.shape(), v.values()));
    }
    for (String f : List.of(MODEL_FN, WRAPPER_FN)) {
      objects.putConcreteFunctions(f, SavedConcreteFunction.newBuilder().addAllBoundInputs(bound).build());
    }
    TensorInfo in = TensorInfo.newBuilder().setName("serving_default_keras_tensor:0").setDtype(DataType.DT_FLOAT)
        .setTensorShape(shape(inputShape)).build();
    TensorInfo out = TensorInfo.newBuilder().setName("StatefulPartitionedCall:0").setDtype(DataType.DT_FLOAT)
        .setTensorShape(TensorShapeProto.newBuilder().setUnknownRank(true)).build();
    MetaGraphDef.Builder mg = MetaGraphDef.newBuilder().setGraphDef(graph)
        .setSaverDef(SaverDef.newBuilder().setFilenameTensorName("saver_filename:0").setRestoreOpName("restore_all")
            .setVersion(SaverDef.CheckpointFormatVersion.V2))
        .putSignatureDef("serving_default", SignatureDef.newBuilder().putInputs("keras_tensor", in)
            .putOutputs("output_0", out).setMethodName("tensorflow/serving/predict").build())
        .setObjectGraphDef(objects);
    mg.getMetaInfoDefBuilder().addTags("serve").setTensorflowVersion("2.19.0");
    Files.createDirectories(dir.resolve("variables"));
    Files.write(dir.resolve("saved_model.pb"),
        SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(mg).build().toByteArray());
    if (!checkpoint) {
      Files.write(dir.resolve("variables").resolve("variables.index"), new byte[0]);
      Files.write(dir.resolve("variables").resolve("variables.data-00000-of-00001"), new byte[0]);
      return;
    }
    KerasFormatWriter.writeCheckpoint(dir.resolve("variables").resolve("variables").toString(), keys, weights,
        ckpt.build().toByteArray());
  }

  /** The model function: the body's graph with the input and the variables' handles as arguments. */
  static FunctionDef modelFunction(long[] inputShape, List<Var> vars, Body body) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("keras_tensor").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(inputShape)));
      List<Operand<TFloat32>> reads = new ArrayList<>();
      List<String> args = new ArrayList<>(List.of("keras_tensor"));
      for (int i = 0; i < vars.size(); i++) {
        String arg = "var_" + i + "_resource";
        @SuppressWarnings("unchecked")
        Operand<TType> h = (Operand<TType>) tf.scope().opBuilder("Placeholder", arg)
            .setAttr("dtype", DataType.DT_RESOURCE).build().output(0);
        reads.add(tf.withSubScope("var_" + i).withName("ReadVariableOp").readVariableOp(h, TFloat32.class));
        args.add(arg);
      }
      Operand<TFloat32> y = body.apply(tf, x, reads);
      Operand<TFloat32> out = tf.withName("Identity").identity(y);
      FunctionDef.Builder f = FunctionDef.newBuilder();
      OpDef.Builder sig = f.getSignatureBuilder().setName(MODEL_FN).setIsStateful(true);
      for (String a : args) {
        sig.addInputArgBuilder().setName(a).setType(a.equals("keras_tensor") ? DataType.DT_FLOAT : DataType.DT_RESOURCE);
      }
      sig.addOutputArgBuilder().setName("identity").setType(DataType.DT_FLOAT);
      Map<String, NodeDef> nodes = new HashMap<>();
      g.toGraphDef().getNodeList().forEach(n -> nodes.put(n.getName(), n));
      for (NodeDef n : g.toGraphDef().getNodeList()) {
        if (args.contains(n.getName())) {
          continue;
        }
        NodeDef.Builder b = n.toBuilder().clearInput().clearDevice();
        for (String in : n.getInputList()) {
          b.addInput(functionRef(in, nodes, args));
        }
        f.addNodeDef(b);
      }
      f.putRet("identity", functionRef(out.op().name(), nodes, args));
      return f.build();
    }
  }

  /** A graph reference {@code node[:k]} as a function body writes it: {@code arg} or {@code node:out_arg:i}. */
  private static String functionRef(String ref, Map<String, NodeDef> nodes, List<String> args) {
    if (ref.startsWith("^")) {
      return ref;
    }
    String[] p = ref.split(":");
    if (args.contains(p[0])) {
      return p[0];
    }
    NodeDef n = nodes.get(p[0]);
    int k = p.length > 1 ? Integer.parseInt(p[1]) : 0;
    for (OpDef.ArgDef a : opDef(n.getOp()).getOutputArgList()) {
      long count = !a.getNumberAttr().isEmpty() ? n.getAttrOrThrow(a.getNumberAttr()).getI()
          : !a.getTypeListAttr().isEmpty() ? n.getAttrOrThrow(a.getTypeListAttr()).getList().getTypeCount() : 1;
      if (k < count) {
        return p[0] + ":" + a.getName() + ":" + k;
      }
      k -= count;
    }
    throw new IllegalStateException("no output " + ref);
  }

  private static synchronized OpDef opDef(String op) {
    if (OPS.isEmpty()) {
      try (Graph g = new Graph()) { // loads TensorFlow's native library
        var buf = org.tensorflow.internal.c_api.global.tensorflow.TF_GetAllOpList();
        org.tensorflow.proto.OpList.parseFrom(buf.dataAsByteBuffer()).getOpList().forEach(d -> OPS.put(d.getName(), d));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    }
    return OPS.get(op);
  }

  /** The signature wrapper: calls the model function with all its arguments and returns its output. */
  private static FunctionDef wrapper(FunctionDef model, int vars) {
    FunctionDef.Builder f = FunctionDef.newBuilder();
    f.getSignatureBuilder().setName(WRAPPER_FN).setIsStateful(true).addAllInputArg(model.getSignature().getInputArgList())
        .addOutputArgBuilder().setName("identity").setType(DataType.DT_FLOAT);
    List<String> args = model.getSignature().getInputArgList().stream().map(OpDef.ArgDef::getName).toList();
    f.addNodeDef(call("StatefulPartitionedCall", MODEL_FN, args, vars));
    f.addNodeDef(NodeDef.newBuilder().setName("Identity").setOp("Identity").addInput("StatefulPartitionedCall:output:0")
        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build()));
    f.putRet("identity", "Identity:output:0");
    return f.build();
  }

  private static NodeDef call(String name, String function, List<String> inputs, int vars) {
    AttrValue.ListValue.Builder tin = AttrValue.ListValue.newBuilder().addType(DataType.DT_FLOAT);
    for (int i = 0; i < vars; i++) {
      tin.addType(DataType.DT_RESOURCE);
    }
    return NodeDef.newBuilder().setName(name).setOp("StatefulPartitionedCall").addAllInput(inputs)
        .putAttr("Tin", AttrValue.newBuilder().setList(tin).build())
        .putAttr("Tout", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addType(DataType.DT_FLOAT)).build())
        .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(function)).build())
        .build();
  }

  /** The graph: the signature's placeholder, the variables' handles, and their restore op. */
  private static GraphDef mainGraph(long[] inputShape, List<Var> vars) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      tf.withName("serving_default_keras_tensor").placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
      Placeholder<TString> file = tf.withName("saver_filename").placeholder(TString.class);
      String[] names = new String[vars.size()];
      List<Class<? extends TType>> types = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        names[i] = "variables/" + i + "/.ATTRIBUTES/VARIABLE_VALUE";
        types.add(TFloat32.class);
      }
      var restore = tf.train.restore(file, tf.constant(NdArrays.vectorOfObjects(names)),
          tf.constant(NdArrays.vectorOfObjects(java.util.Arrays.stream(names).map(n -> "").toArray(String[]::new))),
          types);
      List<org.tensorflow.op.Op> assigns = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        var h = tf.withName("var_" + i).varHandleOp(TFloat32.class, Shape.of(vars.get(i).shape()),
            org.tensorflow.op.core.VarHandleOp.sharedName("var_" + i));
        @SuppressWarnings("unchecked")
        Operand<TFloat32> value = (Operand<TFloat32>) restore.tensors().get(i);
        assigns.add(tf.assignVariableOp(h, value));
      }
      tf.withName("restore_all").withControlDependencies(assigns).noOp();
      return g.toGraphDef();
    }
  }

  private static TensorShapeProto shape(long[] dims) {
    TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
    for (long d : dims) {
      b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return b.build();
  }

  private static SavedObject.Builder userObject(String identifier) {
    return SavedObject.newBuilder().setUserObject(SavedUserObject.newBuilder().setIdentifier(identifier)
        .setVersion(VersionDef.newBuilder().setProducer(1).setMinConsumer(1)));
  }

  private static void child(SavedObject.Builder s, TrackableObject.Builder t, String name, int node) {
    TrackableObject.ObjectReference ref = TrackableObject.ObjectReference.newBuilder()
        .setLocalName(name).setNodeId(node).build();
    s.addChildren(ref);
    t.addChildren(ref);
  }
}
