package org.afterkernel.cli;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Labels;

/**
 * A generated max-margin problem shaped like after-kernel features: a rank-{@code r} signal plus
 * uniform noise, labelled by the side of a random hyperplane in the signal's latent space, rows
 * scaled to mean norm 1 as the experiment does. With more features than examples it is separable.
 * Generation is parallel over rows, each row from its own seeded stream, so the problem depends only
 * on the seed.
 */
final class BenchSvmProblem {
  private BenchSvmProblem() {}

  record Generated(DenseMatrix x, Labels labels) {}

  static Generated generate(int n, int p, int rank, double noise, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    float[] basis = new float[rank * p];
    for (int i = 0; i < basis.length; i++) {
      basis[i] = (float) root.nextGaussian();
    }
    double[] direction = new double[rank];
    for (int j = 0; j < rank; j++) {
      direction[j] = root.nextGaussian();
    }
    long rowSeed = root.nextLong();
    float[] data = new float[Math.multiplyExact(n, p)];
    long[] classes = new long[n];
    double[] norms = new double[n];
    double noiseHalfWidth = noise * Math.sqrt(3.0 * rank); // noise variance noise^2 * rank per feature
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              SplittableRandom rnd = new SplittableRandom(rowSeed + 0x9E3779B97F4A7C15L * i);
              double[] latent = new double[rank];
              double side = 0;
              for (int j = 0; j < rank; j++) {
                latent[j] = rnd.nextGaussian();
                side += latent[j] * direction[j];
              }
              classes[i] = side > 0 ? 1 : 0;
              int o = i * p;
              double sq = 0;
              for (int k = 0; k < p; k++) {
                double v = noiseHalfWidth * (2 * rnd.nextDouble() - 1);
                for (int j = 0; j < rank; j++) {
                  v += latent[j] * basis[j * p + k];
                }
                data[o + k] = (float) v;
                sq += v * v;
              }
              norms[i] = Math.sqrt(sq);
            });
    double mean = 0;
    for (double v : norms) {
      mean += v / n;
    }
    float scale = (float) (1 / (1e-4 + mean));
    IntStream.range(0, n).parallel().forEach(i -> {
      for (int k = i * p; k < (i + 1) * p; k++) {
        data[k] *= scale;
      }
    });
    return new Generated(new DenseMatrix(n, p, data), Labels.of(classes));
  }
}
