package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.afterkernel.savedmodel.LiftedValue.Op;

/**
 * The ops of a serving function that are one Keras layer each (or two, for {@code
 * tf.nn.separable_conv2d}), as {@link FunctionDefLifter} lifts them: MatMul to Dense,
 * Conv2D, DepthwiseConv2dNative (with a following 1x1 Conv2D: SeparableConv2D), MaxPool and
 * AvgPool, Mean and Max over the image axes (global pooling), Reshape (Flatten when to one axis),
 * Pad with zeros (ZeroPadding2D) and ConcatV2. Attributes that Keras layers cannot have (NCHW, explicit
 * padding, transposed operands) are refused with an {@link IllegalArgumentException}.
 */
final class LayerOps {
  private LayerOps() {}

  static String dense(FunctionDefLifter l, Op op) {
    if (OpValues.bool(op, "transpose_a") || OpValues.bool(op, "transpose_b") || OpValues.bool(op, "adj_x")
        || OpValues.bool(op, "adj_y")) {
      throw new IllegalArgumentException("transposed operands are not supported");
    }
    int kernel = l.weight(op.inputs.get(1), "kernel (second operand)", 2, false);
    ObjectNode c = FunctionDefLifter.config().put("units", l.shape(kernel)[1]).put("activation", "linear")
        .put("use_bias", false);
    return l.emitOn(op, "Dense", c, List.of(l.lift(op.inputs.get(0))), Map.of("kernel", kernel));
  }

  static String conv2d(FunctionDefLifter l, Op op) {
    OpValues.requireNhwc(op);
    int kernel = l.weight(op.inputs.get(1), "kernel", 4, false);
    long[] k = l.shape(kernel);
    Op dw = OpValues.op(op.inputs.get(0), "DepthwiseConv2dNative");
    int[] strides = OpValues.spatial(op, "strides", 1);
    int[] dilations = OpValues.spatial(op, "dilations", 1);
    if (dw != null && l.consumers(dw) == 1 && k[0] == 1 && k[1] == 1 && strides[0] == 1 && strides[1] == 1
        && dilations[0] == 1 && dilations[1] == 1 && OpValues.padding(op).equals("valid")) {
      String sep = depthwise(l, dw, op, l.lift(dw.inputs.get(0))); // tf.nn.separable_conv2d
      l.configOf(sep).put("filters", k[3]);
      l.addWeight(sep, "pointwise_kernel", kernel);
      return sep;
    }
    ObjectNode c = FunctionDefLifter.config().put("filters", k[3]).put("padding", OpValues.padding(op))
        .put("activation", "linear").put("use_bias", false);
    c.putArray("kernel_size").add(k[0]).add(k[1]);
    c.putArray("strides").add(strides[0]).add(strides[1]);
    c.putArray("dilation_rate").add(dilations[0]).add(dilations[1]);
    return l.emitOn(op, "Conv2D", c, List.of(l.lift(op.inputs.get(0))), Map.of("kernel", kernel));
  }

  /** A DepthwiseConv2D of {@code dw}, or a SeparableConv2D named after {@code named} when that is a pointwise op. */
  static String depthwise(FunctionDefLifter l, Op dw, Op named, String input) {
    OpValues.requireNhwc(dw);
    int kernel = l.weight(dw.inputs.get(1), "depthwise kernel", 4, false);
    long[] k = l.shape(kernel);
    int[] strides = OpValues.spatial(dw, "strides", 1);
    int[] dilations = OpValues.spatial(dw, "dilations", 1);
    ObjectNode c = FunctionDefLifter.config().put("depth_multiplier", k[3]).put("padding", OpValues.padding(dw))
        .put("activation", "linear").put("use_bias", false);
    c.putArray("kernel_size").add(k[0]).add(k[1]);
    c.putArray("strides").add(strides[0]).add(strides[1]);
    c.putArray("dilation_rate").add(dilations[0]).add(dilations[1]);
    return l.emitOn(named, dw == named ? "DepthwiseConv2D" : "SeparableConv2D", c, List.of(input),
        Map.of("depthwise_kernel", kernel));
  }

  static String pooling(FunctionDefLifter l, Op op) {
    OpValues.requireNhwc(op);
    boolean v2 = op.type().equals("MaxPoolV2");
    int[] k = v2 ? OpValues.spatial(OpValues.ints(op.inputs.get(1)), "ksize") : OpValues.spatial(op, "ksize", 0);
    int[] s = v2 ? OpValues.spatial(OpValues.ints(op.inputs.get(2)), "strides") : OpValues.spatial(op, "strides", 0);
    ObjectNode c = FunctionDefLifter.config().put("padding", OpValues.padding(op));
    c.putArray("pool_size").add(k[0]).add(k[1]);
    c.putArray("strides").add(s[0]).add(s[1]);
    return l.emit(op, op.type().startsWith("MaxPool") ? "MaxPooling2D" : "AveragePooling2D", c, op.inputs.get(0));
  }

  static String globalPooling(FunctionDefLifter l, Op op) {
    long[] axes = OpValues.ints(op.inputs.get(1));
    Arrays.sort(axes);
    if (!Arrays.equals(axes, new long[] {1, 2})) {
      throw new IllegalArgumentException("a reduction over axes " + Arrays.toString(axes)
          + " is not supported (only (1, 2), global pooling of images)");
    }
    ObjectNode c = FunctionDefLifter.config().put("keepdims", OpValues.bool(op, "keep_dims"));
    return l.emit(op, op.type().equals("Mean") ? "GlobalAveragePooling2D" : "GlobalMaxPooling2D", c, op.inputs.get(0));
  }

  static String reshape(FunctionDefLifter l, Op op) {
    long[] shape = OpValues.reshapeTarget(op.inputs.get(1));
    long[] target = Arrays.copyOfRange(shape, 1, shape.length);
    if (target.length == 1) { // any reshape of an example to one axis is a flatten
      return l.emit(op, "Flatten", FunctionDefLifter.config(), op.inputs.get(0));
    }
    ObjectNode c = FunctionDefLifter.config();
    var t = c.putArray("target_shape");
    for (long d : target) {
      t.add(d);
    }
    return l.emit(op, "Reshape", c, op.inputs.get(0));
  }

  static String padding(FunctionDefLifter l, Op op) {
    long[] p = OpValues.ints(op.inputs.get(1));
    if (op.inputs.size() > 2 && OpValues.scalar(op.inputs.get(2)) != 0) {
      throw new IllegalArgumentException("padding with " + OpValues.scalar(op.inputs.get(2))
          + " is not supported (only zeros)");
    }
    if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0 || Arrays.stream(p).anyMatch(x -> x < 0)) {
      throw new IllegalArgumentException("paddings " + Arrays.toString(p)
          + " are not ((0, 0), (top, bottom), (left, right), (0, 0))");
    }
    ObjectNode c = FunctionDefLifter.config();
    var pads = c.putArray("padding");
    pads.addArray().add(p[2]).add(p[3]);
    pads.addArray().add(p[4]).add(p[5]);
    return l.emit(op, "ZeroPadding2D", c, op.inputs.get(0));
  }

  static String concat(FunctionDefLifter l, Op op) {
    int n = op.inputs.size() - 1;
    long[] axis = OpValues.ints(op.inputs.get(n));
    if (n < 1 || axis.length != 1) {
      throw new IllegalArgumentException("a concatenation needs values and one axis");
    }
    return l.emit(op, "Concatenate", FunctionDefLifter.config().put("axis", axis[0]),
        op.inputs.subList(0, n).toArray(new LiftedValue[0]));
  }
}
