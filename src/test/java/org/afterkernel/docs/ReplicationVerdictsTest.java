package org.afterkernel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterkernel.cli.CliTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every verdict of REPLICATION.md's tables that a sweep command gives is what that command prints
 * on the committed results: each table row's {@code tools/ak sweep summarize ... --paired ...}
 * commands are run in this process and the verdicts they print, in order, must be the verdicts
 * the row quotes. (Rows judged by {@code tools/replication-verdicts.sh NAME}, which needs jq, are
 * checked by {@code tools/replication-verdicts.sh --check}.)
 */
class ReplicationVerdictsTest {
  /** A verdict as {@code ak sweep summarize --paired} and {@code ak verdict} print it. */
  static final Pattern TOKEN = Pattern.compile(
      "(not reproduced|reproduced|inconclusive|consistent \\(\\d+ runs?\\)|contrary \\(\\d+ runs?\\)|not measured)"
          + " \\[n=[^\\]]*\\]");
  private static final Pattern SWEEP_COMMAND = Pattern.compile("`tools/ak (sweep summarize [^`]*)`");
  private static final Pattern ANY_COMMAND = Pattern.compile("`tools/[^`]*`");

  @Test
  void everySweepRowsVerdictsAreWhatItsCommandsPrint() throws Exception {
    List<String> rows = Files.readAllLines(Path.of("REPLICATION.md")).stream().filter(l -> l.startsWith("|")).toList();
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (String row : rows) {
      List<String> quoted = tokens(ANY_COMMAND.matcher(row).replaceAll(""));
      Matcher m = SWEEP_COMMAND.matcher(row);
      List<String> printed = new ArrayList<>();
      boolean any = false;
      while (m.find()) {
        any = true;
        CliTestSupport.Run r = CliTestSupport.ak(words(m.group(1)));
        assertEquals(0, r.exitCode(), m.group(1) + ": " + r.err());
        printed.addAll(tokens(r.out()));
      }
      if (!any) {
        assertTrue(quoted.isEmpty() || row.contains("`tools/replication-verdicts.sh "),
            "a row quotes verdicts but cites no command: " + row);
        continue;
      }
      checked++;
      if (!printed.equals(quoted)) {
        wrong.add(row.substring(0, Math.min(80, row.length())) + "\n  page:     " + quoted + "\n  commands: " + printed);
      }
    }
    assertEquals(List.of(), wrong, "rows whose verdicts differ from their commands'");
    assertTrue(checked >= 20, "the claims table's rows were found (" + checked + ")");
  }

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** A command line split into words as a shell would, for the page's commands: single quotes only. */
  static String[] words(String line) {
    assertTrue(!line.contains("\"") && !line.contains("\\") && !line.contains("$"),
        "a command the test can split (single quotes only): " + line);
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
      } else {
        w = (w == null ? new StringBuilder() : w).append(c);
      }
    }
    assertTrue(!quoted, "unbalanced quote in: " + line);
    if (w != null) {
      out.add(w.toString());
    }
    return out.toArray(new String[0]);
  }
}
