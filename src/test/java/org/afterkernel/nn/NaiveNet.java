package org.afterkernel.nn;

import java.util.List;
import java.util.Map;

/**
 * A plain-Java, double-precision forward pass of a stack of layers, written straight from the
 * layers' definitions with loops over pixels: the reference the TensorFlow graphs are tested
 * against. Padding offsets are computed here from TensorFlow's documented rule, not taken from the
 * code under test.
 */
final class NaiveNet {
  private NaiveNet() {}

  /** An activation map: values in C order and the per-example shape. */
  record Tensor3(double[] v, int[] shape) {}

  /** Runs the layers on one example; weights by Keras-style name. */
  static double[] forward(List<Layer> layers, Map<String, double[]> w, double[] x, int[] shape) {
    Tensor3 t = new Tensor3(x, shape);
    for (Layer l : layers) {
      t = apply(l, w, t);
    }
    return t.v();
  }

  static Tensor3 apply(Layer l, Map<String, double[]> w, Tensor3 t) {
    if (l instanceof Conv c) {
      return conv(c, w.get(c.name() + "/kernel"), c.useBias() ? w.get(c.name() + "/bias") : null, t);
    }
    if (l instanceof Pooling2D p) {
      return pool(p, t);
    }
    if (l instanceof DepthwiseConv2D d) {
      Tensor3 z = depthwise(d.kernelSize(), d.strides(), d.dilation(), d.padding(), d.depthMultiplier(),
          w.get(d.name() + "/depthwise_kernel"), d.useBias() ? w.get(d.name() + "/bias") : null, t);
      return map(z, v -> activate(d.activation(), v));
    }
    if (l instanceof SeparableConv2D s) {
      Tensor3 mid = depthwise(s.kernelSize(), s.strides(), s.dilation(), s.padding(), s.depthMultiplier(),
          w.get(s.name() + "/depthwise_kernel"), null, t);
      Conv pointwise = new Conv2D("pw", s.filters(), 1, Padding.VALID, s.activation());
      return conv(pointwise, w.get(s.name() + "/pointwise_kernel"), s.useBias() ? w.get(s.name() + "/bias") : null, mid);
    }
    if (l instanceof Dense d) {
      return dense(d, w.get(d.name() + "/kernel"), d.useBias() ? w.get(d.name() + "/bias") : null, t);
    }
    if (l instanceof Flatten) {
      return new Tensor3(t.v(), new int[] {t.v().length});
    }
    if (l instanceof PixelSum) {
      double s = 0;
      for (double v : t.v()) {
        s += v;
      }
      return new Tensor3(new double[] {s}, new int[] {1, 1, 1});
    }
    if (l instanceof BatchNormalization b) {
      return batchNorm(b, w.get(b.name() + "/gamma"), w.get(b.name() + "/beta"), t);
    }
    if (l instanceof ActivationLayer a) {
      return a.activation() == Activation.SOFTMAX ? softmax(t) : map(t, v -> activate(a.activation(), v));
    }
    if (l instanceof ReLU r) {
      return map(t, v -> {
        double y = v >= r.threshold() ? v : r.negativeSlope() * (v - r.threshold());
        return r.maxValue() == null ? y : Math.min(y, r.maxValue());
      });
    }
    if (l instanceof Identity) {
      return t;
    }
    if (l instanceof Reshape) {
      long[] out = l.outputShape(l.inputShape());
      return new Tensor3(t.v(), java.util.Arrays.stream(out).mapToInt(Math::toIntExact).toArray());
    }
    if (l instanceof GlobalPooling2D g) {
      return globalPool(g, t);
    }
    if (l instanceof Padding2D p) {
      return pad(p, t);
    }
    if (l instanceof Rescaling r) {
      return map(t, v -> v * r.scale() + r.offset());
    }
    if (l instanceof Normalization n) {
      return normalize(n, t);
    }
    throw new IllegalArgumentException("no naive reference for " + l);
  }

  static Tensor3 map(Tensor3 t, java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[t.v().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(t.v()[i]);
    }
    return new Tensor3(out, t.shape());
  }

  /** Softmax over the last axis. */
  static Tensor3 softmax(Tensor3 t) {
    int c = t.shape()[t.shape().length - 1];
    double[] out = new double[t.v().length];
    for (int base = 0; base < out.length; base += c) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < c; k++) {
        max = Math.max(max, t.v()[base + k]);
      }
      double sum = 0;
      for (int k = 0; k < c; k++) {
        out[base + k] = Math.exp(t.v()[base + k] - max);
        sum += out[base + k];
      }
      for (int k = 0; k < c; k++) {
        out[base + k] /= sum;
      }
    }
    return new Tensor3(out, t.shape());
  }

  /** gamma * (x - mean) / sqrt(var + eps) + beta per channel (the last axis). */
  static Tensor3 batchNorm(BatchNormalization b, double[] gamma, double[] beta, Tensor3 t) {
    int c = b.channels();
    float[] mean = b.movingMean();
    float[] var = b.movingVariance();
    double[] out = new double[t.v().length];
    for (int i = 0; i < out.length; i++) {
      int k = i % c;
      double xhat = (t.v()[i] - mean[k]) / Math.sqrt(var[k] + (double) b.epsilon());
      out[i] = (gamma == null ? 1 : gamma[k]) * xhat + (beta == null ? 0 : beta[k]);
    }
    return new Tensor3(out, t.shape());
  }

  static Tensor3 normalize(Normalization n, Tensor3 t) {
    float[] mean = n.mean();
    float[] var = n.variance();
    int c = mean.length;
    double[] out = new double[t.v().length];
    for (int i = 0; i < out.length; i++) {
      int k = i % c;
      out[i] = (t.v()[i] - mean[k]) / Math.max(Math.sqrt(var[k]), 1e-7);
    }
    return new Tensor3(out, t.shape());
  }

  static Tensor3 globalPool(GlobalPooling2D g, Tensor3 t) {
    int h = t.shape()[0];
    int w = t.shape()[1];
    int c = t.shape()[2];
    double[] out = new double[c];
    for (int k = 0; k < c; k++) {
      double acc = g.kind() == Pooling2D.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
      for (int i = 0; i < h * w; i++) {
        double v = t.v()[i * c + k];
        acc = g.kind() == Pooling2D.Kind.MAX ? Math.max(acc, v) : acc + v;
      }
      out[k] = g.kind() == Pooling2D.Kind.MAX ? acc : acc / (h * w);
    }
    return new Tensor3(out, g.keepDims() ? new int[] {1, 1, c} : new int[] {c});
  }

  /** Zero padding (positive amounts) or cropping, row/column by row/column. */
  static Tensor3 pad(Padding2D p, Tensor3 t) {
    int[] a = p.amounts();
    int sign = p.crop() ? -1 : 1;
    int h = t.shape()[0];
    int w = t.shape()[1];
    int c = t.shape()[2];
    int oh = h + sign * (a[0] + a[1]);
    int ow = w + sign * (a[2] + a[3]);
    double[] out = new double[oh * ow * c];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int iy = y - sign * a[0];
        int ix = x - sign * a[2];
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
          continue;
        }
        for (int k = 0; k < c; k++) {
          out[(y * ow + x) * c + k] = t.v()[(iy * w + ix) * c + k];
        }
      }
    }
    return new Tensor3(out, new int[] {oh, ow, c});
  }

  /** TensorFlow's "SAME" rule: out = ceil(in/s), total pad = max((out-1)s + (k-1)d + 1 - in, 0), half before. */
  static int padBefore(boolean same, int in, int k, int s, int d) {
    if (!same) {
      return 0;
    }
    int out = (in + s - 1) / s;
    return Math.max((out - 1) * s + (k - 1) * d + 1 - in, 0) / 2;
  }

  static int outSize(boolean same, int in, int k, int s, int d) {
    return same ? (in + s - 1) / s : (in - ((k - 1) * d + 1)) / s + 1;
  }

  static Tensor3 conv(Conv c, double[] kernel, double[] bias, Tensor3 t) {
    int h = t.shape()[0];
    int wd = t.shape()[1];
    int cin = t.shape()[2];
    int kh = c.kernelSize()[0];
    int kw = c.kernelSize()[1];
    int sh = c.strides()[0];
    int sw = c.strides()[1];
    int dh = c.dilation()[0];
    int dw = c.dilation()[1];
    boolean same = c.padding() == Padding.SAME;
    int oh = outSize(same, h, kh, sh, dh);
    int ow = outSize(same, wd, kw, sw, dw);
    int pt = padBefore(same, h, kh, sh, dh);
    int pl = padBefore(same, wd, kw, sw, dw);
    int co = c.filters();
    double[] out = new double[oh * ow * co];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int f = 0; f < co; f++) {
          double s = bias == null ? 0 : bias[f];
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int iy = oy * sh + ky * dh - pt;
              int ix = ox * sw + kx * dw - pl;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue; // zero padding
              }
              for (int ci = 0; ci < cin; ci++) {
                s += t.v()[(iy * wd + ix) * cin + ci] * kernel[((ky * kw + kx) * cin + ci) * co + f];
              }
            }
          }
          out[(oy * ow + ox) * co + f] = activate(c.activation(), s);
        }
      }
    }
    return new Tensor3(out, new int[] {oh, ow, co});
  }

  /**
   * Depthwise convolution: output channel c*M + m at (oy, ox) is the sum over the kernel window of
   * input channel c times kernel[ky][kx][c][m], plus bias[c*M + m]; no activation.
   */
  static Tensor3 depthwise(int[] k, int[] s, int[] d, Padding padding, int mult, double[] kernel, double[] bias,
      Tensor3 t) {
    int h = t.shape()[0];
    int wd = t.shape()[1];
    int cin = t.shape()[2];
    boolean same = padding == Padding.SAME;
    int oh = outSize(same, h, k[0], s[0], d[0]);
    int ow = outSize(same, wd, k[1], s[1], d[1]);
    int pt = padBefore(same, h, k[0], s[0], d[0]);
    int pl = padBefore(same, wd, k[1], s[1], d[1]);
    int co = cin * mult;
    double[] out = new double[oh * ow * co];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int c = 0; c < cin; c++) {
          for (int m = 0; m < mult; m++) {
            double acc = bias == null ? 0 : bias[c * mult + m];
            for (int ky = 0; ky < k[0]; ky++) {
              for (int kx = 0; kx < k[1]; kx++) {
                int iy = oy * s[0] + ky * d[0] - pt;
                int ix = ox * s[1] + kx * d[1] - pl;
                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                  acc += t.v()[(iy * wd + ix) * cin + c] * kernel[((ky * k[1] + kx) * cin + c) * mult + m];
                }
              }
            }
            out[(oy * ow + ox) * co + c * mult + m] = acc;
          }
        }
      }
    }
    return new Tensor3(out, new int[] {oh, ow, co});
  }

  static Tensor3 pool(Pooling2D p, Tensor3 t) {
    int h = t.shape()[0];
    int wd = t.shape()[1];
    int ch = t.shape()[2];
    int ph = p.poolSize()[0];
    int pw = p.poolSize()[1];
    int sh = p.strides()[0];
    int sw = p.strides()[1];
    boolean same = p.padding() == Padding.SAME;
    int oh = outSize(same, h, ph, sh, 1);
    int ow = outSize(same, wd, pw, sw, 1);
    int pt = padBefore(same, h, ph, sh, 1);
    int pl = padBefore(same, wd, pw, sw, 1);
    double[] out = new double[oh * ow * ch];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int c = 0; c < ch; c++) {
          double max = Double.NEGATIVE_INFINITY;
          double sum = 0;
          int count = 0;
          for (int ky = 0; ky < ph; ky++) {
            for (int kx = 0; kx < pw; kx++) {
              int iy = oy * sh + ky - pt;
              int ix = ox * sw + kx - pl;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue; // padded cells are ignored
              }
              double v = t.v()[(iy * wd + ix) * ch + c];
              max = Math.max(max, v);
              sum += v;
              count++;
            }
          }
          out[(oy * ow + ox) * ch + c] = p.kind() == Pooling2D.Kind.MAX ? max : sum / count;
        }
      }
    }
    return new Tensor3(out, new int[] {oh, ow, ch});
  }

  /** Dense over the last axis: every position (all but the last axis) uses the same kernel. */
  static Tensor3 dense(Dense d, double[] kernel, double[] bias, Tensor3 t) {
    int in = t.shape()[t.shape().length - 1];
    int positions = t.v().length / in;
    int units = d.units();
    double[] out = new double[positions * units];
    for (int p = 0; p < positions; p++) {
      for (int j = 0; j < units; j++) {
        double s = bias == null ? 0 : bias[j];
        for (int i = 0; i < in; i++) {
          s += t.v()[p * in + i] * kernel[i * units + j];
        }
        out[p * units + j] = s;
      }
    }
    int[] shape = t.shape().clone();
    shape[shape.length - 1] = units;
    Tensor3 z = new Tensor3(out, shape);
    return d.activation() == Activation.SOFTMAX ? softmax(z) : map(z, v -> activate(d.activation(), v));
  }

  static double activate(Activation a, double x) {
    return switch (a) {
      case LINEAR -> x;
      case RELU -> Math.max(0, x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> 1 / (1 + Math.exp(-x));
      case RELU6 -> Math.min(6, Math.max(0, x));
      case ELU -> x > 0 ? x : Math.exp(x) - 1;
      case SOFTPLUS -> Math.log1p(Math.exp(x));
      case SWISH -> x / (1 + Math.exp(-x));
      default -> throw new IllegalArgumentException("no naive reference for " + a);
    };
  }
}
