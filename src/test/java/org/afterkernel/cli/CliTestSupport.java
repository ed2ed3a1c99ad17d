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

  /**
   * Runs {@code ak args...} in a JVM of its own (a fresh TensorFlow: its thread pool, signals,
   * exit), with {@code env} added to the environment ({@code AK_THREADS} and the shard variables
   * removed unless given), and returns the exit code and what it printed.
   */
  public static Run akProcess(java.util.Map<String, String> env, String... args)
      throws java.io.IOException, InterruptedException {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-cp",
        System.getProperty("java.class.path"), "org.afterkernel.cli.Main"));
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    for (String v : java.util.List.of("AK_THREADS", "AK_SHARD", "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX")) {
      pb.environment().remove(v);
    }
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    pb.environment().put("AK_NO_TTY", "1");
    pb.environment().putAll(env);
    java.nio.file.Path out = java.nio.file.Files.createTempFile("ak-out", ".txt");
    java.nio.file.Path err = java.nio.file.Files.createTempFile("ak-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("ak " + String.join(" ", args) + ": still running after 600 s");
      }
      return new Run(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    } finally {
      java.nio.file.Files.deleteIfExists(out);
      java.nio.file.Files.deleteIfExists(err);
    }
  }

  /** {@code text} without TensorFlow's native log lines (absl's, printed whatever the log level). */
  public static String withoutTensorFlowLog(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (!line.startsWith("WARNING: All log messages before absl::InitializeLog()")
          && !line.matches("[IWEF]\\d{4} [\\d:.]+ +\\d+ \\S+:\\d+\\] .*")) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }
}
