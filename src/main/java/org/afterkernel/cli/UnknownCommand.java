package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.afterkernel.io.Spelling;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * A word where a command that has subcommands expects one of them ({@code ak regress}, {@code
 * ak bench nosuch --help}) is a usage error: exit 2 and {@code unknown command 'regress'; did you
 * mean ...?}. Picocli alone prints the parent's usage and exits 0 when {@code --help} follows
 * the unknown word, so a script could not tell that the command is missing.
 */
final class UnknownCommand {
  static final int EXIT_CODE = 2;

  private UnknownCommand() {}

  /**
   * The unknown command word of a parse (the first unmatched argument of the deepest command,
   * when that command has subcommands and the argument is not an option), with that command.
   */
  static Optional<Found> find(ParseResult parseResult) {
    ParseResult deepest = parseResult;
    while (deepest.hasSubcommand()) {
      deepest = deepest.subcommand();
    }
    CommandLine command = deepest.commandSpec().commandLine();
    List<String> unmatched = deepest.unmatched();
    if (command.getSubcommands().isEmpty() || unmatched.isEmpty()) {
      return Optional.empty();
    }
    String word = unmatched.get(0);
    return word.startsWith("-") ? Optional.empty() : Optional.of(new Found(command, word));
  }

  /** An unknown word {@code word} given to {@code command}. */
  record Found(CommandLine command, String word) {
    /** The one-line message, with the closest subcommands or else all of them. */
    String message() {
      List<String> names = List.copyOf(command.getSubcommands().keySet());
      List<String> close = Spelling.closest(word, names);
      String parent = command.getCommandSpec().qualifiedName();
      String suggestion = close.isEmpty()
          ? "did you mean one of: " + String.join(", ", names) + "?"
          : "did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
      return "unknown command '" + word + "'" + (parent.equals("ak") ? "" : " of '" + parent + "'")
          + "; " + suggestion + " (see '" + parent + " --help')";
    }

    /** Prints the message as {@code ak: error: ...} and returns the usage exit code. */
    int report(PrintWriter err) {
      err.println("ak: error: " + message());
      err.flush();
      return EXIT_CODE;
    }
  }
}
