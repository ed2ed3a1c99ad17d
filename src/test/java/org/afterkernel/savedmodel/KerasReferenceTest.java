package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operations of the float64 reference forward pass on cases worked out by hand (TensorFlow's
 * "same" padding puts the odd padding at the end; average pooling divides by the positions inside
 * the image), erf against tabulated values, and the accuracy verdict of {@code check}.
 */
class KerasReferenceTest {
  private static final ReferenceTensor NINE = new ReferenceTensor(new int[] {3, 3, 1}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

  @Test
  void convolutionSamePaddingStrideTwoPadsAtTheEnd() {
    ReferenceTensor k = new ReferenceTensor(new int[] {2, 2, 1, 1}, new double[] {1, 0, 0, -1});
    ReferenceTensor b = new ReferenceTensor(new int[] {1}, new double[] {0.5});
    ReferenceTensor out = ReferenceConv.conv2d(NINE, k, b, new int[] {2, 2}, new int[] {1, 1}, true);
    assertArrayEquals(new int[] {2, 2, 1}, out.shape());
    // (1 - 5), (3 - 0: padding), (7 - 0), 9; plus the bias
    assertArrayEquals(new double[] {-3.5, 3.5, 7.5, 9.5}, out.v(), 0);
  }

  @Test
  void dilatedValidConvolutionWithTwoFilters() {
    // kernel (2, 2, 1, 2): filter 0 = [[1, 2], [3, 4]], filter 1 = all ones; dilation 2 spans the 3x3 image
    ReferenceTensor k = new ReferenceTensor(new int[] {2, 2, 1, 2}, new double[] {1, 1, 2, 1, 3, 1, 4, 1});
    ReferenceTensor out = ReferenceConv.conv2d(NINE, k, null, new int[] {1, 1}, new int[] {2, 2}, false);
    assertArrayEquals(new int[] {1, 1, 2}, out.shape());
    assertArrayEquals(new double[] {1 * 1 + 2 * 3 + 3 * 7 + 4 * 9, 1 + 3 + 7 + 9}, out.v(), 0);
  }

  @Test
  void depthwiseConvolutionWithAMultiplierOfTwo() {
    // kernel (2, 2, 1, 2): multiplier 0 = [[1, 0], [0, 1]], multiplier 1 = all ones
    ReferenceTensor k = new ReferenceTensor(new int[] {2, 2, 1, 2}, new double[] {1, 1, 0, 1, 0, 1, 1, 1});
    ReferenceTensor out = ReferenceConv.depthwise(NINE, k, null, new int[] {1, 1}, new int[] {1, 1}, false);
    assertArrayEquals(new int[] {2, 2, 2}, out.shape());
    // per position: x[i][j] + x[i+1][j+1], then the sum of the 2x2 window
    assertArrayEquals(new double[] {1 + 5, 1 + 2 + 4 + 5, 2 + 6, 2 + 3 + 5 + 6, 4 + 8, 4 + 5 + 7 + 8, 5 + 9,
        5 + 6 + 8 + 9}, out.v(), 0);
  }

  @Test
  void poolingSameCountsOnlyPositionsInsideTheImage() {
    ReferenceTensor avg = ReferenceOps.pool2d(NINE, new int[] {2, 2}, new int[] {2, 2}, true, false);
    assertArrayEquals(new double[] {(1 + 2 + 4 + 5) / 4.0, (3 + 6) / 2.0, (7 + 8) / 2.0, 9}, avg.v(), 0);
    ReferenceTensor max = ReferenceOps.pool2d(NINE, new int[] {2, 2}, new int[] {2, 2}, true, true);
    assertArrayEquals(new double[] {5, 6, 8, 9}, max.v(), 0);
    ReferenceTensor valid = ReferenceOps.pool2d(NINE, new int[] {2, 2}, new int[] {1, 1}, false, true);
    assertArrayEquals(new double[] {5, 6, 8, 9}, valid.v(), 0);
  }

  @Test
  void denseOnTheLastAxisPaddingMergesAndConcatenation() {
    ReferenceTensor x = new ReferenceTensor(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
    ReferenceTensor k = new ReferenceTensor(new int[] {3, 1}, new double[] {1, 10, 100});
    assertArrayEquals(new double[] {321, 654}, ReferenceOps.dense(x, k, null).v(), 0);
    ReferenceTensor padded = ReferenceOps.pad2d(NINE, 1, 0, 0, 1);
    assertArrayEquals(new int[] {4, 4, 1}, padded.shape());
    assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0}, padded.v(), 0);
    assertArrayEquals(new double[] {5}, ReferenceOps.pad2d(NINE, -1, -1, -1, -1).v(), 0);
    // (2, 1, 3) times (3): the gate gets axes after the batch axis, then broadcasts
    ReferenceTensor map = new ReferenceTensor(new int[] {2, 1, 3}, new double[] {1, 2, 3, 4, 5, 6});
    ReferenceTensor gate = new ReferenceTensor(new int[] {3}, new double[] {10, 20, 30});
    ReferenceTensor m = ReferenceOps.merge(List.of(map, gate), (a, b) -> a * b);
    assertArrayEquals(new int[] {2, 1, 3}, m.shape());
    assertArrayEquals(new double[] {10, 40, 90, 40, 100, 180}, m.v(), 0);
    ReferenceTensor y = new ReferenceTensor(new int[] {2, 1}, new double[] {7, 8});
    assertArrayEquals(new double[] {1, 2, 3, 7, 4, 5, 6, 8}, ReferenceOps.concatenate(List.of(x, y), 1).v(), 0);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6},
        ReferenceOps.concatenate(List.of(x, x), 0).v(), 0);
  }

  @Test
  void erfAgainstTabulatedValues() {
    double[][] table = {{0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
        {2.5, 0.9995930479825550}, {3, 0.9999779095030014}};
    for (double[] t : table) {
      assertEquals(t[1], ReferenceActivations.erf(t[0]), 2e-15, "erf(" + t[0] + ")");
      assertEquals(-t[1], ReferenceActivations.erf(-t[0]), 2e-15, "erf(-" + t[0] + ")");
    }
    // erfc(3) = 2.209049699858544e-05, erfc(4) = 1.541725790028002e-08
    assertEquals(2.209049699858544e-05, 1 - ReferenceActivations.erf(3), 1e-16);
    assertEquals(1.541725790028002e-08, 1 - ReferenceActivations.erf(4), 1e-16);
    assertEquals(0, ReferenceActivations.erf(0), 0);
  }

  @Test
  void accuracyAmongThePresentClassesAndChance() {
    // 4 images, 3 outputs; labels 1, 1, 2, 1 (class 0 absent)
    float[] out = {9, 1, 0, /* */ 0, 5, 1, /* */ 0, 1, 2, /* */ 3, 2, 1};
    ClassifierAccuracy a = ClassifierAccuracy.of(out, 3, new int[] {1, 1, 2, 1});
    assertEquals(2 / 4.0, a.accuracy(), 0); // argmax 0, 1, 2, 0
    assertArrayEquals(new int[] {1, 2}, a.present());
    assertEquals(1, a.presentAccuracy(), 0); // among 1 and 2: 1, 1, 2, 1
    assertEquals(3 / 4.0, a.chance(), 0);
    assertTrue(a.nearChance(), "4 images cannot tell 4 of 4 from the 3 of 4 of always answering 1");
    assertNull(ClassifierAccuracy.of(new float[] {1, 2}, 1, new int[] {0, 0}), "one output is no classifier");
    assertNull(ClassifierAccuracy.of(out, 3, new int[] {1, 1, 5, 1}), "a label without an output");
    float[] good = new float[200 * 2];
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      labels[i] = i % 2;
      good[2 * i + (i % 10 == 0 ? 1 - labels[i] : labels[i])] = 1; // 90% right
    }
    ClassifierAccuracy g = ClassifierAccuracy.of(good, 2, labels);
    assertEquals(0.9, g.accuracy(), 1e-12);
    assertFalse(g.nearChance(), g.toString());
  }
}
