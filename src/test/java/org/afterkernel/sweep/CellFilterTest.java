package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --where} conditions against the cells of a small sweep whose settings are known by hand. */
class CellFilterTest {
  @TempDir Path dir;

  /** 2 runs x cases {width 8; width 12, learning rate 0.05} x epochs {0, 1, 3}: 12 cells, 4 tasks. */
  private List<SweepPlan.Task> tasks() throws Exception {
    return SweepPlan.expand(SweepDefinition.read(SweepTestSupport.writeSweep(dir, "where", 2, "")));
  }

  private Set<String> chosen(String... where) throws Exception {
    return CellFilter.parse(List.of(where)).apply(tasks()).stream().flatMap(t -> t.cells().stream())
        .map(SweepPlan.Cell::id).collect(Collectors.toSet());
  }

  private static String id(int width, String lr, int epochs, int run) {
    return "{" + (lr == null ? "" : "\"learning-rate\":" + lr + ",") + "\"max-num-epochs\":" + epochs + ",\"width\":"
        + width + "}#" + run;
  }

  @Test
  void conditionsSelectTheCellsWhoseConfigurationHasTheValues() throws Exception {
    assertEquals(12, chosen().size(), "no condition: every cell");
    assertEquals(Set.of(id(12, "0.05", 0, 0), id(12, "0.05", 1, 0), id(12, "0.05", 3, 0), id(12, "0.05", 0, 1),
        id(12, "0.05", 1, 1), id(12, "0.05", 3, 1)), chosen("width=12"));
    assertEquals(chosen("width=12"), chosen("learning-rate=5e-2"), "numbers compare by value");
    assertEquals(Set.of(id(8, null, 0, 0), id(8, null, 1, 0), id(8, null, 3, 0), id(8, null, 0, 1),
        id(8, null, 1, 1), id(8, null, 3, 1)), chosen("learning-rate=null"), "null: the key unset");
    assertEquals(Set.of(id(8, null, 3, 0), id(12, "0.05", 3, 0)), chosen("run=0", "max-num-epochs=3"),
        "all conditions must hold");
    assertEquals(12, chosen("preset=mlp", "train-linear-model=true").size(), "base keys count too");
    assertEquals(0, chosen("preset=vgg").size());
    assertEquals(0, chosen("width=12", "run=2").size());
  }

  @Test
  void aFilteredTaskKeepsItsTrajectoryAndOnlyItsMatchingCells() throws Exception {
    List<SweepPlan.Task> t = CellFilter.parse(List.of("max-num-epochs=1")).apply(tasks());
    assertEquals(4, t.size());
    for (SweepPlan.Task task : t) {
      assertEquals(1, task.cells().size());
      assertEquals(1, task.cells().get(0).epochs());
    }
    assertEquals(tasks().get(0).id(), t.get(0).id(), "the same task id (and run) as in the whole sweep");
  }

  @Test
  void badConditionsAreRefusedInOneLineNamingThem() {
    AkException noEq = assertThrows(AkException.class, () -> CellFilter.parse(List.of("preset")));
    assertEquals("--where 'preset': expected KEY=VALUE (e.g. preset=mlp or run=0)", noEq.getMessage());
    AkException key = assertThrows(AkException.class, () -> CellFilter.parse(List.of("presett=mlp")));
    assertTrue(key.getMessage().startsWith("--where 'presett=mlp': no setting 'presett' (expected run or a"
        + " configuration key: "), key.getMessage());
    assertTrue(key.getMessage().contains(" learning-rate, "), key.getMessage());
    AkException number = assertThrows(AkException.class, () -> chosen("width=wide"));
    assertTrue(number.getMessage().startsWith("--where width=wide: width is a number"), number.getMessage());
    AkException bool = assertThrows(AkException.class, () -> chosen("train-linear-model=yes"));
    assertEquals("--where train-linear-model=yes: expected true or false", bool.getMessage());
  }
}
