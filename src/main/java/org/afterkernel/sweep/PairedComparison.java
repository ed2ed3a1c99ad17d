package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.experiment.Measure;

/**
 * A claim of the form "this quantity is lower (or higher) than that one", to be checked run by run
 * ({@code ak sweep summarize --paired}). Written {@code LEFT < RIGHT}, {@code LEFT > RIGHT},
 * {@code LEFT < RIGHT + C} (or {@code - C}), or {@code LEFT < C}, with spaces around the operator
 * and around {@code +}/{@code -}:
 *
 * <ul>
 *   <li>a side is {@code MEASURE[-MEASURE...][@KEY=VALUE[,KEY=VALUE...]]}: a measure of a cell, or
 *       the first measure minus the others, all of the same cell (e.g. {@code
 *       linear_error-nn_error_correct}: the SVM's test error minus the network's), in the cell whose
 *       configuration has the given values ({@link CellFilter}'s rules: numbers by value);
 *   <li>per run, the paired difference is LEFT minus RIGHT, each taken from the cell of that run
 *       whose other settings (those no side names) are the same: {@code
 *       linear_error@max-num-epochs=30 < linear_error@max-num-epochs=0} pairs each run's 30-epoch
 *       cell with the same run's initial one, separately for every task;
 *   <li>the claim is that the difference is below (for {@code <}) or above (for {@code >}) the
 *       threshold: 0, or C for {@code RIGHT + C}, -C for {@code RIGHT - C}, or C itself when the
 *       right side is the number C (then "difference" means LEFT's value).
 * </ul>
 *
 * @param text the comparison as written
 * @param left the left side
 * @param right the right side, or null when it is a number
 * @param direction -1 for {@code <} (the difference should be below the threshold), +1 for {@code >}
 * @param threshold the threshold of the difference
 */
public record PairedComparison(String text, Side left, Side right, int direction, double threshold) {

  /**
   * One side: measures of one cell, chosen by conditions on its configuration.
   *
   * @param text the side as written
   * @param measures the measure keys: the first minus the others
   * @param where the conditions the cell meets
   */
  public record Side(String text, List<String> measures, CellFilter where) {
    /** The side's value in a results line, or null when a measure is missing or not a number. */
    public Double value(JsonNode line) {
      double v = 0;
      for (int i = 0; i < measures.size(); i++) {
        JsonNode x = line.path("values").get(measures.get(i));
        if (x == null || !x.isNumber()) {
          return null;
        }
        v += i == 0 ? x.asDouble() : -x.asDouble();
      }
      return v;
    }

    /** The largest magnitude of this side's measures in a results line (0 when none is a number). */
    public double scale(JsonNode line) {
      double m = 0;
      for (String k : measures) {
        m = Math.max(m, Math.abs(line.path("values").path(k).asDouble(0)));
      }
      return m;
    }

    /** True when the line is of a cell this side names. */
    public boolean matches(JsonNode line) {
      return where.matches(line.path("config"), line.path("run").asInt());
    }
  }

  /** The keys either side names: the settings that differ between the paired cells. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(left.where().keys());
    if (right != null) {
      right.where().keys().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    }
    return keys;
  }

  /**
   * Parses a comparison.
   *
   * @throws AkException naming the comparison and what was expected
   */
  public static PairedComparison parse(String text) {
    String[] t = text.trim().split("\\s+");
    String where = "--paired '" + AkException.quote(text, 200) + "'";
    if (t.length != 3 && t.length != 5) {
      throw new AkException(where + ": expected 'LEFT < RIGHT', 'LEFT > RIGHT', 'LEFT < RIGHT + C' or 'LEFT < C'"
          + " with spaces around the operator (e.g. 'linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0'),"
          + " found " + t.length + " word(s)");
    }
    int direction = switch (t[1]) {
      case "<" -> -1;
      case ">" -> 1;
      default -> throw new AkException(where + ": expected < or > between the sides, found '" + t[1] + "'");
    };
    Side left = side(t[0], where);
    Double constant = number(t[2]);
    if (constant != null) {
      if (t.length == 5) {
        throw new AkException(where + ": a number on the right takes no '" + t[3] + " " + t[4] + "'");
      }
      return new PairedComparison(text.trim(), left, null, direction, constant);
    }
    Side right = side(t[2], where);
    double threshold = 0;
    if (t.length == 5) {
      Double c = number(t[4]);
      if (!(t[3].equals("+") || t[3].equals("-")) || c == null) {
        throw new AkException(where + ": expected '+ C' or '- C' (C a number) after the right side, found '"
            + t[3] + " " + t[4] + "'");
      }
      threshold = t[3].equals("+") ? c : -c;
    }
    return new PairedComparison(text.trim(), left, right, direction, threshold);
  }

  private static Side side(String s, String where) {
    int at = s.indexOf('@');
    String term = at < 0 ? s : s.substring(0, at);
    List<String> measures = Arrays.asList(term.split("-", -1));
    for (String m : measures) {
      if (!validMeasure(m)) {
        throw new AkException(where + ": '" + m + "' in '" + s + "' is not a measure (expected one of "
            + String.join(", ", Arrays.stream(Measure.values()).map(Measure::key).toList()) + ")");
      }
    }
    List<String> conditions = at < 0 || at == s.length() - 1 ? List.of() : List.of(s.substring(at + 1).split(","));
    if (at == s.length() - 1) {
      throw new AkException(where + ": '" + s + "' has nothing after @ (expected KEY=VALUE[,KEY=VALUE...])");
    }
    CellFilter filter = CellFilter.parse(conditions, where);
    if (filter.keys().contains("run")) {
      throw new AkException(where + ": '" + s + "' names run: the sides are paired by run (use --where run=K)");
    }
    return new Side(s, List.copyOf(measures), filter);
  }

  private static boolean validMeasure(String m) {
    return Arrays.stream(Measure.values()).anyMatch(x -> x.key().equals(m));
  }

  private static Double number(String s) {
    if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return null;
    }
    return Double.parseDouble(s);
  }
}
