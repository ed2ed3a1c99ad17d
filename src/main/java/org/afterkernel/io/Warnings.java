package org.afterkernel.io;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where readers and writers report what they tolerated without failing (a torn line skipped, a
 * duplicate cell kept once): one line each, {@code ak: warning: ...}, on the command's error
 * stream ({@code ak} sets it; standard error otherwise). A warning is printed once per command,
 * however often the file behind it is read.
 */
public final class Warnings {
  private static volatile Consumer<String> sink = line -> {
    System.err.println(line);
    System.err.flush();
  };

  private static final Set<String> SEEN = new HashSet<>();

  private Warnings() {}

  /** Sends warnings to {@code err} from now on. */
  public static void to(PrintWriter err) {
    synchronized (SEEN) {
      SEEN.clear();
    }
    sink = line -> {
      err.println(line);
      err.flush();
    };
  }

  /** Reports {@code message} (one line, without the {@code ak: warning:} prefix). */
  public static void warn(String message) {
    String line = "ak: warning: " + message.replaceAll("\\s*\\R\\s*", " ").trim();
    synchronized (SEEN) {
      if (!SEEN.add(line)) {
        return;
      }
    }
    sink.accept(line);
  }
}
