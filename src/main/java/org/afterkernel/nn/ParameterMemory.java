package org.afterkernel.nn;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.afterkernel.AkException;

/**
 * Whether a network's parameters fit before they are drawn: a variable of more than 2^31 - 9
 * scalars (the largest Java array), initial weights larger than 3/4 of this JVM's heap, or weights
 * that with their gradients and TensorFlow's copies (4 times their size) exceed the machine's
 * memory, are refused in one line instead of an integer overflow or an OutOfMemoryError.
 */
final class ParameterMemory {
  private ParameterMemory() {}

  /** Refuses {@code parameters} (of the network {@code label}) that cannot fit. */
  static void check(List<Parameter> parameters, String label) {
    long total = 0;
    for (Parameter p : parameters) {
      long n = Fans.size(p.shape());
      if (n > Integer.MAX_VALUE - 8) {
        throw new AkException(label + ": variable " + p.name() + " has " + String.format(Locale.ROOT, "%,d", n)
            + " scalars, more than one array can hold (2^31 - 9): use a smaller --width or --num-parameters");
      }
      total += n;
    }
    long bytes = 4 * total;
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap / 4 * 3) {
      throw new AkException(label + ": " + String.format(Locale.ROOT, "%,d", total) + " parameters need "
          + gib(bytes) + " for their initial values, more than 3/4 of this JVM's " + gib(heap) + " heap: use a smaller"
          + " --width or --num-parameters, or a larger heap (AK_JAVA_OPTS=-Xmx...)");
    }
    long physical = physicalMemory();
    if (physical > 0 && 4 * bytes > physical) {
      throw new AkException(label + ": " + String.format(Locale.ROOT, "%,d", total) + " parameters need about "
          + gib(4 * bytes) + " with their gradients and TensorFlow's copies, more than this machine's " + gib(physical)
          + ": use a smaller --width or --num-parameters");
    }
  }

  private static long physicalMemory() {
    try {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getTotalMemorySize();
    } catch (ClassCastException | LinkageError e) {
      return 0;
    }
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }
}
