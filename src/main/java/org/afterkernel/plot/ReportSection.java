package org.afterkernel.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.afterkernel.AkException;
import org.afterkernel.experiment.Measure;
import org.afterkernel.sweep.SweepDefinition;

/**
 * What the report shows of one sweep: its results, its figure (the paper's when the sweep names
 * one, else every measure against the setting the sweep varies), why there is no figure when
 * there is none, and the sweep's config file when one matching the results is found.
 *
 * @param results the sweep's cells
 * @param figure the figure drawn, or null
 * @param figureProblem why no figure was drawn (null when one was)
 * @param definition the text of the sweep's config file, or null
 * @param definitionNote where the config came from, or why it is not shown
 */
public record ReportSection(SweepResults results, FigurePlot figure, String figureProblem, String definition,
    String definitionNote) {

  /**
   * The section of {@code results}; the sweep's config is the {@code definition.json} kept beside
   * the results (as results kept apart from a changed definition have, e.g.
   * {@code results/replication/epochs-vgg-jst1/}), else {@code configs/<sweep name>.json} or
   * another file of {@code configs} whose definition has the sweep's name (e.g.
   * {@code configs/replication/epochs-vgg.json} for {@code replication-epochs-vgg}). When its hash
   * matches the results', the figure expects its runs at every point.
   */
  public static ReportSection of(SweepResults results, Path configs) {
    String definition = null;
    int runs = 0;
    String note;
    Path file = besideResults(results);
    if (file == null) {
      file = configs == null ? null : configFile(configs, results.name());
    }
    if (file == null) {
      note = "no config file " + (configs == null ? "given" : "of sweep " + results.name() + " found in " + configs)
          + "; the configuration below is the one recorded with every cell";
    } else {
      try {
        SweepDefinition def = SweepDefinition.read(file);
        if (def.hash().equals(results.hash())) {
          definition = Files.readString(file, StandardCharsets.UTF_8);
          runs = def.runs();
          note = file + " (its definition hash " + def.hash() + " matches the results')";
        } else {
          note = file + " has changed since these results were run (hash " + def.hash() + ", results "
              + results.hash() + "); it is not shown";
        }
      } catch (AkException | IOException e) {
        note = file + ": " + e.getMessage();
      }
    }
    FigurePlot figure = null;
    String problem = null;
    try {
      PlotSpec spec = overview(results);
      if (spec == null) {
        problem = "the sweep varies neither epochs nor any other numeric setting: see the table";
      } else {
        figure = Aggregation.of(spec, results.lines(), runs);
      }
    } catch (AkException e) {
      problem = e.getMessage();
    }
    return new ReportSection(results, figure, problem, definition, note);
  }

  /** The {@code definition.json} of the results' folder when it defines their sweep with their hash, else null. */
  private static Path besideResults(SweepResults results) {
    if (results.files().isEmpty() || results.files().get(0).toAbsolutePath().getParent() == null) {
      return null;
    }
    Path f = results.files().get(0).toAbsolutePath().getParent().resolve("definition.json");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      SweepDefinition def = SweepDefinition.read(f);
      return def.name().equals(results.name()) && def.hash().equals(results.hash())
          ? results.files().get(0).resolveSibling("definition.json") : null;
    } catch (AkException e) {
      return null;
    }
  }

  /** {@code dir/<name>.json}, else the first file of {@code dir} (by name) defining sweep {@code name}, else null. */
  private static Path configFile(Path dir, String name) {
    Path direct = dir.resolve(name + ".json");
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          if (SweepDefinition.read(f).name().equals(name)) {
            return f;
          }
        } catch (AkException e) {
          // not a sweep definition (e.g. an experiment config): not this sweep's
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** The paper's figure of the sweep, or every measure against the first setting it varies. */
  static PlotSpec overview(SweepResults results) {
    if (results.figure() != null && results.figure() >= 1 && results.figure() <= FigureCatalog.FIGURES) {
      return FigureCatalog.spec(results.figure());
    }
    List<ObjectNode> lines = results.lines();
    ResultField x = null;
    if (distinct(lines, ResultField.EPOCHS) > 1) {
      x = ResultField.EPOCHS;
    } else {
      Set<String> keys = new TreeSet<>();
      lines.forEach(l -> l.path("settings").fieldNames().forEachRemaining(keys::add));
      for (String k : keys) {
        ResultField f = ResultField.config(k);
        if (distinct(lines, f) > 1 && lines.stream().allMatch(l -> f.number(l) != null)) {
          x = f;
          break;
        }
      }
    }
    if (x == null) {
      return null;
    }
    Set<String> present = new TreeSet<>();
    lines.forEach(l -> l.path("values").fieldNames().forEachRemaining(present::add));
    List<String> measures = new ArrayList<>();
    for (Measure m : Measure.values()) {
      if (present.contains(m.key())) {
        measures.add(m.key());
      }
    }
    return new PlotSpec(Html.id(results.name()), null, results.name() + ": every measure vs " + x.key(), x, null,
        measures, List.of(), List.of(Dimension.QUANTITY, Dimension.KERNEL), null, MeasureName.sharedTitle(measures),
        null);
  }

  private static long distinct(List<ObjectNode> lines, ResultField f) {
    return lines.stream().map(f::number).filter(v -> v != null).distinct().count();
  }
}
