package org.afterkernel.track;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The optimizer steps at which a trajectory is recorded: always step 0 (initialisation) and the
 * last step, and in between either about {@code records} log-spaced steps or every N-th step.
 *
 * @param steps the recorded steps, strictly increasing, from 0 to {@code total}
 */
public record TrackSchedule(long[] steps) {

  /** About {@code records} points: 0, then steps rounded from a geometric grid from 1 to {@code total}. */
  public static TrackSchedule logSpaced(long total, int records) {
    if (total < 1 || records < 2) {
      throw new IllegalArgumentException("a schedule of " + records + " records over " + total
          + " steps: expected at least 2 records and 1 step");
    }
    TreeSet<Long> s = new TreeSet<>();
    s.add(0L);
    int points = records - 1;
    for (int i = 0; i < points; i++) {
      double t = points == 1 ? 1 : (double) i / (points - 1);
      s.add(Math.max(1, Math.min(total, Math.round(Math.exp(t * Math.log(total))))));
    }
    s.add(total);
    return new TrackSchedule(s.stream().mapToLong(Long::longValue).toArray());
  }

  /** Steps 0, N, 2N, ... and the last step. */
  public static TrackSchedule every(long total, long n) {
    if (total < 1 || n < 1) {
      throw new IllegalArgumentException("every " + n + " of " + total + " steps: expected positive numbers");
    }
    TreeSet<Long> s = new TreeSet<>();
    for (long k = 0; k <= total; k += n) {
      s.add(k);
    }
    s.add(total);
    return new TrackSchedule(s.stream().mapToLong(Long::longValue).toArray());
  }

  /** Whether {@code step} is recorded. */
  public boolean contains(long step) {
    return Arrays.binarySearch(steps, step) >= 0;
  }

  /** The last step. */
  public long last() {
    return steps[steps.length - 1];
  }

  /** Number of records. */
  public int size() {
    return steps.length;
  }
}
