package org.afterkernel.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.Spelling;

/**
 * Builds an {@link ExperimentConfig} from the defaults, then a JSON config file, then command-line
 * flags (later ones win). Keys are the kebab-case option names; the original's snake_case
 * spellings are accepted too. An unknown key is rejected with the closest valid name suggested.
 */
public final class ConfigMerger {
  private static final ObjectNode DEFAULTS = Json.MAPPER.valueToTree(ExperimentConfig.defaults());
  private final ObjectNode merged = DEFAULTS.deepCopy();
  private final List<String> validKeys = new ArrayList<>();

  public ConfigMerger() {
    merged.fieldNames().forEachRemaining(validKeys::add);
  }

  /** The valid keys, kebab-case. */
  public List<String> validKeys() {
    return List.copyOf(validKeys);
  }

  /** Overlays the keys of a JSON object read from {@code file}. */
  public ConfigMerger overlay(Path file) {
    JsonNode node = Json.readTree(file);
    if (!node.isObject()) {
      throw new AkException(file + ": expected a JSON object of experiment options");
    }
    return overlay(node, file.toString());
  }

  /** Overlays the keys of {@code node}; {@code source} names it in errors. */
  public ConfigMerger overlay(JsonNode node, String source) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      put(canonical(e.getKey(), source), e.getValue(), source);
    }
    return this;
  }

  /**
   * Sets {@code key}, refusing null for an option whose default is a number or a boolean (Jackson
   * would read it as 0 or false, not as the default).
   */
  private void put(String key, JsonNode value, String source) {
    JsonNode dflt = DEFAULTS.get(key);
    if ((value == null || value.isNull()) && dflt != null && (dflt.isNumber() || dflt.isBoolean())) {
      throw new AkException(source + ": '" + key + "' is null, expected " + (dflt.isBoolean() ? "true or false"
          : "a number") + " (leave it out for the default, " + dflt + ")");
    }
    merged.set(key, value);
  }

  /** Overlays one value (a command-line flag). */
  public ConfigMerger set(String key, Object value) {
    put(canonical(key, "command line"), Json.MAPPER.valueToTree(value), "command line");
    return this;
  }

  /** The validated configuration. */
  public ExperimentConfig build() {
    try {
      return Json.MAPPER.treeToValue(merged, ExperimentConfig.class);
    } catch (InvalidFormatException e) {
      throw new AkException("experiment option '" + AkException.quote(path(e), 80) + "': "
          + AkException.quote(String.valueOf(e.getValue()), 80) + " is not a valid "
          + e.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    } catch (MismatchedInputException e) {
      throw new AkException("experiment option '" + AkException.quote(path(e), 80) + "': "
          + AkException.firstLine(e.getOriginalMessage(), 200));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      Throwable cause = e.getCause();
      throw new AkException("experiment options: "
          + AkException.firstLine(cause != null ? cause.getMessage() : e.getOriginalMessage(), 300));
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause();
      throw new AkException("experiment options: "
          + AkException.firstLine(cause != null ? cause.getMessage() : e.getMessage(), 300));
    }
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
  }

  /** The kebab-case key for {@code key} (snake_case accepted), or an error suggesting one. */
  public String canonical(String key, String source) {
    String k = key.replace('_', '-');
    if (validKeys.contains(k)) {
      return k;
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String v : validKeys) {
      int d = Spelling.distance(k, v);
      if (d < bestDistance) {
        bestDistance = d;
        best = v;
      }
    }
    throw new AkException(source + ": unknown experiment option '" + AkException.quote(key, 80) + "'"
        + (bestDistance <= Math.max(2, k.length() / 3) ? " (did you mean '" + best + "'?)" : "")
        + "; valid options: " + String.join(", ", validKeys));
  }
}
