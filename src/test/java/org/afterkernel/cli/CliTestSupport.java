package org.afterkernel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code ak} in-process and captures its output, for command-line tests. */
public final class CliTestSupport {
  private CliTestSupport() {}

  /** Exit code and captured streams of one run. */
  public record Run(int exitCode, String out, String err) {}

  /** Runs {@code ak args...} and returns the exit code and what it printed. */
  public static Run ak(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
