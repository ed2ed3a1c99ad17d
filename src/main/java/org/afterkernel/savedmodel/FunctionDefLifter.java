package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;
import org.afterkernel.savedmodel.LiftedValue.Images;
import org.afterkernel.savedmodel.LiftedValue.Op;

/**
 * Rebuilds the Keras model description ({@link KerasModelConfig}: layer calls with Keras configs,
 * and which variable is which layer's weight) of a SavedModel that keeps no Keras layer configs
 * (Keras 3 {@code model.export()}, {@code tf.saved_model.save} of a Keras model) from the ops of
 * its serving function ({@link FunctionGraph}): MatMul becomes Dense, Conv2D Conv2D,
 * DepthwiseConv2dNative DepthwiseConv2D (and SeparableConv2D when a 1x1 Conv2D follows it), a
 * following BiasAdd their bias and a following activation op their activation; pooling, mean,
 * reshape, padding, concatenation, batch normalization (fused or as {@code
 * tf.nn.batch_normalization}'s ops), rescaling and normalization are recognised as Keras writes
 * them ({@link AffineOps}). Any other op is refused in one line naming it and its function. The
 * description goes to the same builder as configs read from Keras metadata: there is one importer.
 */
final class FunctionDefLifter {
  /** The ops this lifter knows, for messages. */
  static final String KNOWN = "MatMul, BatchMatMulV2/V3, BiasAdd, Conv2D, DepthwiseConv2dNative, MaxPool(V2), AvgPool,"
      + " Mean/Max over (1, 2), Reshape, Pad, ConcatV2, FusedBatchNorm(V3), tf.nn.batch_normalization's"
      + " Mul/Rsqrt/Sub/AddV2, Mul/AddV2/Sub/RealDiv by scalars (Rescaling), Sub/RealDiv/Maximum/Sqrt"
      + " (Normalization), AddV2/Mul/Sub of two branches, Relu, Relu6, LeakyRelu, Elu, Selu, Sigmoid, Tanh,"
      + " Softplus, Softsign, Softmax, Exp, x * Sigmoid(x)";

  private static final Map<String, String> ACTIVATIONS = Map.of("Relu", "relu", "Relu6", "relu6", "Elu", "elu",
      "Selu", "selu", "Sigmoid", "sigmoid", "Tanh", "tanh", "Softplus", "softplus", "Softsign", "softsign",
      "Softmax", "softmax", "Exp", "exponential");
  private static final Set<String> LINEAR = Set.of("Dense", "Conv2D", "DepthwiseConv2D", "SeparableConv2D");

  /**
   * A lifted model.
   *
   * @param config the Keras model description
   * @param weights per layer, its weights ({@code kernel}, {@code bias}, {@code moving_mean}, ...) as
   *     object-graph nodes of variables
   * @param function the function whose ops make the model's output
   */
  record Lifted(KerasModelConfig config, Map<String, Map<String, Integer>> weights, String function) {}

  private final SavedModelFiles files;
  private final String inputName;
  private final Map<Op, Integer> consumers = new IdentityHashMap<>();
  private final Map<LiftedValue, String> lifted = new HashMap<>();
  private final Map<LiftedValue, Boolean> onInput = new HashMap<>();
  private final List<KerasLayerCall> calls = new ArrayList<>();
  private final Map<String, ObjectNode> configs = new HashMap<>();
  private final Map<String, String> classes = new HashMap<>();
  private final Map<String, Map<String, Integer>> weights = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();

  private FunctionDefLifter(SavedModelFiles files, String inputName) {
    this.files = files;
    this.inputName = inputName;
    names.add(inputName);
  }

  /** True when the Keras metadata holds no model with layer configs (nothing to build from). */
  static boolean needed(KerasMetadata md) {
    return md.objects().stream().noneMatch(o -> o.nodeId() == 0 && o.metadata().has("config")
        && o.metadata().get("config").has("layers"));
  }

  /**
   * Lifts the serving function of {@code files}.
   *
   * @throws AkException naming the op (and its function) that cannot be lifted, or what else is
   *     wrong with the signature or graph
   */
  static Lifted lift(SavedModelFiles files) {
    String input = FunctionGraph.input(files).getKey().replaceAll("[^A-Za-z0-9_.-]", "_");
    LiftedValue out = FunctionGraph.output(files);
    FunctionDefLifter l = new FunctionDefLifter(files, input.isEmpty() ? "input" : input);
    if (!(out instanceof Op op)) {
      throw l.refuse("the serving signature's output is " + OpValues.describe(out) + ", not computed from its input");
    }
    l.countConsumers(op);
    String outputName = l.lift(op);
    KerasModelConfig cfg = new KerasModelConfig("Functional", SavedModelFiles.SERVING, l.inputName, null,
        l.calls, outputName);
    return new Lifted(cfg, l.weights, op.function);
  }

  AkException refuse(String what) {
    return new AkException(files.dir() + "/saved_model.pb: " + what);
  }

  private void countConsumers(Op out) {
    Set<Op> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Op> todo = new ArrayDeque<>(List.of(out));
    seen.add(out);
    while (!todo.isEmpty()) {
      for (LiftedValue in : todo.pop().inputs) {
        if (in instanceof Op o) {
          consumers.merge(o, 1, Integer::sum);
          if (seen.add(o)) {
            todo.push(o);
          }
        }
      }
    }
  }

  int consumers(LiftedValue v) {
    return v instanceof Op o ? consumers.getOrDefault(o, 0) : 0;
  }

  /** Whether {@code v} depends on the signature's input (an activation, not a weight or constant). */
  boolean onInput(LiftedValue v) {
    if (v instanceof Images) {
      return true;
    }
    if (!(v instanceof Op o)) {
      return false;
    }
    Boolean known = onInput.get(o);
    if (known == null) {
      known = o.inputs.stream().anyMatch(this::onInput);
      onInput.put(o, known);
    }
    return known;
  }

  /** The name of the layer whose output is {@code v}, lifting it and the layers before it. */
  String lift(LiftedValue v) {
    if (v instanceof Images) {
      return inputName;
    }
    if (!(v instanceof Op op) || !onInput(v)) {
      throw refuse(OpValues.describe(v) + " is used as activations but does not depend on the input");
    }
    String done = lifted.get(op);
    if (done != null) {
      return done;
    }
    String name;
    try {
      name = liftOp(op);
    } catch (IllegalArgumentException e) {
      throw refuse(op.where() + ": " + e.getMessage());
    }
    lifted.put(op, name);
    return name;
  }

  private String liftOp(Op op) {
    String type = op.type();
    if (ACTIVATIONS.containsKey(type)) {
      return activation(op, op.inputs.get(0), ACTIVATIONS.get(type), 1);
    }
    return switch (type) {
      case "MatMul", "BatchMatMulV2", "BatchMatMulV3" -> LayerOps.dense(this, op);
      case "Conv2D" -> LayerOps.conv2d(this, op);
      case "DepthwiseConv2dNative" -> LayerOps.depthwise(this, op, op, lift(op.inputs.get(0)));
      case "BiasAdd", "BiasAddV1" -> {
        OpValues.requireNhwc(op);
        yield bias(op, op.inputs.get(0), op.inputs.get(1));
      }
      case "LeakyRelu" -> emit(op, "LeakyReLU", config().put("alpha", OpValues.number(op, "alpha", 0.2f)),
          op.inputs.get(0));
      case "MaxPool", "MaxPoolV2", "AvgPool" -> LayerOps.pooling(this, op);
      case "Mean", "Max" -> LayerOps.globalPooling(this, op);
      case "Reshape" -> LayerOps.reshape(this, op);
      case "Pad", "PadV2" -> LayerOps.padding(this, op);
      case "ConcatV2" -> LayerOps.concat(this, op);
      case "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3" -> AffineOps.fusedBatchNorm(this, op);
      case "AddV2", "Add", "Sub", "Mul", "RealDiv", "Div" -> AffineOps.lift(this, op);
      default -> throw refuse(op.where() + " is not supported; the lifter knows " + KNOWN);
    };
  }

  static ObjectNode config() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Adds a layer call named after {@code op}'s scope; {@code inputs} are lifted first. */
  String emit(Op op, String cls, ObjectNode cfg, LiftedValue... inputs) {
    List<String> in = new ArrayList<>();
    for (LiftedValue v : inputs) {
      in.add(lift(v));
    }
    return emitOn(op, cls, cfg, in, Map.of());
  }

  /** Adds a layer call on layers already lifted, with weights (name to object-graph node). */
  String emitOn(Op op, String cls, ObjectNode cfg, List<String> inputs, Map<String, Integer> w) {
    String scoped = w.isEmpty() ? "" : variableName(w.values().iterator().next());
    String name = uniqueName(scoped.contains("/") ? scoped : op.name());
    cfg.put("name", name);
    calls.add(new KerasLayerCall(cls, name, cfg, inputs));
    configs.put(name, cfg);
    classes.put(name, cls);
    weights.put(name, new LinkedHashMap<>(w));
    return name;
  }

  /** The variable's TensorFlow name, {@code sequential/dense/kernel}: its layer's scope and its own name. */
  private String variableName(int node) {
    return files.metaGraph().getObjectGraphDef().getNodes(node).getVariable().getName();
  }

  /**
   * A layer name from a scoped name: {@code seq/dense_1/MatMul} (an op) or {@code seq/dense/kernel}
   * (a variable) names layer {@code dense_1} or {@code dense}; tf.nn.batch_normalization's scope
   * is skipped.
   */
  private String uniqueName(String opName) {
    String[] parts = opName.split("/");
    int i = Math.max(0, parts.length - 2);
    if (parts[i].equals("batchnorm") && i > 0) {
      i--;
    }
    String base = parts[i].replaceAll("[^A-Za-z0-9_.-]", "_");
    base = base.isEmpty() ? "layer" : base.length() > 60 ? base.substring(0, 60) : base;
    String name = base;
    for (int k = 1; !names.add(name); k++) {
      name = base + "_" + k;
    }
    return name;
  }

  /** The shape of the variable at object-graph node {@code node}. */
  long[] shape(int node) {
    return files.metaGraph().getObjectGraphDef().getNodes(node).getVariable().getShape().getDimList().stream()
        .mapToLong(d -> d.getSize()).toArray();
  }

  /** The variable a weight operand reads (see {@link OpValues#variable}), or an error naming the operand. */
  int weight(LiftedValue v, String what, int rank, boolean reshapes) {
    Integer node = OpValues.variable(v, reshapes);
    if (node == null) {
      throw new IllegalArgumentException("its " + what + " is " + OpValues.describe(v) + ", not a variable");
    }
    if (shape(node).length != rank) {
      throw new IllegalArgumentException("its " + what + " has shape " + java.util.Arrays.toString(shape(node))
          + ", expected " + rank + " dimensions");
    }
    return node;
  }

  /** A bias added to a Dense or convolution that has none yet and whose output goes nowhere else. */
  String bias(Op op, LiftedValue x, LiftedValue b) {
    int node = weight(b, "bias", 1, true);
    String layer = consumers(x) == 1 && x instanceof Op && onInput(x) ? lift(x) : null;
    ObjectNode c = layer == null ? null : configs.get(layer);
    if (c == null || !LINEAR.contains(classes.get(layer)) || c.get("use_bias").asBoolean()
        || !c.get("activation").asText().equals("linear")) {
      throw new IllegalArgumentException("a bias is added to " + OpValues.describe(x)
          + ", which is not the output of a Dense or convolution without bias; only a layer's own bias can be lifted");
    }
    c.put("use_bias", true);
    weights.get(layer).put("bias", node);
    return layer;
  }

  /**
   * An activation: folded into the Dense or convolution it follows when nothing else uses its
   * output ({@code uses}: how many ops of the activation itself take it, 2 for x * sigmoid(x)).
   */
  String activation(Op op, LiftedValue x, String name, int uses) {
    String layer = lift(x);
    ObjectNode c = configs.get(layer);
    if (consumers(x) == uses && x instanceof Op && c != null && LINEAR.contains(classes.get(layer))
        && c.get("activation").asText().equals("linear")) {
      c.put("activation", name);
      return layer;
    }
    return emitOn(op, "Activation", config().put("activation", name), List.of(layer), Map.of());
  }

  /** The config of a lifted layer (which the pattern classes may extend). */
  ObjectNode configOf(String layer) {
    return configs.get(layer);
  }

  /** Adds a weight to a lifted layer. */
  void addWeight(String layer, String weight, int node) {
    weights.get(layer).put(weight, node);
  }
}
