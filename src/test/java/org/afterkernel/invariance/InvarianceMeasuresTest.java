package org.afterkernel.invariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.train.EpochListener;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;
import org.junit.jupiter.api.Test;

class InvarianceMeasuresTest {
  private static final LabeledImages TEST =
      Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 300);

  private static Map<InvarianceKind, Integer> all(int n) {
    Map<InvarianceKind, Integer> m = new EnumMap<>(InvarianceKind.class);
    for (InvarianceKind k : InvarianceKind.values()) {
      m.put(k, n);
    }
    return m;
  }

  /** The script's ave_cosine on whole matrices, written out. */
  private static double naiveCosine(DenseMatrix a, DenseMatrix b) {
    double sum = 0;
    for (int i = 0; i < a.rows(); i++) {
      double aa = 0;
      double bb = 0;
      double ab = 0;
      for (int j = 0; j < a.cols(); j++) {
        aa += (double) a.get(i, j) * a.get(i, j);
        bb += (double) b.get(i, j) * b.get(i, j);
        ab += (double) a.get(i, j) * b.get(i, j);
      }
      sum += ab / ((1e-4 + Math.sqrt(aa)) * (1e-4 + Math.sqrt(bb)));
    }
    return sum / a.rows();
  }

  @Test
  void streamedMeasuresEqualTheScriptsComputationOnWholeMatrices() {
    Images x = TEST.images().slice(0, 70);
    try (Model m = Model.create(NetworkSpec.preset("vgg", 28, 28, 1).withWidth(4), 2)) {
      FeatureMap fast = FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED);
      Map<InvarianceKind, Integer> n = new EnumMap<>(InvarianceKind.class);
      n.put(InvarianceKind.TRANSLATE, 70);
      n.put(InvarianceKind.ROTATE, 45);
      n.put(InvarianceKind.ZOOM, 70);
      n.put(InvarianceKind.SWAP, 13);
      Map<InvarianceKind, Double> measured = InvarianceMeasures.measure(fast, x, n, 0.25, Progress.silent());
      FeatureMap ref = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE);
      for (InvarianceKind kind : InvarianceKind.values()) {
        Images xs = x.slice(0, n.get(kind));
        DenseMatrix original = ref.features(xs);
        double mean = 0;
        for (Perturbation p : kind.perturbations(0.25)) {
          mean += naiveCosine(original, ref.features(p.reference(xs)));
        }
        mean /= kind.perturbations(0.25).size();
        assertEquals(mean, measured.get(kind), 1e-5, kind.measureName());
      }
    }
  }

  /**
   * Invariances from structured rows (Dense layers as factors) equal the script's computation on
   * the materialized reference features, for the MLP (all Dense) and VGG (a Dense head).
   */
  @Test
  void structuredRowsGiveTheSameMeasures() {
    Images x = TEST.images().slice(0, 60);
    for (String preset : java.util.List.of("mlp", "vgg")) {
      try (Model m = Model.create(NetworkSpec.preset(preset, 28, 28, 1).withWidth(preset.equals("mlp") ? 30 : 4), 3)) {
        FeatureMap structured = FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED);
        assertTrue(structured.layout().width() < structured.dimension() || preset.equals("vgg"), preset);
        Map<InvarianceKind, Double> measured = InvarianceMeasures.measure(structured, x, all(60), 0.25, Progress.silent());
        FeatureMap ref = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE);
        DenseMatrix original = ref.features(x);
        for (InvarianceKind kind : InvarianceKind.values()) {
          double mean = 0;
          for (Perturbation p : kind.perturbations(0.25)) {
            mean += naiveCosine(original, ref.features(p.reference(x)));
          }
          mean /= kind.perturbations(0.25).size();
          assertEquals(mean, measured.get(kind), 1e-5, preset + " " + kind.measureName());
        }
      }
    }
  }

  /**
   * The paper's unit test: the Sum network only sees the pixel sum, so shifts by one pixel and
   * quadrant swaps (which keep every MNIST pixel: the digits do not touch the border) leave its
   * features unchanged, and invariance is 1 up to the 1e-4 in the normalisation. Rotation by 0.25
   * rad with nearest-neighbour sampling duplicates and drops pixels, so the pixel sum changes a
   * little and rotation invariance is close to, not exactly, 1.
   */
  @Test
  void sumNetworkIsInvariantBeforeAndAfterTraining() {
    LabeledImages train = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, ClassPair.DEFAULT, 500);
    try (Model m = Model.create(NetworkSpec.preset("sum", 28, 28, 1), 1)) {
      for (int stage = 0; stage < 2; stage++) {
        for (FeatureKind kind : FeatureKind.values()) {
          Map<InvarianceKind, Double> v = InvarianceMeasures.measure(
              FeatureMap.of(m, kind, Implementation.BATCHED), TEST.images(), all(300), 0.25, Progress.silent());
          String where = (stage == 0 ? "ntk " : "after kernel ") + kind;
          assertTrue(v.get(InvarianceKind.TRANSLATE) >= 0.999, where + " translation " + v);
          assertTrue(v.get(InvarianceKind.SWAP) >= 0.999, where + " swap " + v);
          assertTrue(v.get(InvarianceKind.ROTATE) >= 0.99 && v.get(InvarianceKind.ROTATE) < 1, where + " rotation " + v);
        }
        new Trainer(m, train, TrainConfig.defaults(1, 1)).fit(EpochListener.NONE, false);
      }
    }
  }
}
