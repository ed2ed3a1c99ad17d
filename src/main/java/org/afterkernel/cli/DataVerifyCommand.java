package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.DatasetVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak data verify}: check a dataset's files (checksums and structure), one line each. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a dataset's files without downloading anything: SHA-256 against the built-in MNIST"
          + " sums and any SHA256SUMS in the data directory, and the structure of every file.",
      "Prints one line per file (OK or FAIL); exits 1 when any check fails."
    })
public final class DataVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOptions data;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = data.dataDir();
    List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(dir, data.dataset());
    long failed = checks.stream().filter(c -> !c.ok()).count();
    for (DatasetVerifier.FileCheck c : checks) {
      out.printf("%-4s  %s  %s%n", c.ok() ? "OK" : "FAIL", DataPaths.relative(dir, c.file()), c.detail());
    }
    out.flush();
    if (failed > 0) {
      throw new AkException(
          data.dataset() + " in " + dir + ": " + failed + " of " + checks.size()
              + " checks failed (see the FAIL lines above)");
    }
    out.printf("%s: all %d files OK%n", data.dataset(), checks.size());
    out.flush();
    return 0;
  }
}
