package org.afterkernel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.sweep.CellClaims;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.tf.TensorFlowRuntime;
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

  /**
   * Refuses, before any work, a results folder that exists as something else, or one that cannot be
   * created or written to.
   */
  static void checkResultsDir(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new AkException((existing.equals(dir.toAbsolutePath().normalize()) ? dir.toString() : existing.toString())
          + ": exists and is not a folder (expected a results folder for --out)");
    }
    if (!Files.isWritable(existing)) {
      throw new AkException(existing + ": not writable (the results folder " + dir + " is written there)");
    }
    Path claims = dir.resolve(CellClaims.FOLDER);
    if (Files.exists(claims) && !Files.isDirectory(claims)) {
      throw new AkException(claims + ": exists and is not a folder (ak keeps the claims of running cells there)");
    }
  }

  /**
   * Sets the TensorFlow thread count of a sweep run: the definition's {@code threads} when it has
   * one (refusing a different {@code --threads}), else the process's; returns the count used.
   */
  static int applyThreads(SweepDefinition def, boolean optionGiven) {
    if (def.threads() != null) {
      int given = TensorFlowRuntime.requestedIntraOpThreads();
      if (optionGiven && given != def.threads()) {
        throw new AkException("--threads " + TensorFlowRuntime.intraOpThreads() + " (" + given + " thread(s)) conflicts"
            + " with sweep " + def.name() + "'s \"threads\": " + def.threads() + " (results move with the thread count;"
            + " the definition fixes it)");
      }
      TensorFlowRuntime.setThreads(def.threads(), TensorFlowRuntime.interOpThreads());
    }
    return TensorFlowRuntime.effectiveIntraOpThreads();
  }
}
