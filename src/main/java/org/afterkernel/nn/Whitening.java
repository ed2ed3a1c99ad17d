package org.afterkernel.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.io.NpyArray;
import org.afterkernel.tf.SymmetricEigen;

/**
 * ZCA whitening fitted on training images: {@code x -> W (x - mean)} with {@code W = U diag(1 /
 * sqrt(lambda + eps * mean(lambda))) U^T} over the eigenpairs of the training covariance (divided
 * by n) whose eigenvalue exceeds {@link #NULL_SPACE} times the largest; directions the training
 * images never vary in (MNIST's border pixels, or beyond n when n < d) are mapped to 0. With
 * {@code eps = 0} the whitened training covariance is the identity on the non-null space. Applied
 * inside the network by a {@link Whiten} layer, so training, test and perturbed images are
 * whitened alike.
 *
 * @param dimension d, the pixels per image
 * @param mean the training mean, d values
 * @param matrix W, row-major d x d (symmetric)
 * @param eps the regularizer, relative to the mean non-null eigenvalue
 * @param rank the eigenpairs kept
 */
public record Whitening(int dimension, float[] mean, float[] matrix, double eps, int rank) {
  /** Eigenvalues at most this fraction of the largest are taken as the null space. */
  public static final double NULL_SPACE = 1e-9;

  public Whitening {
    if (mean.length != dimension || matrix.length != (long) dimension * dimension) {
      throw new IllegalArgumentException("whitening of dimension " + dimension + " with " + mean.length
          + " means and " + matrix.length + " matrix entries");
    }
  }

  /** Fits ZCA whitening with regularizer {@code eps} (relative) on {@code images}. */
  public static Whitening fit(Images images, double eps) {
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("whitening eps is " + eps + ", expected a number >= 0");
    }
    int n = images.count();
    int d = images.imageSize();
    if (n < 2) {
      throw new IllegalArgumentException("whitening needs at least 2 training images, got " + n);
    }
    float[] px = images.pixels();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        mean[a] += px[i * d + a];
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] /= n;
    }
    double[] cov = covariance(px, mean, n, d);
    SymmetricEigen e = SymmetricEigen.of(cov, d, true);
    double max = Arrays.stream(e.values()).max().orElse(0);
    double sum = 0;
    int rank = 0;
    for (double v : e.values()) {
      if (v > NULL_SPACE * max) {
        sum += v;
        rank++;
      }
    }
    double shift = rank == 0 ? 0 : eps * sum / rank;
    double[] w = new double[d * d];
    double[] scaled = new double[d];
    for (int j = 0; j < d; j++) {
      double v = e.values()[j];
      if (!(v > NULL_SPACE * max)) {
        continue;
      }
      double s = 1 / Math.sqrt(v + shift);
      for (int a = 0; a < d; a++) {
        scaled[a] = e.vector(a, j) * s;
      }
      for (int a = 0; a < d; a++) {
        double ua = e.vector(a, j);
        int row = a * d;
        for (int b = 0; b < d; b++) {
          w[row + b] += ua * scaled[b];
        }
      }
    }
    float[] m = new float[d];
    float[] wf = new float[d * d];
    for (int a = 0; a < d; a++) {
      m[a] = (float) mean[a];
    }
    for (int k = 0; k < wf.length; k++) {
      wf[k] = (float) w[k];
    }
    return new Whitening(d, m, wf, eps, rank);
  }

  /** The covariance (divided by n) of the rows of {@code px} about {@code mean}, row-major d x d. */
  static double[] covariance(float[] px, double[] mean, int n, int d) {
    double[] cov = new double[d * d];
    double[] x = new double[d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        x[a] = px[i * d + a] - mean[a];
      }
      for (int a = 0; a < d; a++) {
        double xa = x[a];
        if (xa == 0) {
          continue;
        }
        int row = a * d;
        for (int b = a; b < d; b++) {
          cov[row + b] += xa * x[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double v = cov[a * d + b] / n;
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    return cov;
  }

  /** The whitened images, computed in Java in double precision (the reference of the layer). */
  public Images apply(Images images) {
    int d = dimension;
    if (images.imageSize() != d) {
      throw new IllegalArgumentException("whitening of " + d + " pixels applied to images of "
          + images.imageSize());
    }
    float[] out = new float[images.pixels().length];
    double[] x = new double[d];
    for (int i = 0; i < images.count(); i++) {
      for (int a = 0; a < d; a++) {
        x[a] = images.pixels()[i * d + a] - mean[a];
      }
      for (int a = 0; a < d; a++) {
        double s = 0;
        for (int b = 0; b < d; b++) {
          s += matrix[a * d + b] * x[b];
        }
        out[i * d + a] = (float) s;
      }
    }
    return new Images(images.count(), images.height(), images.width(), images.channels(), out);
  }

  /** The layer applying this whitening in a network's graph. */
  public Whiten layer() {
    return new Whiten("zca_whitening", this);
  }

  /** The arrays to save beside a model ({@code mean}, {@code matrix}, {@code eps}). */
  public Map<String, NpyArray> arrays() {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("mean", NpyArray.ofFloats(new long[] {dimension}, mean));
    m.put("matrix", NpyArray.ofFloats(new long[] {dimension, dimension}, matrix));
    m.put("eps_rank", NpyArray.ofFloats(new long[] {2}, new float[] {(float) eps, rank}));
    return m;
  }

  /** Reads the arrays written by {@link #arrays()}. */
  public static Whitening of(Map<String, NpyArray> arrays) {
    float[] mean = arrays.get("mean").asFloats();
    float[] er = arrays.get("eps_rank").asFloats();
    return new Whitening(mean.length, mean, arrays.get("matrix").asFloats(), er[0], (int) er[1]);
  }
}
