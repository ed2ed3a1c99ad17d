package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * The operations of the float64 reference forward pass other than convolutions ({@link
 * ReferenceConv}), written directly from their definitions (TensorFlow's for pooling, numpy's for
 * broadcasting) as plain loops over one example, channels last: nothing here is shared with the
 * layers the importer builds.
 */
final class ReferenceOps {
  private ReferenceOps() {}

  /** MaxPooling2D or AveragePooling2D (the mean of the positions inside the image). */
  static ReferenceTensor pool2d(ReferenceTensor x, int[] pool, int[] strides, boolean same, boolean max) {
    int h = x.shape()[0];
    int w = x.shape()[1];
    int c = x.shape()[2];
    int[] rows = ReferenceConv.window(h, pool[0], strides[0], 1, same, "pooling rows");
    int[] cols = ReferenceConv.window(w, pool[1], strides[1], 1, same, "pooling columns");
    ReferenceTensor out = ReferenceTensor.zeros(rows[0], cols[0], c);
    for (int i = 0; i < rows[0]; i++) {
      for (int j = 0; j < cols[0]; j++) {
        for (int ch = 0; ch < c; ch++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int n = 0;
          for (int a = 0; a < pool[0]; a++) {
            int r = i * strides[0] + a - rows[1];
            for (int b = 0; b < pool[1]; b++) {
              int q = j * strides[1] + b - cols[1];
              if (r >= 0 && r < h && q >= 0 && q < w) {
                double v = x.v()[(r * w + q) * c + ch];
                acc = max ? Math.max(acc, v) : acc + v;
                n++;
              }
            }
          }
          out.v()[(i * cols[0] + j) * c + ch] = max ? acc : acc / n;
        }
      }
    }
    return out;
  }

  /** Dense on the last axis: x (..., in), kernel (in, units), bias (units) or null. */
  static ReferenceTensor dense(ReferenceTensor x, ReferenceTensor kernel, ReferenceTensor bias) {
    int in = kernel.shape()[0];
    int units = kernel.shape()[1];
    if (x.last() != in) {
      throw new IllegalArgumentException("kernel " + Arrays.toString(kernel.shape()) + " does not take inputs of "
          + x.last() + " values");
    }
    int rows = x.v().length / in;
    int[] shape = x.shape().clone();
    shape[shape.length - 1] = units;
    ReferenceTensor out = ReferenceTensor.zeros(shape);
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        double s = bias == null ? 0 : bias.v()[u];
        for (int k = 0; k < in; k++) {
          s += x.v()[r * in + k] * kernel.v()[k * units + u];
        }
        out.v()[r * units + u] = s;
      }
    }
    return out;
  }

  /** Pads (positive amounts) or crops (negative) rows and columns of x (h, w, c). */
  static ReferenceTensor pad2d(ReferenceTensor x, int top, int bottom, int left, int right) {
    int h = x.shape()[0];
    int w = x.shape()[1];
    int c = x.shape()[2];
    int oh = h + top + bottom;
    int ow = w + left + right;
    if (oh <= 0 || ow <= 0) {
      throw new IllegalArgumentException("cropping leaves " + oh + "x" + ow + " of " + h + "x" + w);
    }
    ReferenceTensor out = ReferenceTensor.zeros(oh, ow, c);
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        int r = i - top;
        int q = j - left;
        if (r >= 0 && r < h && q >= 0 && q < w) {
          System.arraycopy(x.v(), (r * w + q) * c, out.v(), (i * ow + j) * c, c);
        }
      }
    }
    return out;
  }

  /** GlobalAveragePooling2D / GlobalMaxPooling2D of x (h, w, c). */
  static ReferenceTensor globalPool(ReferenceTensor x, boolean max, boolean keepdims) {
    int c = x.last();
    int n = x.v().length / c;
    double[] out = new double[c];
    for (int ch = 0; ch < c; ch++) {
      double acc = max ? Double.NEGATIVE_INFINITY : 0;
      for (int p = 0; p < n; p++) {
        acc = max ? Math.max(acc, x.v()[p * c + ch]) : acc + x.v()[p * c + ch];
      }
      out[ch] = max ? acc : acc / n;
    }
    return new ReferenceTensor(keepdims ? new int[] {1, 1, c} : new int[] {c}, out);
  }

  /** Softmax over the last axis. */
  static ReferenceTensor softmax(ReferenceTensor x) {
    int c = x.last();
    double[] out = new double[x.v().length];
    for (int r = 0; r < out.length / c; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < c; k++) {
        m = Math.max(m, x.v()[r * c + k]);
      }
      double s = 0;
      for (int k = 0; k < c; k++) {
        out[r * c + k] = Math.exp(x.v()[r * c + k] - m);
        s += out[r * c + k];
      }
      for (int k = 0; k < c; k++) {
        out[r * c + k] /= s;
      }
    }
    return new ReferenceTensor(x.shape(), out);
  }

  /**
   * An element-wise merge of several inputs: inputs of lower rank get new axes after the batch
   * axis until the ranks agree (Keras's {@code Merge}), then numpy broadcasting.
   */
  static ReferenceTensor merge(List<ReferenceTensor> xs, DoubleBinaryOperator op) {
    int rank = xs.stream().mapToInt(ReferenceTensor::rank).max().orElseThrow();
    List<ReferenceTensor> in = new ArrayList<>();
    for (ReferenceTensor x : xs) {
      int[] s = x.shape();
      while (s.length < rank) {
        int[] t = new int[s.length + 1];
        t[0] = 1;
        System.arraycopy(s, 0, t, 1, s.length);
        s = t;
      }
      in.add(x.reshape(s));
    }
    int[] shape = new int[rank];
    for (int d = 0; d < rank; d++) {
      for (ReferenceTensor x : in) {
        int n = x.shape()[d];
        if (n != 1 && shape[d] > 1 && n != shape[d]) {
          throw new IllegalArgumentException("shapes " + xs.stream().map(t -> Arrays.toString(t.shape())).toList()
              + " do not broadcast");
        }
        shape[d] = Math.max(shape[d], n);
      }
    }
    ReferenceTensor out = ReferenceTensor.zeros(shape);
    int[] index = new int[rank];
    for (int i = 0; i < out.v().length; i++) {
      int rest = i;
      for (int d = rank - 1; d >= 0; d--) {
        index[d] = rest % shape[d];
        rest /= shape[d];
      }
      double acc = 0;
      for (int k = 0; k < in.size(); k++) {
        int[] s = in.get(k).shape();
        int at = 0;
        for (int d = 0; d < rank; d++) {
          at = at * s[d] + (s[d] == 1 ? 0 : index[d]);
        }
        double v = in.get(k).v()[at];
        acc = k == 0 ? v : op.applyAsDouble(acc, v);
      }
      out.v()[i] = acc;
    }
    return out;
  }

  /** Concatenation along {@code axis} (without the batch axis). */
  static ReferenceTensor concatenate(List<ReferenceTensor> xs, int axis) {
    int[] shape = xs.get(0).shape().clone();
    shape[axis] = 0;
    for (ReferenceTensor x : xs) {
      for (int d = 0; d < shape.length; d++) {
        if (d != axis && (x.rank() != shape.length || x.shape()[d] != shape[d])) {
          throw new IllegalArgumentException("shapes " + xs.stream().map(t -> Arrays.toString(t.shape())).toList()
              + " do not concatenate on axis " + (axis + 1));
        }
      }
      shape[axis] += x.shape()[axis];
    }
    int outer = Arrays.stream(shape, 0, axis).reduce(1, Math::multiplyExact);
    ReferenceTensor out = ReferenceTensor.zeros(shape);
    int at = 0;
    for (int o = 0; o < outer; o++) {
      for (ReferenceTensor x : xs) {
        int block = x.v().length / outer;
        System.arraycopy(x.v(), o * block, out.v(), at, block);
        at += block;
      }
    }
    return out;
  }
}
