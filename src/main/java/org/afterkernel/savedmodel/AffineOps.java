package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.savedmodel.LiftedValue.Op;

/**
 * The elementwise arithmetic of a serving function, as the Keras layers that write it: a merge of
 * two branches (Add, Subtract, Multiply), swish ({@code x * sigmoid(x)}), a bias added with
 * AddV2, Rescaling ({@code x * scale + offset} with scalar constants), Normalization ({@code (x -
 * mean) / max(sqrt(variance), 1e-7)}), and batch normalization at inference, fused ({@code
 * FusedBatchNormV3}) or as {@code tf.nn.batch_normalization} writes it: {@code x * inv + (beta -
 * mean * inv)} with {@code inv = rsqrt(variance + epsilon) * gamma}. Anything else is refused.
 */
final class AffineOps {
  private AffineOps() {}

  /** Lifts AddV2, Add, Sub, Mul, RealDiv or Div. */
  static String lift(FunctionDefLifter l, Op op) {
    LiftedValue a = op.inputs.get(0);
    LiftedValue b = op.inputs.get(1);
    boolean ia = l.onInput(a);
    boolean ib = l.onInput(b);
    String type = op.type();
    if (ia && ib) {
      Op sig = OpValues.op(b, "Sigmoid");
      Op sigA = OpValues.op(a, "Sigmoid");
      if (type.equals("Mul") && (sig != null && sig.inputs.get(0) == a || sigA != null && sigA.inputs.get(0) == b)) {
        boolean first = sig != null && sig.inputs.get(0) == a;
        int uses = l.consumers(first ? sig : sigA) == 1 ? 2 : -1; // x feeds the Mul and its own Sigmoid
        return l.activation(op, first ? a : b, "swish", uses); // tf.nn.silu
      }
      String cls = switch (type) {
        case "AddV2", "Add" -> "Add";
        case "Sub" -> "Subtract";
        case "Mul" -> "Multiply";
        default -> throw new IllegalArgumentException("a division of two branches is not supported");
      };
      return l.emit(op, cls, FunctionDefLifter.config(), a, b);
    }
    if (!ia && (type.equals("Sub") || type.endsWith("Div"))) {
      throw new IllegalArgumentException("only (input " + (type.equals("Sub") ? "-" : "/") + " constant) is supported");
    }
    LiftedValue x = ia ? a : b;
    LiftedValue c = ia ? b : a;
    switch (type) {
      case "AddV2", "Add" -> {
        if (OpValues.variable(c, true) != null) {
          return l.bias(op, x, c);
        }
        Op mul = OpValues.op(x, "Mul");
        if (mul != null && l.consumers(mul) == 1) {
          String bn = batchNormalization(l, op, mul, c);
          if (bn != null) {
            return bn;
          }
          LiftedValue[] xs = split(l, mul);
          if (xs != null && OpValues.isConstant(xs[1])) {
            return rescaling(l, op, xs[0], OpValues.scalar(xs[1]), OpValues.scalar(c));
          }
        }
        return rescaling(l, op, x, 1, OpValues.scalar(c));
      }
      case "Sub" -> {
        return rescaling(l, op, x, 1, -OpValues.scalar(c));
      }
      case "Mul" -> {
        return rescaling(l, op, x, OpValues.scalar(c), 0);
      }
      default -> { // RealDiv
        Op sub = OpValues.op(x, "Sub");
        Op max = OpValues.op(c, "Maximum");
        if (sub != null && max != null && l.consumers(sub) == 1 && l.onInput(sub.inputs.get(0))
            && !l.onInput(sub.inputs.get(1))) {
          return normalization(l, op, sub, max);
        }
        return rescaling(l, op, x, 1 / OpValues.scalar(c), 0);
      }
    }
  }

  /** The input operand and the other one of a binary op with one operand on the input, or null. */
  private static LiftedValue[] split(FunctionDefLifter l, Op op) {
    boolean i0 = l.onInput(op.inputs.get(0));
    boolean i1 = l.onInput(op.inputs.get(1));
    if (i0 == i1) {
      return null;
    }
    LiftedValue a = op.inputs.get(0);
    LiftedValue b = op.inputs.get(1);
    return i0 ? new LiftedValue[] {a, b} : new LiftedValue[] {b, a};
  }

  private static String rescaling(FunctionDefLifter l, Op op, LiftedValue x, float scale, float offset) {
    return l.emit(op, "Rescaling", FunctionDefLifter.config().put("scale", scale).put("offset", offset), x);
  }

  /** {@code x * inv + shift} as tf.nn.batch_normalization writes it, or null when it is not that. */
  private static String batchNormalization(FunctionDefLifter l, Op add, Op mul, LiftedValue shift) {
    LiftedValue[] xs = split(l, mul);
    if (xs == null) {
      return null;
    }
    LiftedValue inv = xs[1];
    Integer gamma = null;
    Op rsqrt = OpValues.op(inv, "Rsqrt");
    Op scaled = OpValues.op(inv, "Mul");
    if (scaled != null) {
      int r = OpValues.op(scaled.inputs.get(0), "Rsqrt") != null ? 0 : 1;
      rsqrt = OpValues.op(scaled.inputs.get(r), "Rsqrt");
      gamma = OpValues.variable(scaled.inputs.get(1 - r), true);
      if (gamma == null) {
        return null;
      }
    }
    Op plusEps = rsqrt == null ? null : OpValues.op(rsqrt.inputs.get(0), "AddV2", "Add");
    if (plusEps == null) {
      return null;
    }
    int e = OpValues.isConstant(plusEps.inputs.get(1)) ? 1 : 0;
    Integer variance = OpValues.variable(plusEps.inputs.get(1 - e), true);
    Op sub = OpValues.op(shift, "Sub");
    Op neg = OpValues.op(shift, "Neg");
    Op meanTimesInv = OpValues.op(sub != null ? sub.inputs.get(1) : neg != null ? neg.inputs.get(0) : null, "Mul");
    if (variance == null || !OpValues.isConstant(plusEps.inputs.get(e)) || meanTimesInv == null) {
      return null;
    }
    int m = meanTimesInv.inputs.get(1) == inv ? 0 : 1;
    Integer mean = meanTimesInv.inputs.get(1 - m) == inv ? OpValues.variable(meanTimesInv.inputs.get(m), true) : null;
    Integer beta = sub == null ? null : OpValues.variable(sub.inputs.get(0), true);
    if (mean == null || sub != null && beta == null) {
      return null;
    }
    return emitBatchNormalization(l, add, xs[0], OpValues.scalar(plusEps.inputs.get(e)), gamma, beta, mean, variance);
  }

  /** FusedBatchNorm(V2, V3) at inference: scale and offset variables, or constant ones and zeros. */
  static String fusedBatchNorm(FunctionDefLifter l, Op op) {
    OpValues.requireNhwc(op);
    if (op.attr("is_training") == null || op.attr("is_training").getB() || op.inputs.size() < 5) {
      throw new IllegalArgumentException("only inference (is_training false) with moving statistics is supported");
    }
    Integer gamma = OpValues.variable(op.inputs.get(1), true);
    Integer beta = OpValues.variable(op.inputs.get(2), true);
    if (gamma == null && !allEqual(op.inputs.get(1), 1) || beta == null && !allEqual(op.inputs.get(2), 0)) {
      throw new IllegalArgumentException("scale and offset must be variables (or the constants 1 and 0)");
    }
    int mean = l.weight(op.inputs.get(3), "mean", 1, true);
    int variance = l.weight(op.inputs.get(4), "variance", 1, true);
    return emitBatchNormalization(l, op, op.inputs.get(0), OpValues.number(op, "epsilon", 1e-4f), gamma, beta,
        mean, variance);
  }

  private static boolean allEqual(LiftedValue v, float x) {
    if (!OpValues.isConstant(v)) {
      return false;
    }
    for (float f : OpValues.floats(v)) {
      if (f != x) {
        return false;
      }
    }
    return true;
  }

  private static String emitBatchNormalization(FunctionDefLifter l, Op op, LiftedValue x, float epsilon, Integer gamma,
      Integer beta, int mean, int variance) {
    ObjectNode c = FunctionDefLifter.config().put("axis", -1).put("epsilon", epsilon)
        .put("center", beta != null).put("scale", gamma != null);
    Map<String, Integer> w = new LinkedHashMap<>();
    if (gamma != null) {
      w.put("gamma", gamma);
    }
    if (beta != null) {
      w.put("beta", beta);
    }
    w.put("moving_mean", mean);
    w.put("moving_variance", variance);
    return l.emitOn(op, "BatchNormalization", c, List.of(l.lift(x)), w);
  }

  /** {@code (x - mean) / max(sqrt(variance), eps)}: Keras's Normalization, statistics constant or variables. */
  private static String normalization(FunctionDefLifter l, Op div, Op sub, Op max) {
    LiftedValue[] m = split(l, max);
    int e = OpValues.isConstant(max.inputs.get(1)) ? 1 : 0;
    Op sqrt = OpValues.op(max.inputs.get(1 - e), "Sqrt");
    if (m != null || sqrt == null || Math.abs(OpValues.scalar(max.inputs.get(e)) - 1e-7f) > 1e-12f) {
      throw new IllegalArgumentException("a division is supported only as Keras's Normalization,"
          + " (x - mean) / max(sqrt(variance), 1e-7)");
    }
    LiftedValue mean = sub.inputs.get(1);
    LiftedValue variance = sqrt.inputs.get(0);
    ObjectNode c = FunctionDefLifter.config().put("axis", -1);
    Map<String, Integer> w = new LinkedHashMap<>();
    if (OpValues.isConstant(mean) && OpValues.isConstant(variance)) {
      var ms = c.putArray("mean");
      var vs = c.putArray("variance");
      for (float f : OpValues.floats(mean)) {
        ms.add(f);
      }
      for (float f : OpValues.floats(variance)) {
        vs.add(f);
      }
    } else {
      w.put("mean", l.weight(mean, "mean", 1, true));
      w.put("variance", l.weight(variance, "variance", 1, true));
    }
    return l.emitOn(div, "Normalization", c, List.of(l.lift(sub.inputs.get(0))), w);
  }
}
