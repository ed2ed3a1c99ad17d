package org.afterkernel.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long task. On a terminal it redraws one line with a bar, the rate and the ETA; when
 * the output is not a terminal (a log file, a cluster job) it prints a plain line at most every
 * {@code AK_PROGRESS_SECONDS} seconds (default 10). Output goes to standard error, so standard
 * output stays clean for results. Not thread-safe: one task reports from one thread.
 */
public final class Progress implements AutoCloseable {
  private static final boolean TERMINAL = System.console() != null && System.getenv("AK_NO_TTY") == null;
  private static final double PLAIN_INTERVAL = intervalSeconds();

  private final String task;
  private final String unit;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint = start;
  private String status = "";
  private boolean closed;

  private Progress(String task, long total, String unit, PrintStream out, boolean terminal) {
    this.task = task;
    this.total = total;
    this.unit = unit;
    this.out = out;
    this.terminal = terminal;
  }

  /** Starts reporting a task of {@code total} units (0 when unknown). */
  public static Progress start(String task, long total, String unit) {
    return new Progress(task, total, unit, System.err, TERMINAL);
  }

  /** A progress that prints nothing (tests, nested tasks). */
  public static Progress silent() {
    return new Progress("", 0, "", null, false);
  }


  /** Adds {@code n} finished units. */
  public void step(long n) {
    done += n;
    maybePrint(false);
  }

  /** Sets a short status shown after the counts (e.g. the current loss). */
  public void status(String text) {
    status = text == null ? "" : text;
  }

  /** Units done so far. */
  public long done() {
    return done;
  }

  /** Seconds since the task started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Finishes the line. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      maybePrint(true);
      if (out != null && terminal) {
        out.println();
      }
    }
  }

  private void maybePrint(boolean force) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    double sinceLast = (now - lastPrint) / 1e9;
    if (!force && sinceLast < (terminal ? 0.2 : PLAIN_INTERVAL)) {
      return;
    }
    lastPrint = now;
    String line = render(now);
    if (terminal) {
      out.print("\r" + line + "\033[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  private String render(long now) {
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    StringBuilder b = new StringBuilder(task);
    if (total > 0) {
      double frac = Math.min(1.0, (double) done / total);
      if (terminal) {
        int width = 24;
        int full = (int) Math.round(frac * width);
        b.append(" [").append("#".repeat(full)).append(" ".repeat(width - full)).append(']');
      }
      b.append(String.format(Locale.ROOT, " %d/%d %s (%.0f%%)", done, total, unit, 100 * frac));
    } else {
      b.append(String.format(Locale.ROOT, " %d %s", done, unit));
    }
    b.append(String.format(Locale.ROOT, ", %s %s/s", humanRate(rate), unit));
    b.append(", elapsed ").append(duration(secs));
    if (total > 0 && done > 0 && done < total) {
      b.append(", ETA ").append(duration((total - done) / rate));
    }
    if (!status.isEmpty()) {
      b.append(", ").append(status);
    }
    return b.toString();
  }

  private static String humanRate(double r) {
    return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r);
  }

  /** A duration as {@code 1h02m03s}, {@code 2m05s} or {@code 4.2s}. */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }

  private static double intervalSeconds() {
    String v = System.getenv("AK_PROGRESS_SECONDS");
    try {
      return v == null ? 10 : Math.max(0, Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return 10;
    }
  }
}
