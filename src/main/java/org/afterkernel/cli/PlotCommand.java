package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.plot.Aggregation;
import org.afterkernel.plot.FigureCatalog;
import org.afterkernel.plot.FigureFiles;
import org.afterkernel.plot.FigurePlot;
import org.afterkernel.plot.PlotSpec;
import org.afterkernel.plot.RegressFigure;
import org.afterkernel.plot.SweepResults;
import org.afterkernel.plot.TrackFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak plot}: the paper's figure N, or any pair of result fields, as PNG, SVG and CSV. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = {"Draws the paper's figure N from a sweep's results (--figure N), or any measure against any"
        + " field (--x F --y M [--group G]), as PNG, SVG and CSV per panel."})
public final class PlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "A sweep's results directory or files.")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the figure files.")
  Path out;

  @Option(names = "--figure", paramLabel = "N", description = "The paper's figure (1-16).")
  Integer figure;

  @Option(names = "--x", paramLabel = "FIELD",
      description = "x field: epochs, parameters, task, architecture, a measure or a config key (kebab- or snake_case).")
  String x;

  @Option(names = "--y", split = ",", paramLabel = "MEASURE", description = "Measures to plot (keys of values).")
  List<String> y;

  @Option(names = "--group", split = ",", paramLabel = "FIELD",
      description = "Fields whose values make the series (default: every setting but x, in human terms).")
  List<String> group;

  @Option(names = "--panel", split = ",", paramLabel = "FIELD", description = "Fields whose values make a panel each.")
  List<String> panel;

  @Option(names = "--x-scale", paramLabel = "SCALE",
      description = "auto (default: symlog for epochs, log for the learning rate, categories for text), linear, log"
          + " or symlog (log10(1 + x)).")
  String xScale;

  @Option(names = "--track", description = "RESULTS are ak track directories: draw loss, ||K_t|| and the alignments"
      + " against the step, each scaled to [0, 1] (the silent-alignment paper's figure 1a), one panel per directory.")
  boolean track;

  @Option(names = "--regress", description = "RESULTS are ak regress directories (with a network): the regressor's"
      + " test predictions against the network's outputs, one panel per directory.")
  boolean regress;

  @Option(names = "--log-x", description = "With --track: the step on a log10(1 + step) axis.")
  boolean logX;

  @Option(names = "--runs", paramLabel = "N",
      description = "Runs every point should have (the sweep definition's), for results whose lines do not record"
          + " it (sweepRuns): points with fewer are noted and their legend says n of N.")
  Integer runs;

  @Option(names = "--name", paramLabel = "STEM", description = "File name stem of a --x/--y plot (default: Y-vs-X).")
  String name;

  @Override
  public Integer call() {
    if (regress) {
      if (track || figure != null || x != null || y != null) {
        throw new ParameterException(spec.commandLine(), "--regress cannot be combined with --track, --figure, --x or --y");
      }
      return write(RegressFigure.of(inputs), inputs.size() + " regression(s)");
    }
    if (track) {
      if (figure != null || x != null || y != null) {
        throw new ParameterException(spec.commandLine(), "--track cannot be combined with --figure, --x or --y");
      }
      return write(TrackFigure.of(inputs, logX), inputs.size() + " trajectory(ies)");
    }
    if (logX) {
      throw new ParameterException(spec.commandLine(), "--log-x applies only with --track");
    }
    boolean generic = x != null || y != null || group != null || panel != null || name != null || xScale != null;
    if (figure == null && (x == null || y == null)) {
      throw new ParameterException(spec.commandLine(), "give --figure N, or --x FIELD and --y MEASURE");
    }
    if (figure != null && generic) {
      throw new ParameterException(spec.commandLine(), "--figure cannot be combined with --x, --y, --group, --panel,"
          + " --x-scale or --name");
    }
    if (figure != null && (figure < 1 || figure > FigureCatalog.FIGURES)) {
      throw new ParameterException(spec.commandLine(), "--figure is " + figure + ", expected 1 to "
          + FigureCatalog.FIGURES);
    }
    if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
      throw new ParameterException(spec.commandLine(), "--name '" + name + "': use letters, digits, '.', '_', '-'");
    }
    SweepResults results = SweepResults.read(inputs);
    PlotSpec plot = figure != null ? FigureCatalog.spec(figure)
        : PlotSpec.generic(results.lines(), x, y, group, panel, xScale, name);
    if (runs != null && runs < 1) {
      throw new ParameterException(spec.commandLine(), "--runs is " + runs + ", expected >= 1");
    }
    FigurePlot fig = Aggregation.of(plot, results.lines(), runs == null ? 0 : runs);
    PrintWriter o = spec.commandLine().getOut();
    if (figure != null && results.figure() != null && !results.figure().equals(figure)) {
      o.printf("note: %s is the sweep of figure %d, drawn here as figure %d%n", results.name(), results.figure(),
          figure);
    }
    return write(fig, String.format("%d cell(s) of %s (%d done, %d failed)", results.lines().size(), results.name(),
        results.done(), results.failed()));
  }

  private int write(FigurePlot fig, String source) {
    PrintWriter o = spec.commandLine().getOut();
    for (String note : fig.notes()) {
      o.println("note: " + note);
    }
    List<Path> files;
    try (StagedOutputs outputs = new StagedOutputs()) {
      files = FigureFiles.write(fig, outputs.directory(out)).stream().map(outputs::target).toList();
      outputs.commit();
    }
    o.printf("%s: %d panel(s) from %s%n", fig.title(), fig.panels().size(), source);
    for (Path f : files) {
      o.println("wrote " + f);
    }
    return 0;
  }
}
