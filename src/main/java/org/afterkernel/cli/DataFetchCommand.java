package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.afterkernel.data.DataDir;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.DatasetFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak data fetch}: download a dataset from its public home, verified. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Download a dataset into the data directory, verifying checksums; files already present"
          + " and verified are kept.",
      "Sources: AK_MNIST_URL / AK_CIFAR10_URL (comma-separated base URLs) replace the public homes."
    })
public final class DataFetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOptions data;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = data.dataDir();
    Dataset dataset = data.dataset();
    DatasetFetcher.fromEnvironment(out).fetch(dir, dataset);
    out.printf("%s: ready in %s%n", dataset, DataDir.of(dir, dataset));
    out.flush();
    return 0;
  }
}
