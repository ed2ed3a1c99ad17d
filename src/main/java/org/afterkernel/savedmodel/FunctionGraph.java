package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.afterkernel.savedmodel.LiftedValue.Images;
import org.afterkernel.savedmodel.LiftedValue.Op;
import org.afterkernel.savedmodel.LiftedValue.Variable;

/**
 * The serving signature of a TF2 SavedModel as one graph of values, the function calls inlined:
 * from the signature's output back to its input, through the {@code StatefulPartitionedCall} of
 * the graph into the signature wrapper's {@code FunctionDef} and the model's own. Captured
 * variables are told apart by the object-graph node the concrete function binds to them; {@code
 * ReadVariableOp}, {@code Identity} and same-type {@code Cast} pass values through. What remains
 * are ops on the input, on variables and on constants, for {@link FunctionDefLifter} to recognise.
 * Graphs deeper, larger or more nested than a Keras model's are refused in one line.
 */
final class FunctionGraph {
  /** Most ops evaluated, call levels inlined, and ops on one path from output to input. */
  static final int MAX_OPS = 100_000;
  static final int MAX_CALL_DEPTH = 32;
  static final int MAX_PATH = 1_500;

  private final SavedModelFiles files;
  private final Map<String, NodeDef> graphNodes = new HashMap<>();
  private final Map<String, FunctionDef> functions = new HashMap<>();
  private final String inputNode;
  private int evaluated;

  private FunctionGraph(SavedModelFiles files, String inputNode) {
    this.files = files;
    this.inputNode = inputNode;
    var g = files.metaGraph().getGraphDef();
    g.getNodeList().forEach(n -> graphNodes.putIfAbsent(n.getName(), n));
    g.getLibrary().getFunctionList().forEach(f -> functions.putIfAbsent(f.getSignature().getName(), f));
  }

  /** The serving signature's single input: its key and tensor. */
  static Map.Entry<String, TensorInfo> input(SavedModelFiles files) {
    SignatureDef sig = files.servingSignature();
    if (sig.getInputsCount() != 1) {
      throw new AkException(files.dir() + ": the serving signature has " + sig.getInputsCount() + " inputs "
          + sig.getInputsMap().keySet() + "; only models with one input can be lifted");
    }
    return sig.getInputsMap().entrySet().iterator().next();
  }

  /**
   * The value of the serving signature's output (the only one, or {@code logit}), as the lifted
   * graph of {@code files}.
   */
  static LiftedValue output(SavedModelFiles files) {
    SignatureDef sig = files.servingSignature();
    TensorInfo in = input(files).getValue();
    TensorInfo out;
    if (sig.getOutputsCount() == 1) {
      out = sig.getOutputsMap().values().iterator().next();
    } else if (sig.getOutputsMap().containsKey("logit")) {
      out = sig.getOutputsMap().get("logit");
    } else {
      throw new AkException(files.dir() + ": the serving signature has outputs " + sig.getOutputsMap().keySet()
          + "; only models with one output can be lifted");
    }
    if (in.getDtype() != DataType.DT_FLOAT || out.getDtype() != DataType.DT_FLOAT) {
      throw new AkException(files.dir() + ": the serving signature takes " + in.getDtype() + " and gives "
          + out.getDtype() + "; only float32 models can be lifted");
    }
    FunctionGraph g = new FunctionGraph(files, tensorNode(in.getName()));
    Scope main = g.new Scope("", null, Map.of(), 0);
    try {
      return main.ref(out.getName(), 0);
    } catch (StackOverflowError e) {
      throw new AkException(files.dir() + ": the serving function is too deep to lift");
    }
  }

  private static String tensorNode(String tensor) {
    int colon = tensor.indexOf(':');
    return colon < 0 ? tensor : tensor.substring(0, colon);
  }

  private AkException refuse(String what) {
    return new AkException(files.dir() + "/saved_model.pb: " + what);
  }

  /** The nodes of one function call (or of the graph itself, function ""), with its arguments bound. */
  private final class Scope {
    final String function;
    final Map<String, NodeDef> nodes;
    final Map<String, LiftedValue> args;
    final int callDepth;
    final Map<String, LiftedValue> memo = new HashMap<>();
    final Map<String, Scope> calls = new HashMap<>();
    final Set<String> active = new HashSet<>();

    Scope(String function, FunctionDef def, Map<String, LiftedValue> args, int callDepth) {
      this.function = function;
      this.args = args;
      this.callDepth = callDepth;
      if (def == null) {
        this.nodes = graphNodes;
      } else {
        this.nodes = new HashMap<>();
        def.getNodeDefList().forEach(n -> nodes.putIfAbsent(n.getName(), n));
      }
    }

    private String place() {
      return function.isEmpty() ? "the graph" : "function " + AkException.quote(function, 120);
    }

    /**
     * The value a tensor reference names: {@code node:index} in the graph, {@code arg} or {@code
     * node:output_arg:index} in a function.
     */
    LiftedValue ref(String ref, int depth) {
      if (depth > MAX_PATH) {
        throw refuse("the serving function has more than " + MAX_PATH + " ops on one path; too deep to lift");
      }
      String[] parts = ref.split(":", -1);
      if (parts.length == 1 && args.containsKey(ref)) {
        return args.get(ref);
      }
      String name = parts[0];
      String arg = parts.length == 3 ? parts[1] : null;
      int index;
      try {
        index = parts.length == 1 ? 0 : Integer.parseInt(parts[parts.length - 1]);
      } catch (NumberFormatException e) {
        throw refuse("tensor '" + AkException.quote(ref, 120) + "' in " + place() + " is not node:index");
      }
      NodeDef n = nodes.get(name);
      if (n == null || parts.length > 3 || index < 0) {
        throw refuse("tensor '" + AkException.quote(ref, 120) + "' in " + place() + " names no node of it");
      }
      String op = n.getOp();
      if (op.equals("PartitionedCall") || op.equals("StatefulPartitionedCall")) {
        return call(n, depth).result(index, depth);
      }
      if (op.equals("IdentityN")) {
        return data(n, index, depth);
      }
      boolean batchNorm = op.startsWith("FusedBatchNorm");
      if (index != 0 || batchNorm && arg != null && !arg.equals("y")) {
        throw refuse("output '" + AkException.quote(ref, 120) + "' of " + new Op(n, List.of(), function).where()
            + " is used; only the first output of an op can be lifted");
      }
      return node(n, depth);
    }

    private LiftedValue node(NodeDef n, int depth) {
      LiftedValue done = memo.get(n.getName());
      if (done != null) {
        return done;
      }
      if (!active.add(n.getName())) {
        throw refuse("node '" + AkException.quote(n.getName(), 120) + "' in " + place() + " depends on itself");
      }
      if (++evaluated > MAX_OPS) {
        throw refuse("the serving function has more than " + MAX_OPS + " ops; too large to lift");
      }
      LiftedValue v = evaluate(n, depth);
      active.remove(n.getName());
      memo.put(n.getName(), v);
      return v;
    }

    private LiftedValue evaluate(NodeDef n, int depth) {
      Op here = new Op(n, List.of(), function);
      switch (n.getOp()) {
        case "Placeholder" -> {
          if (function.isEmpty() && n.getName().equals(inputNode)) {
            return new Images();
          }
          throw refuse(here.where() + " is not the serving signature's input");
        }
        case "Identity", "Snapshot" -> {
          return data(n, 0, depth);
        }
        case "ReadVariableOp" -> {
          LiftedValue v = data(n, 0, depth);
          if (!(v instanceof Variable)) {
            throw refuse(here.where() + " reads something other than a captured variable");
          }
          return v;
        }
        case "Cast" -> {
          AttrValue src = n.getAttrMap().get("SrcT");
          AttrValue dst = n.getAttrMap().get("DstT");
          if (src != null && dst != null && src.getType() == dst.getType() && src.getType() == DataType.DT_FLOAT) {
            return data(n, 0, depth);
          }
        }
        case "VarHandleOp", "VariableV2", "Variable" ->
            throw refuse(here.where() + " is a variable that the serving function does not capture by object;"
                + " only TF2 SavedModels (tf.saved_model.save, Keras model.export) can be lifted");
        default -> { }
      }
      List<LiftedValue> inputs = new ArrayList<>();
      for (int i = 0; i < dataInputCount(n); i++) {
        inputs.add(data(n, i, depth));
      }
      return new Op(n, inputs, function);
    }

    /** The value of data input {@code i} of {@code n}. */
    private LiftedValue data(NodeDef n, int i, int depth) {
      int count = dataInputCount(n);
      if (i >= count) {
        throw refuse(new Op(n, List.of(), function).where() + " has " + count + " data inputs, input " + i
            + " is used");
      }
      return ref(n.getInput(i), depth + 1);
    }

    private Scope call(NodeDef n, int depth) {
      Scope s = calls.get(n.getName());
      if (s != null) {
        return s;
      }
      Op here = new Op(n, List.of(), function);
      AttrValue f = n.getAttrMap().get("f");
      FunctionDef def = f == null ? null : functions.get(f.getFunc().getName());
      if (def == null) {
        throw refuse(here.where() + " calls a function the graph does not define");
      }
      if (callDepth >= MAX_CALL_DEPTH) {
        throw refuse(here.where() + " is nested " + MAX_CALL_DEPTH + " calls deep; too deep to lift");
      }
      String callee = def.getSignature().getName();
      int params = def.getSignature().getInputArgCount();
      if (dataInputCount(n) != params) {
        throw refuse(here.where() + " passes " + dataInputCount(n) + " arguments to " + AkException.quote(callee, 120)
            + ", which takes " + params);
      }
      List<Integer> bound = function.isEmpty() ? boundInputs(callee) : List.of();
      Map<String, LiftedValue> args = new HashMap<>();
      for (int i = 0; i < params; i++) {
        int captured = i - (params - bound.size());
        LiftedValue v = captured >= 0 ? variable(bound.get(captured), callee) : data(n, i, depth);
        args.put(def.getSignature().getInputArg(i).getName(), v);
      }
      s = new Scope(callee, def, args, callDepth + 1);
      calls.put(n.getName(), s);
      return s;
    }

    /** Output {@code index} of this function, as its {@code ret} map names it. */
    LiftedValue result(int index, int depth) {
      FunctionDef def = functions.get(function);
      if (index < 0 || index >= def.getSignature().getOutputArgCount()) {
        throw refuse("output " + index + " of function " + AkException.quote(function, 120) + " is used; it has "
            + def.getSignature().getOutputArgCount());
      }
      String ret = def.getRetMap().get(def.getSignature().getOutputArg(index).getName());
      if (ret == null) {
        throw refuse("function " + AkException.quote(function, 120) + " does not say what its output " + index + " is");
      }
      return ref(ret, depth + 1);
    }
  }

  private static int dataInputCount(NodeDef n) {
    int count = 0;
    while (count < n.getInputCount() && !n.getInput(count).startsWith("^")) {
      count++;
    }
    return count;
  }

  /** The object-graph nodes a concrete function captures (its trailing arguments), in order. */
  private List<Integer> boundInputs(String function) {
    SavedConcreteFunction cf = files.metaGraph().getObjectGraphDef().getConcreteFunctionsMap().get(function);
    return cf == null ? List.of() : cf.getBoundInputsList();
  }

  private LiftedValue variable(int node, String function) {
    var graph = files.metaGraph().getObjectGraphDef();
    if (node < 0 || node >= graph.getNodesCount() || !graph.getNodes(node).hasVariable()) {
      throw refuse("function " + AkException.quote(function, 120) + " captures object graph node " + node
          + ", which is not a variable");
    }
    return new Variable(node);
  }
}
