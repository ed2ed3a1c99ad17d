package org.afterkernel.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Close spellings, for "did you mean ...?" suggestions in error messages. */
public final class Spelling {
  private Spelling() {}

  /** The Levenshtein distance: insertions, deletions and substitutions turning a into b. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * The candidates that {@code word} may be a misspelling of, closest first: those within
   * max(2, length / 3) edits of it, and those it begins (at least two characters). Empty when
   * none is close.
   */
  public static List<String> closest(String word, Collection<String> candidates) {
    List<String> close = new ArrayList<>();
    for (String c : candidates) {
      boolean prefix = word.length() >= 2 && c.startsWith(word);
      if (!close.contains(c) && (prefix || distance(word, c) <= Math.max(2, word.length() / 3))) {
        close.add(c);
      }
    }
    close.sort(Comparator.comparingInt(c -> distance(word, c)));
    return close;
  }
}
