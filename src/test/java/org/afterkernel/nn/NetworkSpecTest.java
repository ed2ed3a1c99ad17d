package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter counts and width rules against the published numbers (issue 3, PARITY.md §2). */
class NetworkSpecTest {
  private static long count(NetworkSpec spec) {
    try (Model m = Model.create(spec, 1)) {
      long fromVariables = m.weights().size();
      assertEquals(fromVariables, m.parameterCount(), "layer counts agree with the variables");
      return fromVariables;
    }
  }

  @Test
  void presetsHaveThePapersParameterCounts() {
    assertEquals(45_527, count(NetworkSpec.preset("vgg", 28, 28, 1)));
    assertEquals(905_591, count(NetworkSpec.preset("mega-vgg", 28, 28, 1)));
    assertEquals(100_675, count(NetworkSpec.preset("mlp", 28, 28, 1)));
    assertEquals(49, count(NetworkSpec.preset("sum", 28, 28, 1)));
    assertEquals(46_775, count(NetworkSpec.preset("vgg", 32, 32, 3)));
  }

  @Test
  void parameterBudgetFollowsTheScriptsRule() {
    NetworkSpec vgg = NetworkSpec.preset("vgg", 28, 28, 1);
    assertEquals(38, vgg.withParameterBudget(1e5).width());
    assertEquals(95_267, count(vgg.withParameterBudget(1e5)));
    assertEquals(119, vgg.withParameterBudget(1e6).width());
    assertEquals(94, NetworkSpec.preset("mlp", 28, 28, 1).withParameterBudget(1e5).width());
    assertEquals(16, NetworkSpec.preset("sum", 28, 28, 1).withParameterBudget(16).width());
  }

  @Test
  void vggRuleIsTheSmallestWidthReachingTheBudget() {
    // Approximate count by hand for width 37 and 38 on MNIST (f = 3, 2 blocks, 4 layers):
    // 1*w*10 + w*w*10 + w*2w*10 + 2w*2w*10 + 7*7*2w + 1
    for (int w : new int[] {37, 38}) {
      double byHand = 10.0 * w + 10.0 * w * w + 20.0 * w * w + 40.0 * w * w + 98.0 * w + 1;
      assertEquals(byHand, WidthRule.approximateVggCount(28, 1, w, 3, 2, 4), 1e-9);
    }
    assertTrue(WidthRule.approximateVggCount(28, 1, 37, 3, 2, 4) < 1e5);
    assertTrue(WidthRule.approximateVggCount(28, 1, 38, 3, 2, 4) >= 1e5);
  }

  @Test
  void layersAreNamedAsKerasNamesThem() {
    List<String> names = NetworkSpec.preset("vgg", 28, 28, 1).toSequential().layers().stream()
        .map(Layer::name).toList();
    assertEquals(List.of("conv2d", "conv2d_1", "max_pooling2d", "conv2d_2", "conv2d_3",
        "max_pooling2d_1", "flatten", "dense"), names);
  }

  @Test
  void invalidSpecsAreRejectedWithTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkSpec(Architecture.VGG, 0, 2, 4, 3, 2, 28, 28, 1));
    assertTrue(e.getMessage().contains("width is 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.preset("resnet", 28, 28, 1));
    assertTrue(e.getMessage().contains("'resnet'"), e.getMessage());
  }
}
