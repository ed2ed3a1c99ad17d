package org.afterkernel.savedmodel;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.nn.Weights;
import org.afterkernel.tf.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.types.TFloat64;

/**
 * A double-precision copy of the forward graph of a model's logit: the part of the graph the
 * logit depends on, with every float32 type and constant turned into float64 and every variable
 * into a placeholder fed with the parameter values. Finite differences of the logit taken in
 * float64 can use steps small enough to miss the kinks of ReLU and max pooling, which float32
 * rounding does not allow. Owns a graph and a session: close it.
 */
final class Float64Replica implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final String input;
  private final String logits;
  private final List<Parameter> parameters;

  Float64Replica(Model model) {
    this.parameters = model.parameters();
    this.input = model.input().op().name();
    this.logits = model.logitsOp().op().name();
    Set<String> variables = new HashSet<>();
    parameters.forEach(p -> variables.add(p.variable().op().name()));
    GraphDef original = model.graph().toGraphDef();
    Map<String, NodeDef> byName = new HashMap<>();
    original.getNodeList().forEach(n -> byName.put(n.getName(), n));
    GraphDef.Builder out = GraphDef.newBuilder().setVersions(original.getVersions());
    if (original.hasLibrary()) {
      out.setLibrary(original.getLibrary());
    }
    for (String name : ancestors(byName, logits)) {
      NodeDef n = byName.get(name);
      out.addNode(variables.contains(name) ? placeholder(n) : toDouble(n));
    }
    this.graph = new Graph();
    try {
      graph.importGraphDef(out.build());
      this.session = TensorFlowRuntime.session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw new AkException("cannot build the float64 copy of the imported graph for finite differences ("
          + TfMessages.firstLine(e.getMessage()) + ")", e);
    }
  }

  /** The logits of {@code x} in float64 with the given weights. */
  double[] logits(Images x, Weights weights) {
    return logitsWith(x, weights, null, -1, 0);
  }

  /**
   * Like {@link #logits(Images, Weights)} with entry {@code j} of parameter {@code p} set to
   * {@code value} (no change when {@code p} is null).
   */
  double[] logitsWith(Images x, Weights weights, Parameter p, int j, double value) {
    List<TFloat64> fed = new java.util.ArrayList<>();
    try {
      Session.Runner r = session.runner();
      TFloat64 in = tensor(x.shape(), floatsToDoubles(x.pixels()));
      fed.add(in);
      r.feed(input, in);
      for (Parameter q : parameters) {
        double[] v = floatsToDoubles(weights.get(q.name()).asFloats());
        if (q == p) {
          v[j] = value;
        }
        TFloat64 t = tensor(q.shape(), v);
        fed.add(t);
        r.feed(q.variable().op().name(), t);
      }
      try (Result res = r.fetch(logits).run()) {
        TFloat64 t = (TFloat64) res.get(0);
        double[] out = new double[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    } finally {
      fed.forEach(TFloat64::close);
    }
  }

  private static TFloat64 tensor(long[] shape, double[] v) {
    return TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false));
  }

  private static double[] floatsToDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** The nodes {@code target} depends on (data and control inputs), target included. */
  private static Set<String> ancestors(Map<String, NodeDef> byName, String target) {
    Set<String> seen = new java.util.LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(target));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!seen.add(name)) {
        continue;
      }
      for (String in : byName.get(name).getInputList()) {
        String n = in.startsWith("^") ? in.substring(1) : in;
        int colon = n.indexOf(':');
        todo.push(colon < 0 ? n : n.substring(0, colon));
      }
    }
    return seen;
  }

  private static NodeDef placeholder(NodeDef variable) {
    return NodeDef.newBuilder().setName(variable.getName()).setOp("Placeholder")
        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_DOUBLE).build())
        .putAttr("shape", variable.getAttrOrThrow("shape"))
        .build();
  }

  private static NodeDef toDouble(NodeDef n) {
    NodeDef.Builder b = n.toBuilder();
    for (Map.Entry<String, AttrValue> a : n.getAttrMap().entrySet()) {
      AttrValue v = a.getValue();
      if (v.getType() == DataType.DT_FLOAT) {
        b.putAttr(a.getKey(), v.toBuilder().setType(DataType.DT_DOUBLE).build());
      } else if (v.hasList() && v.getList().getTypeList().contains(DataType.DT_FLOAT)) {
        AttrValue.ListValue.Builder l = v.getList().toBuilder().clearType();
        v.getList().getTypeList().forEach(t -> l.addType(t == DataType.DT_FLOAT ? DataType.DT_DOUBLE : t));
        b.putAttr(a.getKey(), v.toBuilder().setList(l).build());
      } else if (v.hasTensor() && v.getTensor().getDtype() == DataType.DT_FLOAT) {
        b.putAttr(a.getKey(), v.toBuilder().setTensor(toDouble(v.getTensor())).build());
      }
    }
    return b.build();
  }

  private static TensorProto toDouble(TensorProto t) {
    TensorProto.Builder b = t.toBuilder().setDtype(DataType.DT_DOUBLE).clearFloatVal().clearTensorContent();
    if (!t.getTensorContent().isEmpty()) {
      ByteBuffer in = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer out = ByteBuffer.allocate(in.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
      while (in.remaining() >= 4) {
        out.putDouble(in.getFloat());
      }
      out.flip();
      b.setTensorContent(ByteString.copyFrom(out));
    } else {
      t.getFloatValList().forEach(f -> b.addDoubleVal(f));
    }
    return b.build();
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
