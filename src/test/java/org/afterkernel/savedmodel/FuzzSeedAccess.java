package org.afterkernel.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.afterkernel.savedmodel.ExportFormatWriter.Var;
import org.tensorflow.Operand;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;

/** Seeds of the savedmodel fuzz tests that need package-private readers (used by {@code FuzzSeeds}). */
public final class FuzzSeedAccess {
  private FuzzSeedAccess() {}

  /** A checkpoint index's entries as {@code SavedModelFuzzTest#checkpointEntries} reads them. */
  public static byte[] entries(byte[] index) {
    return SavedModelFuzzTest.encode(TableFile.entries("seed", index));
  }

  /**
   * Seeds of {@link LiftFuzzTest}, by target: the genuine SavedModels' saved_model.pb cut down to
   * what the serving signature uses (its graph nodes and functions; the object graph whole), their
   * model functions alone, and a SavedModel written here with convolutions, batch normalization and
   * pooling as Keras writes them.
   */
  public static Map<String, byte[]> liftSeeds(Path models) throws IOException {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    for (String m : List.of("keras3_export_mnist_mlp_kalined", "keras_mnist_cnn_th368", "keras_cifar10_cnn_logits_lao")) {
      SavedModel sm = servingOnly(SavedModel.parseFrom(Files.readAllBytes(models.resolve(m).resolve("saved_model.pb"))));
      seeds.put("liftSavedModelPb/" + m + "-serving-saved_model.pb", sm.toByteArray());
      for (FunctionDef f : sm.getMetaGraphs(0).getGraphDef().getLibrary().getFunctionList()) {
        boolean model = f.getNodeDefList().stream().anyMatch(n -> n.getOp().equals("MatMul"));
        if (model) {
          seeds.put("liftFunctionDef/" + m + "-" + f.getSignature().getName(), f.toByteArray());
        }
      }
    }
    Random rnd = new Random(1);
    List<Var> vars = new java.util.ArrayList<>();
    for (long[] s : new long[][] {{3, 3, 1, 4}, {4}, {4}, {4}, {4}, {4}, {3, 3, 4, 2}, {1, 1, 8, 3}, {3}, {3, 2}, {2}}) {
      float[] v = new float[(int) java.util.Arrays.stream(s).reduce(1, Math::multiplyExact)];
      for (int i = 0; i < v.length; i++) {
        v[i] = 0.5f + rnd.nextFloat();
      }
      vars.add(new Var("m/layer_" + vars.size() + "/w", s, v, true));
    }
    FunctionDef f = ExportFormatWriter.modelFunction(new long[] {-1, 8, 8, 1}, vars, (tf, x, v) -> {
      Operand<TFloat32> c = tf.nn.biasAdd(tf.nn.conv2d(x, v.get(0), List.of(1L, 1L, 1L, 1L), "SAME"), v.get(1));
      c = tf.nn.relu(tf.nn.fusedBatchNorm(c, v.get(2), v.get(3), v.get(4), v.get(5), FusedBatchNorm.isTraining(false))
          .y());
      Operand<TFloat32> d = tf.nn.depthwiseConv2dNative(c, v.get(6), List.of(1L, 2L, 2L, 1L), "SAME");
      d = tf.nn.biasAdd(tf.nn.conv2d(d, v.get(7), List.of(1L, 1L, 1L, 1L), "VALID"), v.get(8));
      Operand<TFloat32> g = tf.math.mean(tf.nn.avgPool(d, List.of(1L, 2L, 2L, 1L), List.of(1L, 2L, 2L, 1L), "VALID"),
          tf.constant(new int[] {1, 2}));
      return tf.nn.softmax(tf.nn.biasAdd(tf.linalg.matMul(g, v.get(9)), v.get(10)));
    });
    seeds.put("liftFunctionDef/convnet-model-function", f.toByteArray());
    Path tmp = Files.createTempDirectory("ak-lift-seed-");
    ExportFormatWriter.write(tmp, f, new long[] {-1, 8, 8, 1}, vars, false);
    seeds.put("liftSavedModelPb/convnet-export-saved_model.pb", Files.readAllBytes(tmp.resolve("saved_model.pb")));
    return seeds;
  }

  /**
   * The SavedModel with only the serving signature, the graph nodes it uses and the functions they
   * call, their concrete functions' captures, and of the object graph's nodes only the variables.
   */
  private static SavedModel servingOnly(SavedModel sm) {
    MetaGraphDef mg = sm.getMetaGraphs(0);
    GraphDef g = mg.getGraphDef();
    Map<String, NodeDef> nodes = new LinkedHashMap<>();
    g.getNodeList().forEach(n -> nodes.put(n.getName(), n));
    Map<String, FunctionDef> functions = new LinkedHashMap<>();
    g.getLibrary().getFunctionList().forEach(f -> functions.put(f.getSignature().getName(), f));
    var sig = mg.getSignatureDefMap().get(SavedModelFiles.SERVING);
    Set<String> keep = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    sig.getOutputsMap().values().forEach(t -> todo.add(t.getName().split(":")[0]));
    Set<String> called = new HashSet<>();
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (!keep.add(n) || !nodes.containsKey(n)) {
        continue;
      }
      nodes.get(n).getInputList().forEach(i -> todo.add(i.replace("^", "").split(":")[0]));
      calls(nodes.get(n), functions, called);
    }
    GraphDef.Builder out = GraphDef.newBuilder().setVersions(g.getVersions());
    nodes.values().stream().filter(n -> keep.contains(n.getName())).forEach(out::addNode);
    functions.values().stream().filter(f -> called.contains(f.getSignature().getName()))
        .forEach(f -> out.getLibraryBuilder().addFunction(f));
    MetaGraphDef.Builder b = mg.toBuilder().setGraphDef(out).clearSignatureDef()
        .putSignatureDef(SavedModelFiles.SERVING, sig).clearSaverDef();
    b.getMetaInfoDefBuilder().clearStrippedOpList();
    var objects = b.getObjectGraphDefBuilder();
    for (int i = 0; i < objects.getNodesCount(); i++) { // node ids kept; only the variables' contents
      var kept = org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject.newBuilder();
      if (objects.getNodes(i).hasVariable()) {
        kept.setVariable(objects.getNodes(i).getVariable());
      }
      objects.setNodes(i, kept);
    }
    var concrete = new LinkedHashMap<>(objects.getConcreteFunctionsMap());
    concrete.keySet().retainAll(called);
    objects.clearConcreteFunctions().putAllConcreteFunctions(concrete);
    return SavedModel.newBuilder(sm).clearMetaGraphs().addMetaGraphs(b).build();
  }

  private static void calls(NodeDef n, Map<String, FunctionDef> functions, Set<String> called) {
    var f = n.getAttrMap().get("f");
    if (f != null && called.add(f.getFunc().getName()) && functions.containsKey(f.getFunc().getName())) {
      functions.get(f.getFunc().getName()).getNodeDefList().forEach(m -> calls(m, functions, called));
    }
  }
}
