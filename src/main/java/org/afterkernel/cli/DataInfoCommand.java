package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.DataDir;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.DatasetFetcher;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.RawSplit;
import org.afterkernel.data.ReferenceSums;
import org.afterkernel.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ak data info}: class counts per split, image shape, files and their checksum status. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Describe a dataset: images per class in each split, image shape, and the files read with"
            + " their SHA-256 status. Fetches the dataset first when it is missing.")
public final class DataInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOptions data;

  @Option(
      names = "--classes",
      paramLabel = "MINUS,PLUS",
      description = "Also describe this binary task (MINUS gets label 0, PLUS label 1), e.g. 3,8.")
  String classes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = data.dataDir();
    Dataset d = data.dataset();
    ClassPair pair = classes == null ? null : ClassPair.parse(classes);
    DatasetFetcher fetcher = DatasetFetcher.fromEnvironment(spec.commandLine().getErr());
    RawSplit train = Datasets.loadSplit(dir, d, Split.TRAIN, fetcher);
    RawSplit test = Datasets.loadSplit(dir, d, Split.TEST, fetcher);
    // Computed before printing, so that a failure leaves no half-printed table.
    String task = pair == null ? null : task(d, pair, train, test);
    out.printf("dataset   %s in %s%n", d, DataDir.of(dir, d).toAbsolutePath().normalize());
    out.printf("images    %s (height x width x channels), 8-bit pixels read as pixel / 255%n", d.shapeText());
    out.printf("%-16s %8s %8s%n", "class", "train", "test");
    int[] a = train.classCounts();
    int[] b = test.classCounts();
    for (int c = 0; c < Dataset.CLASSES; c++) {
      out.printf("%-16s %8d %8d%n", d.describeClass(c), a[c], b[c]);
    }
    out.printf("%-16s %8d %8d%n", "total", train.count(), test.count());
    if (task != null) {
      out.println(task);
    }
    out.println("files");
    ReferenceSums sums = ReferenceSums.load(dir, d);
    for (RawSplit s : new RawSplit[] {train, test}) {
      for (Path f : s.files()) {
        ReferenceSums.Status st = sums.check(f);
        out.printf(
            "  %-5s %s  %d bytes  %s%s%n",
            s.split(), DataPaths.relative(dir, f), Files.size(f), st.ok() ? "" : "FAIL: ", st.text());
      }
    }
    out.flush();
    return 0;
  }

  /** The sizes of the binary task; fails like every loader when a class has no examples. */
  private static String task(Dataset d, ClassPair pair, RawSplit train, RawSplit test) {
    int trainCount = train.binary(pair, 0).count();
    int testCount = test.binary(pair, 0).count();
    return String.format(
        "task      %s: class %s -> label 0, class %s -> label 1; %d train and %d test examples",
        pair, d.describeClass(pair.minus()), d.describeClass(pair.plus()), trainCount, testCount);
  }
}
