package org.afterkernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
  @Test
  void distanceCountsEditsAsLevenshteinDoes() {
    assertEquals(3, Spelling.distance("kitten", "sitting")); // k->s, e->i, +g
    assertEquals(0, Spelling.distance("run", "run"));
    assertEquals(3, Spelling.distance("", "run"));
    assertEquals(1, Spelling.distance("runn", "run"));
    assertEquals(2, Spelling.distance("ab", "ba"));
  }

  @Test
  void closestKeepsNearSpellingsAndPrefixesClosestFirst() {
    List<String> names = List.of("run", "status", "merge", "summarize");
    assertEquals(List.of("run"), Spelling.closest("runn", names));
    assertEquals(List.of("run", "summarize"), Spelling.closest("sum", names));
    assertEquals(List.of(), Spelling.closest("regress", names));
    assertEquals(List.of("status"), Spelling.closest("stauts", names));
  }
}
