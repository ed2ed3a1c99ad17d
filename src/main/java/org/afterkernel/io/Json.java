package org.afterkernel.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.afterkernel.AkException;

/** The project's one JSON mapper, and atomic reading and writing of JSON documents. */
public final class Json {
  /**
   * Pretty-printing mapper that, reading, rejects unknown properties, duplicate keys, null for a
   * number or boolean, and a fraction where a whole number is expected.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // {"seed": 1, "seed": 2} is an error, not 2
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // "seed": null is not 0
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // "seed": 1.5 is not 1
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /** A single-line mapper, for JSON-lines files. */
  public static final ObjectMapper COMPACT =
      JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  /** Writes {@code value} as pretty JSON to {@code file}, atomically. */
  public static void write(Path file, Object value) {
    AtomicFiles.writeString(file, toString(value) + "\n");
  }

  /** {@code value} as pretty JSON. */
  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** {@code value} as one line of JSON. */
  public static String toLine(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** Reads a JSON tree, with errors naming the file and the line. */
  public static JsonNode readTree(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new AkException(file + ": not valid JSON: " + AkException.firstLine(e.getOriginalMessage(), 300)
          + " (line " + line(e) + ")");
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + reason(e));
    }
  }

  /** Reads a typed value, with errors naming the file. */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (JsonProcessingException e) {
      throw new AkException(file + ": " + AkException.firstLine(e.getOriginalMessage(), 300)
          + " (line " + line(e) + ")");
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + reason(e));
    }
  }

  private static String line(JsonProcessingException e) {
    return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
  }

  private static String reason(IOException e) {
    return e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException
        ? "no such file"
        : e.getMessage();
  }
}
