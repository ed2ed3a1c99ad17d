package org.afterkernel.cli;

import java.nio.file.Path;
import org.afterkernel.sweep.SweepDefinition;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The sweep config file and its results directory. A picocli mixin. */
public final class SweepOptions {
  @Parameters(index = "0", paramLabel = "CONFIG.json", description = "The sweep definition.")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/<sweep name>).")
  Path out;

  @Option(names = "--runs", paramLabel = "N",
      description = "N runs per setting instead of the definition's (e.g. the paper's 10): another sweep,"
          + " named <name>-runs-N, whose results go to results/<name>-runs-N unless --out says otherwise.")
  Integer runs;

  /** The definition, validated, with {@code --runs} applied. */
  SweepDefinition definition() {
    SweepDefinition def = SweepDefinition.read(config);
    return runs == null ? def : def.withRuns(runs);
  }

  /** The results directory of {@code def}. */
  Path dir(SweepDefinition def) {
    return out != null ? out : Path.of("results", def.name());
  }
}
