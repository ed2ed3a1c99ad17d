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

  /** The definition, validated. */
  SweepDefinition definition() {
    return SweepDefinition.read(config);
  }

  /** The results directory of {@code def}. */
  Path dir(SweepDefinition def) {
    return out != null ? out : Path.of("results", def.name());
  }
}
