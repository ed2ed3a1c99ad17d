package org.afterkernel.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackScheduleTest {
  @Test
  void logSpacedStepsStartAtZeroEndAtTheLastStepAndRiseGeometrically() {
    TrackSchedule s = TrackSchedule.logSpaced(10_000, 60);
    long[] steps = s.steps();
    assertEquals(0, steps[0]);
    assertEquals(10_000, s.last());
    assertTrue(s.size() <= 60 && s.size() >= 50, "records " + s.size());
    for (int i = 1; i < steps.length; i++) {
      assertTrue(steps[i] > steps[i - 1]);
    }
    // 59 geometric points from 1 to 10^4: the 30th is 10^2.
    assertTrue(s.contains(100));
    assertTrue(s.contains(1));
    // Fewer steps than records: every step once.
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, TrackSchedule.logSpaced(5, 60).steps());
  }

  @Test
  void everyNStepsKeepsTheLastStep() {
    assertArrayEquals(new long[] {0, 4, 8, 10}, TrackSchedule.every(10, 4).steps());
    assertArrayEquals(new long[] {0, 5, 10}, TrackSchedule.every(10, 5).steps());
  }
}
