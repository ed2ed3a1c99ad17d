package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.io.Json;

/**
 * A sweep as written in a config file:
 *
 * <pre>{@code
 * {
 *   "name": "fig01-svm-error-vs-epochs",
 *   "figure": 1,
 *   "description": "...",
 *   "runs": 10,
 *   "threads": 1,
 *   "base": { experiment options },
 *   "cases": [ { options }, { options } ],
 *   "grid": { "max-num-epochs": [0, 1, 3, 10], "learning-rate": [0.01, 0.1] }
 * }
 * }</pre>
 *
 * <p>Cells are every case (default: one empty case) times every combination of grid values times
 * every run; options are those of {@code ak experiment} (kebab- or snake_case), applied in the
 * order base, case, grid point. Validated on load: unknown keys are rejected with a suggestion.
 *
 * @param name the sweep's name (results go to {@code results/<name>/} by default)
 * @param figure the paper's figure the sweep reproduces (null: none)
 * @param description what it measures
 * @param runs runs per setting (the paper: 10)
 * @param threads the TensorFlow intra-op thread count every cell is computed with, or null for the
 *     running process's ({@code --threads}, {@code AK_THREADS}, else one per processor). Results
 *     computed with different counts differ in the last digits (docs/sweeps.md), so a results
 *     folder holds one count only; not part of the hash, so fixing it later keeps the results
 * @param base options shared by every cell
 * @param cases alternative option sets (e.g. architecture and dataset pairs)
 * @param grid option name to the values it takes
 */
public record SweepDefinition(String name, Integer figure, String description, int runs, Integer threads,
    ObjectNode base, List<ObjectNode> cases, Map<String, List<JsonNode>> grid) {

  private static final Set<String> KEYS =
      Set.of("name", "figure", "description", "runs", "threads", "base", "cases", "grid");

  /** The most threads a definition may ask for. */
  public static final int MAX_THREADS = 4096;

  /** Reads and validates a sweep file. */
  public static SweepDefinition read(Path file) {
    JsonNode root = Json.readTree(file);
    String src = file.toString();
    if (!root.isObject()) {
      throw new AkException(src + ": expected a JSON object with name, runs, base, cases and grid");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new AkException(src + ": unknown sweep key '" + AkException.quote(k, 80) + "' (expected " + KEYS + ")");
      }
    }
    String name = text(root, "name", src);
    checkName(name, src + ": name");
    int runs = count(root, "runs", 1, 1_000_000, src);
    Integer threads = root.hasNonNull("threads") ? count(root, "threads", 1, MAX_THREADS, src) : null;
    ObjectNode base = object(root.get("base"), src + " base");
    List<ObjectNode> cases = new ArrayList<>();
    JsonNode c = root.get("cases");
    if (c != null && !c.isNull()) {
      if (!c.isArray() || c.isEmpty()) {
        throw new AkException(src + ": cases must be a non-empty array of option objects");
      }
      for (int i = 0; i < c.size(); i++) {
        cases.add(object(c.get(i), src + " cases[" + i + "]"));
      }
    } else {
      cases.add(Json.MAPPER.createObjectNode());
    }
    Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
    JsonNode g = root.get("grid");
    if (g != null && !g.isNull()) {
      if (!g.isObject()) {
        throw new AkException(src + ": grid must map option names to arrays of values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isArray() || e.getValue().isEmpty()) {
          throw new AkException(src + ": grid." + AkException.quote(e.getKey(), 80) + " must be a non-empty array");
        }
        List<JsonNode> values = new ArrayList<>();
        e.getValue().forEach(values::add);
        grid.put(canonicalKey(e.getKey(), src + " grid"), values);
      }
    }
    JsonNode figure = root.get("figure");
    SweepDefinition def = new SweepDefinition(name, figure == null || figure.isNull() ? null : figure.asInt(),
        root.path("description").asText(""), runs, threads, canonical(base, src + " base"),
        cases.stream().map(o -> canonical(o, src + " cases")).toList(), grid);
    def.validateCells(src);
    return def;
  }

  /**
   * Refuses a sweep name that would not be one folder name inside {@code results/}: only letters,
   * digits, '.', '_' and '-', not {@code .} or {@code ..}, at most 200 characters.
   */
  public static void checkName(String name, String where) {
    if (!name.matches("[A-Za-z0-9._-]+") || name.matches("\\.+") || name.length() > 200) {
      throw new AkException(where + " '" + AkException.quote(name, 80) + "' must be 1 to 200 letters, digits, '.', '_'"
          + " and '-', and not '.' or '..' (it names a folder in results/)");
    }
  }

  /** An integer field in {@code [min, max]} ({@code dflt} when absent); 1.5, "2" or null refused. */
  private static int count(JsonNode root, String key, int dflt, int max, String src) {
    JsonNode v = root.get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < dflt || v.asInt() > max) {
      throw new AkException(src + ": " + key + " is " + AkException.quote(v.toString(), 40) + ", expected an integer "
          + dflt + ".." + max);
    }
    return v.asInt();
  }

  private static String text(JsonNode root, String key, String src) {
    JsonNode v = root.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new AkException(src + ": '" + key + "' must be a non-empty string");
    }
    return v.asText();
  }

  private static ObjectNode object(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!n.isObject()) {
      throw new AkException(where + ": expected an object of experiment options");
    }
    return (ObjectNode) n;
  }

  /** The same options with kebab-case keys (validated). */
  private static ObjectNode canonical(ObjectNode o, String where) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    o.fields().forEachRemaining(e -> out.set(canonicalKey(e.getKey(), where), e.getValue()));
    return out;
  }

  private static String canonicalKey(String key, String where) {
    return new ConfigMerger().canonical(key, where);
  }

  /**
   * Builds every cell's configuration once, so a bad value fails at load, not hours later; first
   * refuses a definition of more cells than this JVM holds (about 4 KB each).
   */
  private void validateCells(String src) {
    checkCellCount(src);
    try {
      SweepPlan.expand(this);
    } catch (AkException e) {
      throw new AkException(src + ": " + e.getMessage());
    }
  }

  private void checkCellCount(String src) {
    double cells = (double) cases.size() * runs;
    for (List<JsonNode> values : grid.values()) {
      cells *= values.size();
    }
    long limit = Math.max(1000, Runtime.getRuntime().maxMemory() / 4096);
    if (cells > limit) {
      throw new AkException(src + ": " + String.format(java.util.Locale.ROOT, "%.0f", cells) + " cells ("
          + cases.size() + " case(s) x " + grid.values().stream().map(v -> Integer.toString(v.size()))
              .reduce((a, b) -> a + " x " + b).orElse("1") + " grid point(s) x " + runs + " run(s)), more than this"
          + " JVM holds (" + limit + " at about 4 KB each): split the sweep, or raise the heap (AK_JAVA_OPTS=-Xmx...)");
    }
  }

  /**
   * The same sweep with {@code n} runs per setting, named {@code <name>-runs-<n>} (another hash: its
   * results are another sweep's).
   *
   * @throws AkException when {@code n < 1}
   */
  public SweepDefinition withRuns(int n) {
    if (n < 1) {
      throw new AkException("--runs is " + n + ", expected >= 1");
    }
    if (n > 1_000_000) {
      throw new AkException("--runs is " + n + ", expected at most 1000000");
    }
    SweepDefinition more = new SweepDefinition(name + "-runs-" + n, figure, description, n, threads, base, cases, grid);
    more.checkCellCount("--runs " + n);
    return more;
  }

  /** A hash of everything that determines the results (not name or description). */
  public String hash() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("runs", runs);
    n.set("base", base);
    n.set("cases", Json.MAPPER.valueToTree(cases));
    n.set("grid", Json.MAPPER.valueToTree(grid));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Json.toLine(n).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
