package org.afterkernel.savedmodel;

import java.util.List;
import org.afterkernel.AkException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;

/**
 * A value of a serving function once its calls are inlined ({@link FunctionGraph}): the
 * signature's input, a captured variable, or an op on other values.
 */
sealed interface LiftedValue permits LiftedValue.Images, LiftedValue.Variable, LiftedValue.Op {
  /** The signature's (single) input. */
  record Images() implements LiftedValue {}

  /** A captured variable: its node in the SavedObjectGraph (and the checkpoint's object graph). */
  record Variable(int node) implements LiftedValue {}

  /** An op of a function (or the graph), its data inputs resolved. Identity equality. */
  final class Op implements LiftedValue {
    final NodeDef def;
    final List<LiftedValue> inputs;
    final String function;

    Op(NodeDef def, List<LiftedValue> inputs, String function) {
      this.def = def;
      this.inputs = List.copyOf(inputs);
      this.function = function;
    }

    String type() {
      return def.getOp();
    }

    String name() {
      return def.getName();
    }

    /** {@code op 'seq/dense/MatMul' (MatMul) in function __inference_call_1}: how messages place it. */
    String where() {
      return "op '" + AkException.quote(def.getName(), 120) + "' (" + AkException.quote(def.getOp(), 60) + ") in "
          + (function.isEmpty() ? "the graph" : "function " + AkException.quote(function, 120));
    }

    AttrValue attr(String key) {
      return def.getAttrMap().get(key);
    }
  }
}
