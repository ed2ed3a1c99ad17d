package org.afterkernel.savedmodel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.Fuzzing;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.ExportFormatWriter.Var;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.OpDef;

/**
 * Fuzzes the lifter of SavedModels without Keras configs ({@link FunctionDefLifter} with {@link
 * FunctionGraph}) as far as the network it describes (layers built and shapes checked, no
 * TensorFlow graph): every input lifts or is refused with a one-line {@link AkException} ({@link
 * Fuzzing#check}). Two targets: a whole {@code saved_model.pb} (its signatures, graph, functions
 * and object graph), and the model function alone ({@code FunctionDef}), put into a SavedModel laid
 * out as Keras 3's export with a captured variable per resource argument, so that mutations reach
 * the op patterns rather than the protocol buffer's framing.
 */
class LiftFuzzTest {
  /** Protocol buffers and the lifted description are a few dozen times their bytes. */
  private static final double PER_BYTE = 100;

  @FuzzTest(maxDuration = "3m")
  void liftSavedModelPb(byte[] data) throws Exception {
    Path dir = Fuzzing.emptyDir("lift");
    Files.write(dir.resolve("saved_model.pb"), data);
    Files.createDirectories(dir.resolve("variables"));
    Files.write(dir.resolve("variables").resolve("variables.index"), new byte[0]);
    Files.write(dir.resolve("variables").resolve("variables.data-00000-of-00001"), new byte[0]);
    Fuzzing.check(data.length, PER_BYTE, () -> liftAndBuild(dir));
  }

  @FuzzTest(maxDuration = "3m")
  void liftFunctionDef(byte[] data) throws Exception {
    FunctionDef f;
    try {
      f = FunctionDef.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      return; // not a FunctionDef: nothing for the lifter to read
    }
    if (f.getSignature().getInputArgCount() == 0 || f.getSignature().getInputArgCount() > 512) {
      return;
    }
    List<Var> vars = new ArrayList<>();
    for (OpDef.ArgDef a : f.getSignature().getInputArgList()) {
      if (a.getType() == DataType.DT_RESOURCE) {
        vars.add(new Var("layer_" + vars.size() + "/w", clamp(a.getHandleDataCount() > 0
            ? a.getHandleData(0).getShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray()
            : new long[] {1}, false), new float[0], true));
      }
    }
    AttrValue shapes = f.getAttrMap().get("_input_shapes");
    long[] input = shapes != null && shapes.getList().getShapeCount() > 0
        ? shapes.getList().getShape(0).getDimList().stream().mapToLong(d -> d.getSize()).toArray()
        : new long[] {-1, 8, 8, 1};
    Path dir = Fuzzing.emptyDir("liftfn");
    ExportFormatWriter.write(dir, f, clamp(input, true), vars, false);
    Fuzzing.check(data.length, PER_BYTE, () -> liftAndBuild(dir));
  }

  /** A shape TensorFlow Java accepts for a placeholder or variable: sizes 1-64, rank at most 4. */
  private static long[] clamp(long[] shape, boolean batch) {
    int rank = Math.min(Math.max(shape.length, batch ? 2 : 1), 4);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = batch && i == 0 ? -1 : i < shape.length ? Math.min(Math.max(shape[i], 1), 64) : 1;
    }
    return out;
  }

  /** What an import does before TensorFlow builds anything: lift, then the layers and their shapes. */
  static void liftAndBuild(Path dir) {
    SavedModelFiles files = SavedModelFiles.open(dir);
    FunctionDefLifter.Lifted l = FunctionDefLifter.lift(files);
    long[] model = FunctionGraph.input(files).getValue().getTensorShape().getDimList().stream().skip(1)
        .mapToLong(d -> d.getSize()).toArray();
    long[] images = KerasImporter.imageShape(model, null, dir);
    var objects = files.metaGraph().getObjectGraphDef();
    new KerasNetworkBuilder(l.config(), "saved_model.pb", (layer, weight) -> {
      Integer node = l.weights().getOrDefault(layer, Map.of()).get(weight);
      if (node == null) {
        throw new AkException("no variable '" + weight + "' of lifted layer '" + layer + "'");
      }
      long size = 1;
      for (var d : objects.getNodes(node).getVariable().getShape().getDimList()) {
        size *= Math.max(0, Math.min(d.getSize(), 1 << 16));
        if (size > 1 << 16) {
          throw new AkException("variable of layer '" + layer + "' too large for this test");
        }
      }
      return new float[(int) size];
    }).build(model, images, ImportOptions.defaults().withMultiOutputDefault(OutputHead.index(0)));
  }
}
