package org.afterkernel.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.afterkernel.AkException;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.Warnings;
import picocli.CommandLine;

/** Entry point of {@code ak}: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code ak} with {@code args} in this process and returns the exit code. */
  public static int run(String... args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      return commandLine(out, err).execute(args);
    } finally {
      // Auto-flush covers println and printf only: a command's last print() would be lost at exit.
      out.flush();
      err.flush();
    }
  }

  /** The configured command line, writing to the given streams (tests capture them). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new AkCommand());
    cl.setOut(out);
    cl.setErr(err);
    Warnings.to(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(
        parseResult -> {
          Provenance.setCommandLine(Arrays.asList(parseResult.originalArgs().toArray(new String[0])));
          Optional<UnknownCommand.Found> unknown = UnknownCommand.find(parseResult);
          if (unknown.isPresent()) {
            return unknown.get().report(parseResult.commandSpec().commandLine().getErr());
          }
          String badNumber = helpOrVersion(parseResult) ? null : NumericOptions.check(parseResult);
          if (badNumber != null) {
            PrintWriter w = parseResult.commandSpec().commandLine().getErr();
            w.println("ak: error: " + badNumber);
            w.flush();
            return 2;
          }
          if (!matched(parseResult, "--threads") && !helpOrVersion(parseResult)) {
            try {
              AkCommand.threadsFromEnvironment(System.getenv("AK_THREADS"));
            } catch (AkException e) {
              PrintWriter w = parseResult.commandSpec().commandLine().getErr();
              w.println("ak: error: " + e.getMessage());
              w.flush();
              return 2;
            }
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          Optional<UnknownCommand.Found> unknown =
              ex instanceof CommandLine.UnmatchedArgumentException
                  ? UnknownCommand.find(ex.getCommandLine().getParseResult())
                  : Optional.empty();
          if (unknown.isPresent()) {
            return unknown.get().report(ex.getCommandLine().getErr());
          }
          // One line, not the usage screen: the message names the option; --help shows the rest.
          PrintWriter w = ex.getCommandLine().getErr();
          w.println("ak: error: " + oneLine(ex) + " (" + ex.getCommandLine().getCommandSpec().qualifiedName(" ")
              + " --help for usage)");
          w.flush();
          return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter e = commandLine.getErr();
          e.println("ak: error: " + oneLine(ex));
          if (!(ex instanceof AkException) && !(ex instanceof UncheckedIOException)
              || System.getenv("AK_DEBUG") != null) {
            ex.printStackTrace(e);
          }
          e.flush();
          return 1;
        });
    return cl;
  }

  /** Whether {@code option} was given on the command line, at any level of subcommands. */
  static boolean matched(CommandLine.ParseResult r, String option) {
    for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }

  private static boolean helpOrVersion(CommandLine.ParseResult r) {
    for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** The message of {@code ex} (or of its cause), on one line. */
  static String oneLine(Throwable ex) {
    Throwable t = ex;
    String msg = t.getMessage();
    while ((msg == null || msg.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      msg = t.getMessage();
    }
    if (msg == null || msg.isBlank()) {
      msg = t.getClass().getSimpleName();
    }
    return msg.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
