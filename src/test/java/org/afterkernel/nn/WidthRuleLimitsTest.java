package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The width rules by bisection agree with the script's loop and refuse budgets it would loop on for ever. */
class WidthRuleLimitsTest {
  /** The script's loop, literally: width 4, then +1 while the VGG count is below the budget. */
  private static int vggLoop(double budget, int image, int channels, int f, int blocks, int layers) {
    int w = 4;
    while (WidthRule.approximateVggCount(image, channels, w, f, blocks, layers) < budget) {
      w++;
    }
    return w;
  }

  /** The script's MLP loop, literally. */
  private static int mlpLoop(double budget, int in, int layers) {
    int w = 4;
    double count = 0;
    while (count < budget) {
      w++;
      count = (double) in * w + (double) (layers - 1) * (w + 1) * w + w + 1;
    }
    return w;
  }

  @Test
  void bisectionFindsWhatTheScriptsLoopFinds() {
    for (double budget : new double[] {-5, 0, 1, 49, 1e3, 5e4, 1e5, 123_457, 1e6, 3.3e6, 1e7}) {
      assertEquals(vggLoop(budget, 28, 1, 3, 2, 4), WidthRule.vggWidth(budget, 28, 1, 3, 2, 4), "vgg " + budget);
      assertEquals(vggLoop(budget, 32, 3, 5, 3, 3), WidthRule.vggWidth(budget, 32, 3, 5, 3, 3), "vgg3 " + budget);
      assertEquals(mlpLoop(budget, 784, 4), WidthRule.mlpWidth(budget, 784, 4), "mlp " + budget);
      assertEquals(mlpLoop(budget, 3072, 1), WidthRule.mlpWidth(budget, 3072, 1), "mlp1 " + budget);
    }
  }

  @Test
  void budgetsBeyondTheWidestNetworkAreRefusedInsteadOfLoopingForEver() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WidthRule.vggWidth(1e30, 28, 1, 3, 2, 4));
    assertTrue(e.getMessage().contains("needs a width above the largest allowed, 1048576"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WidthRule.mlpWidth(1e300, 784, 4));
  }

  @Test
  void specsWithoutAnArchitectureOrWithAbsurdSizesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkSpec(null, 8, 1, 1, 3, 2, 28, 28, 1));
    assertTrue(e.getMessage().startsWith("architecture is null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkSpec(Architecture.MLP, 8, 1, Integer.MAX_VALUE, 3, 2, 28, 28, 1));
    assertTrue(e.getMessage().contains("at most 1000"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(Architecture.MLP, 1 << 21, 1, 4, 3, 2, 28, 28, 1));
  }
}
