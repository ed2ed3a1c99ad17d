package org.afterkernel.savedmodel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.savedmodel.LiftedValue.Op;
import org.afterkernel.savedmodel.LiftedValue.Variable;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;

/**
 * What {@link FunctionDefLifter} reads off ops: attributes, the values of {@code Const} ops, and the
 * variable behind a weight operand. Every failure is an {@link IllegalArgumentException} saying
 * what was found; the lifter adds which op it is and where.
 */
final class OpValues {
  /** Most elements of a constant read (shapes, axes, scalars, per-channel vectors). */
  static final int MAX_CONSTANT = 1 << 20;

  private OpValues() {}

  /** The op behind {@code v}, or null when {@code v} is not an op of type {@code type}. */
  static Op op(LiftedValue v, String... types) {
    if (v instanceof Op o && (types.length == 0 || List.of(types).contains(o.type()))) {
      return o;
    }
    return null;
  }

  /** A string attribute, or {@code fallback} when absent. */
  static String string(Op op, String key, String fallback) {
    AttrValue a = op.attr(key);
    return a == null ? fallback : a.getS().toStringUtf8();
  }

  /** A boolean attribute, or false when absent. */
  static boolean bool(Op op, String key) {
    AttrValue a = op.attr(key);
    return a != null && a.getB();
  }

  /** A float attribute, or {@code fallback} when absent. */
  static float number(Op op, String key, float fallback) {
    AttrValue a = op.attr(key);
    return a == null ? fallback : a.getF();
  }

  /**
   * The (height, width) of a four-entry NHWC list attribute such as {@code strides}: {@code [1, h,
   * w, 1]}; {@code fallback} when absent.
   */
  static int[] spatial(Op op, String key, int fallback) {
    AttrValue a = op.attr(key);
    if (a == null) {
      return new int[] {fallback, fallback};
    }
    return spatial(a.getList().getIList().stream().mapToLong(Long::longValue).toArray(), key);
  }

  /** The (height, width) of {@code [1, h, w, 1]} (a window or strides of MaxPoolV2's inputs). */
  static int[] spatial(long[] l, String what) {
    if (l.length != 4 || l[0] != 1 || l[3] != 1 || l[1] < 1 || l[2] < 1 || l[1] > Integer.MAX_VALUE
        || l[2] > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " " + java.util.Arrays.toString(l) + " is not [1, height, width, 1]");
    }
    return new int[] {(int) l[1], (int) l[2]};
  }

  /** Requires channels-last data ({@code data_format} NHWC or absent). */
  static void requireNhwc(Op op) {
    String f = string(op, "data_format", "NHWC");
    if (!f.equals("NHWC")) {
      throw new IllegalArgumentException("data_format " + AkException.quote(f, 20) + " is not supported (only NHWC)");
    }
  }

  /** Keras's padding name of an op's {@code padding} attribute: {@code same} or {@code valid}. */
  static String padding(Op op) {
    String p = string(op, "padding", "");
    return switch (p) {
      case "SAME" -> "same";
      case "VALID" -> "valid";
      default -> throw new IllegalArgumentException("padding " + AkException.quote(p, 20)
          + " is not supported (only SAME and VALID)");
    };
  }

  /** True when {@code v} is a {@code Const}. */
  static boolean isConstant(LiftedValue v) {
    return op(v, "Const") != null;
  }

  /** The float values of a {@code Const} (a scalar filled to its shape when stored once). */
  static float[] floats(LiftedValue v) {
    TensorProto t = tensor(v);
    if (t.getDtype() != DataType.DT_FLOAT) {
      throw new IllegalArgumentException("constant '" + ((Op) v).name() + "' is " + t.getDtype() + ", expected float");
    }
    int n = size(t);
    float[] out = new float[n];
    if (!t.getTensorContent().isEmpty()) {
      ByteBuffer b = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      if (b.remaining() != 4L * n) {
        throw new IllegalArgumentException("constant '" + ((Op) v).name() + "' holds " + b.remaining()
            + " bytes for " + n + " floats");
      }
      b.asFloatBuffer().get(out);
      return out;
    }
    List<Float> vals = t.getFloatValList();
    for (int i = 0; i < n; i++) {
      out[i] = vals.isEmpty() ? 0 : vals.get(Math.min(i, vals.size() - 1));
    }
    return out;
  }

  /** The one value of a float {@code Const} (of any shape holding one element). */
  static float scalar(LiftedValue v) {
    float[] f = floats(v);
    if (f.length != 1) {
      throw new IllegalArgumentException("constant '" + ((Op) v).name() + "' has " + f.length
          + " values, expected one (a scalar)");
    }
    return f[0];
  }

  /** The integer values of an int32 or int64 {@code Const}. */
  static long[] ints(LiftedValue v) {
    TensorProto t = tensor(v);
    boolean wide = t.getDtype() == DataType.DT_INT64;
    if (!wide && t.getDtype() != DataType.DT_INT32) {
      throw new IllegalArgumentException("constant '" + ((Op) v).name() + "' is " + t.getDtype()
          + ", expected int32 or int64");
    }
    int n = size(t);
    long[] out = new long[n];
    if (!t.getTensorContent().isEmpty()) {
      ByteBuffer b = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      if (b.remaining() != (wide ? 8L : 4L) * n) {
        throw new IllegalArgumentException("constant '" + ((Op) v).name() + "' holds " + b.remaining()
            + " bytes for " + n + " integers");
      }
      for (int i = 0; i < n; i++) {
        out[i] = wide ? b.getLong() : b.getInt();
      }
      return out;
    }
    int stored = wide ? t.getInt64ValCount() : t.getIntValCount();
    for (int i = 0; i < n; i++) {
      int j = Math.min(i, stored - 1);
      out[i] = stored == 0 ? 0 : wide ? t.getInt64Val(j) : t.getIntVal(j);
    }
    return out;
  }

  private static TensorProto tensor(LiftedValue v) {
    Op c = op(v, "Const");
    if (c == null) {
      throw new IllegalArgumentException(v instanceof Op o ? "'" + AkException.quote(o.name(), 120) + "' ("
          + AkException.quote(o.type(), 60) + ") is not a constant" : "a " + describe(v) + " is not a constant");
    }
    AttrValue a = c.attr("value");
    if (a == null || !a.hasTensor()) {
      throw new IllegalArgumentException("constant '" + AkException.quote(c.name(), 120) + "' has no value");
    }
    return a.getTensor();
  }

  private static int size(TensorProto t) {
    long n = 1;
    for (var d : t.getTensorShape().getDimList()) {
      if (d.getSize() < 0 || d.getSize() > MAX_CONSTANT || (n *= d.getSize()) > MAX_CONSTANT) {
        throw new IllegalArgumentException("a constant of shape " + t.getTensorShape().getDimList().stream()
            .map(x -> x.getSize()).toList() + " is not a shape, axis or small vector");
      }
    }
    return (int) n;
  }

  /** {@code input}, {@code variable 7}, {@code op 'x' (Relu)}: a value in words. */
  static String describe(LiftedValue v) {
    if (v instanceof Variable var) {
      return "variable (object graph node " + var.node() + ")";
    }
    return v instanceof Op o ? o.where() : "the input";
  }

  /**
   * The variable a weight operand reads: the variable itself, or (when {@code reshapes}) the
   * variable through Reshape to {@code (1, ..., 1, n)}, Squeeze or ExpandDims, which keep a
   * per-channel vector's values in order (Keras 3 reshapes convolution biases so).
   *
   * @return the variable's object-graph node, or null when the operand is not such a variable
   */
  static Integer variable(LiftedValue v, boolean reshapes) {
    for (int hops = 0; hops < 8; hops++) {
      if (v instanceof Variable var) {
        return var.node();
      }
      Op o = op(v, "Reshape", "Squeeze", "ExpandDims");
      if (!reshapes || o == null || o.inputs.isEmpty()) {
        return null;
      }
      if (o.type().equals("Reshape")) {
        long[] shape;
        try {
          shape = ints(o.inputs.get(1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
          return null;
        }
        for (int i = 0; i + 1 < shape.length; i++) {
          if (shape[i] != 1) {
            return null;
          }
        }
      }
      v = o.inputs.get(0);
    }
    return null;
  }

  /**
   * The shape a Reshape of activations takes, batch first as -1: a constant {@code [-1, ...]}, or
   * {@code Pack(StridedSlice(Shape(x), [0], [1]), d1, d2, ...)} as Keras 3 writes {@code
   * (ops.shape(x)[0],) + target_shape}.
   */
  static long[] reshapeTarget(LiftedValue v) {
    Op pack = op(v, "Pack");
    if (pack == null) {
      long[] shape = ints(v);
      if (shape.length < 2 || shape[0] != -1) {
        throw new IllegalArgumentException("a reshape to " + java.util.Arrays.toString(shape)
            + " is not supported (only (-1, ...): the batch first)");
      }
      return shape;
    }
    Op slice = op(pack.inputs.isEmpty() ? null : pack.inputs.get(0), "StridedSlice");
    Op shapeOp = slice == null ? null : op(slice.inputs.get(0), "Shape");
    if (shapeOp == null || slice.inputs.size() < 3 || ints(slice.inputs.get(1)).length != 1
        || ints(slice.inputs.get(1))[0] != 0 || pack.inputs.size() < 2 || pack.attr("axis") != null
        && pack.attr("axis").getI() != 0) {
      throw new IllegalArgumentException("a reshape to a computed shape is supported only as (batch size, d1, ...)");
    }
    long[] out = new long[pack.inputs.size()];
    out[0] = -1;
    for (int i = 1; i < out.length; i++) {
      long[] d = ints(pack.inputs.get(i));
      if (d.length != 1) {
        throw new IllegalArgumentException("a reshape to a computed shape is supported only as (batch size, d1, ...)");
      }
      out[i] = d[0];
    }
    return out;
  }
}
