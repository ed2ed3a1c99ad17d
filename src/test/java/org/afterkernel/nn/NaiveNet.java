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
    throw new IllegalArgumentException("no naive reference for " + l);
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

  static Tensor3 dense(Dense d, double[] kernel, double[] bias, Tensor3 t) {
    int in = t.v().length;
    int units = d.units();
    double[] out = new double[units];
    for (int j = 0; j < units; j++) {
      double s = bias == null ? 0 : bias[j];
      for (int i = 0; i < in; i++) {
        s += t.v()[i] * kernel[i * units + j];
      }
      out[j] = activate(d.activation(), s);
    }
    return new Tensor3(out, new int[] {units});
  }

  static double activate(Activation a, double x) {
    return switch (a) {
      case LINEAR -> x;
      case RELU -> Math.max(0, x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> 1 / (1 + Math.exp(-x));
      default -> throw new IllegalArgumentException("no naive reference for " + a);
    };
  }
}
