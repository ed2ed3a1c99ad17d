package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.sweep.SweepFiles;

/**
 * The result lines of one sweep, read from results directories or files (shards included) and
 * deduplicated to one line per cell, with the sweep's name, figure and definition hash.
 *
 * @param name the sweep's name
 * @param figure the paper's figure the sweep reproduces, or null
 * @param hash the sweep definition's hash
 * @param files the files read
 * @param lines one line per cell
 */
public record SweepResults(String name, Integer figure, String hash, List<Path> files, List<ObjectNode> lines) {

  /** Reads {@code inputs} (directories or files) as one sweep; mixed sweep definitions are refused. */
  public static SweepResults read(List<Path> inputs) {
    List<Path> files = SweepFiles.resultFiles(inputs);
    List<ObjectNode> lines = SweepFiles.deduplicate(SweepFiles.readAll(files));
    if (lines.isEmpty()) {
      throw new AkException(String.join(", ", inputs.stream().map(Path::toString).toList())
          + ": no cells in the results files yet");
    }
    ObjectNode first = lines.get(0);
    Integer figure = null;
    for (ObjectNode l : lines) {
      JsonNode f = l.get("figure");
      if (f != null && f.isInt()) {
        figure = f.asInt();
        break;
      }
    }
    return new SweepResults(first.path("sweep").asText(), figure, first.path("sweepHash").asText(), List.copyOf(files),
        lines);
  }

  /** Cells done. */
  public long done() {
    return lines.stream().filter(Aggregation::isDone).count();
  }

  /** Cells failed. */
  public long failed() {
    return lines.size() - done();
  }
}
