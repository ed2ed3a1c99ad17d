package org.afterkernel.savedmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.RunResult;
import org.afterkernel.experiment.Statistics;
import org.afterkernel.io.Json;
import org.afterkernel.io.Provenance;

/**
 * The JSON document of {@code ak savedmodel analyze}: laid out as {@code ak experiment}'s (the
 * configuration, one run with the same measure keys, their summary, timings, provenance), with
 * the imported models in place of the network spec.
 *
 * @param schema {@value #SCHEMA}
 * @param savedModel the SavedModel directory analysed
 * @param model what it was imported as
 * @param logit the differentiated scalar
 * @param initial the initial-weights SavedModel ({@code ntk_} measures), or null
 * @param initialModel what that was imported as, or null
 * @param images your own images and labels the measures used ({@code --images}), or null for the
 *     config's dataset
 * @param config the experiment settings used for the measures
 * @param parameters trainable scalars
 * @param runs the one run: {@code ak_} measures, SVM, NN errors (and {@code ntk_} with an initial model)
 * @param summary the run's values as statistics of one run
 * @param timings seconds per stage, and in total
 * @param provenance versions, machine, threads, command line
 */
public record AnalysisResult(
    String schema,
    String savedModel,
    String model,
    String logit,
    String initial,
    String initialModel,
    String images,
    ExperimentConfig config,
    long parameters,
    List<RunResult> runs,
    Map<String, Statistics> summary,
    Map<String, Double> timings,
    Provenance provenance) {

  /** Version tag of this document's layout. */
  public static final String SCHEMA = "afterkernel.savedmodel-analysis/1";

  /** Writes the document atomically. */
  public void write(Path file) {
    Json.write(file, this);
  }
}
