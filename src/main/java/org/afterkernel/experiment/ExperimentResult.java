package org.afterkernel.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.DataIdentity;
import org.afterkernel.io.Json;
import org.afterkernel.io.Provenance;
import org.afterkernel.nn.NetworkSpec;

/**
 * The JSON document of one experiment: its configuration, the network, every run's values,
 * means and half-widths, the original's TSV row, timings and provenance.
 *
 * @param schema {@value #SCHEMA}
 * @param config the full configuration
 * @param data the files the training and test sets were read from (names, sizes, SHA-256, whether
 *     they match their reference sums), the classes and examples: keys {@code train} and {@code
 *     test}; null in documents written before it was recorded
 * @param network the network built
 * @param parameters exact parameter count
 * @param runs per-run results
 * @param summary mean and half-width of every measure, by key
 * @param tsvRow the original's tab-separated row (38 fields)
 * @param timings seconds per stage, summed over runs, and in total
 * @param provenance versions, machine, threads, command line
 */
public record ExperimentResult(
    String schema,
    ExperimentConfig config,
    Map<String, DataIdentity> data,
    NetworkSpec network,
    long parameters,
    List<RunResult> runs,
    Map<String, Statistics> summary,
    String tsvRow,
    Map<String, Double> timings,
    Provenance provenance) {

  /** Version tag of this document's layout. */
  public static final String SCHEMA = "afterkernel.experiment/1";

  /** Writes the document atomically. */
  public void write(Path file) {
    Json.write(file, this);
  }

  /** Reads a document written by {@link #write}. */
  public static ExperimentResult read(Path file) {
    return Json.read(file, ExperimentResult.class);
  }
}
