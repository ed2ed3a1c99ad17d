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
  private final ObjectNode merged = Json.MAPPER.valueToTree(ExperimentConfig.defaults());
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
      merged.set(canonical(e.getKey(), source), e.getValue());
    }
    return this;
  }

  /** Overlays one value (a command-line flag). */
  public ConfigMerger set(String key, Object value) {
    merged.set(canonical(key, "command line"), Json.MAPPER.valueToTree(value));
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
