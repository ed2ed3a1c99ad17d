package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import org.junit.jupiter.api.Test;

/**
 * Every numeric option of every subcommand, set to NaN, infinities, -1 and 0: a value the option
 * cannot take is a usage error (exit 2) on one line naming the option, before any work, never a
 * stack trace. Which options take -1 or 0 is this test's own list (the command line's contract),
 * not read from the code under test.
 */
class NumericOptionsTest {
  /** Options for which a negative number means something (seeds, offsets, angles). */
  private static final Set<String> NEGATIVE_OK = Set.of("--seed", "--angle", "--rotation-angle", "--dx", "--dy",
      "--below", "--above");

  /** Options for which 0 means something: all examples, no samples, the untrained network, class 0, ... */
  private static final Set<String> ZERO_OK = Set.of("--seed", "--angle", "--rotation-angle", "--dx", "--dy",
      "--first", "--test-first", "--cols-first", "--train-first", "--train-examples", "--test-examples",
      "--effective-rank-sample-size", "--ker-alignment-sample-size", "--num-rotations", "--num-swaps",
      "--num-translations", "--num-zooms", "--max-num-epochs", "--output-index", "--minus-class", "--plus-class",
      "--ridge", "ak train --epochs", "ak bench svm --epochs", "--below", "--above");

  private record Case(String command, List<String> path, OptionSpec option, List<String> required) {}

  private static CommandLine root() {
    return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  /** Every numeric option of every (sub)command, with placeholder values for what the command requires. */
  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    collect(root(), List.of(), out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> path, List<Case> out) {
    List<String> required = new ArrayList<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      // one of an exclusive group (ak verdict --below | --above) is the option under test, not a requirement
      boolean alternative = o.group() != null && o.group().exclusive();
      if (o.required() && !alternative) {
        required.add(o.longestName());
        if (o.arity().min() > 0) {
          required.add(placeholder(o));
        }
      }
    }
    for (PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
      if (p.arity().min() > 0) {
        required.add(placeholder(p));
      }
    }
    for (OptionSpec o : cl.getCommandSpec().options()) {
      if (NumericOptions.isNumeric(o) && !path.isEmpty()) {
        out.add(new Case(cl.getCommandSpec().qualifiedName(" "), path, o, required));
      }
    }
    cl.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().equals(cl.getCommandSpec()) && sub.getParent() == cl) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        collect(sub, p, out);
      }
    });
  }

  private static String placeholder(ArgSpec arg) {
    Class<?> type = arg.isMultiValue() && arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    if (type.isEnum()) {
      return type.getEnumConstants()[0].toString();
    }
    return type.isPrimitive() || Number.class.isAssignableFrom(type) ? "1" : "placeholder";
  }

  private static List<String> args(Case c, String value) {
    List<String> a = new ArrayList<>(c.path());
    a.addAll(c.required());
    a.add(c.option().longestName() + "=" + value);
    return a;
  }

  private static boolean allowed(Case c, String value) {
    String name = c.option().longestName();
    return switch (value) {
      case "-1" -> NEGATIVE_OK.contains(name);
      case "0" -> ZERO_OK.contains(name) || ZERO_OK.contains(c.command() + " " + name);
      default -> false;
    };
  }

  @Test
  void everyNumericOptionHasADeclaredRange() {
    List<Case> all = cases();
    assertTrue(all.size() > 150, all.size() + " numeric options found");
    for (Case c : all) {
      assertNotNull(NumericOptions.rangeOf(c.command(), c.option().longestName()), c.command() + " "
          + c.option().longestName());
    }
  }

  @Test
  void nanInfinitiesAndOutOfRangeValuesAreOneLineUsageErrors() {
    int refused = 0;
    int accepted = 0;
    for (Case c : cases()) {
      for (String v : List.of("NaN", "Infinity", "-Infinity", "-1", "0")) {
        String what = String.join(" ", args(c, v));
        if (allowed(c, v)) {
          CommandLine cl = root();
          CommandLine.ParseResult r = cl.parseArgs(args(c, v).toArray(new String[0]));
          assertNull(NumericOptions.check(r), what + ": a value the option takes");
          accepted++;
          continue;
        }
        CliTestSupport.Run run = CliTestSupport.ak(args(c, v).toArray(new String[0]));
        assertEquals(2, run.exitCode(), what + ": " + run.out() + run.err());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), what + ": one line: " + err);
        assertTrue(err.startsWith("ak: error: "), what + ": " + err);
        assertTrue(err.contains(c.option().longestName()), what + ": names the option: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": no stack trace: " + err);
        assertEquals("", run.out(), what + ": nothing done");
        refused++;
      }
    }
    assertTrue(refused > 500 && accepted > 50, refused + " refused, " + accepted + " accepted");
  }
}
