package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.afterkernel.experiment.ExperimentResult;
import org.afterkernel.io.Json;

/** What a text file read as sweep results holds instead, for the error message. */
final class ResultsContent {
  private ResultsContent() {}

  /**
   * Describes {@code text} (the file's complete lines) whose line {@code lineNo}, {@code line},
   * is not a sweep cell: a sweep definition, an experiment result, another JSON document (the whole
   * file, when line 1 is the culprit), or text.
   */
  static String describe(String text, int lineNo, String line) {
    JsonNode whole = lineNo == 1 ? parse(text) : null;
    if (whole == null) {
      whole = parse(line);
      if (whole == null) {
        return "text that is not JSON lines (line " + lineNo + ": '" + clip(line) + "')";
      }
      return "JSON lines whose line " + lineNo + " is " + what(whole);
    }
    return what(whole);
  }

  private static String what(JsonNode n) {
    if (!n.isObject()) {
      return "a JSON " + n.getNodeType().name().toLowerCase() + ", not an object";
    }
    if (n.has("grid") || n.has("cases") || n.has("base")) {
      return "a sweep definition: run it with 'ak sweep run FILE' and plot its results folder"
          + " (results/" + n.path("name").asText("NAME") + " by default)";
    }
    String schema = n.path("schema").asText("");
    if (schema.equals(ExperimentResult.SCHEMA)) {
      return "an ak experiment result (" + schema + "), one experiment rather than a sweep's cells";
    }
    if (!schema.isEmpty()) {
      return "a JSON object of schema \"" + schema + "\"";
    }
    return "a JSON object without \"schema\" (keys: " + keys(n) + ")";
  }

  private static JsonNode parse(String s) {
    try {
      return Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(s);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String keys(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext() && names.size() < 6; ) {
      names.add(it.next());
    }
    return String.join(", ", names) + (n.size() > names.size() ? ", ..." : "");
  }

  private static String clip(String line) {
    String oneLine = line.replaceAll("\\s+", " ");
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
  }
}
