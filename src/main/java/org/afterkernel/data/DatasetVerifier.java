package org.afterkernel.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.afterkernel.AkException;

/**
 * Checks a dataset's files on disk, never downloading: each file's SHA-256 against its {@link
 * ReferenceSums}, and its structure (IDX headers and sizes, label counts matching image counts,
 * CIFAR-10 record size, labels in 0–9). Files listed in a {@code SHA256SUMS} but missing fail.
 */
public final class DatasetVerifier {
  private DatasetVerifier() {}

  /** The verdict on one file. */
  public record FileCheck(Path file, boolean ok, String detail) {}

  /** One check per file of {@code dataset} in {@code dataDir}, in a stable order. */
  public static List<FileCheck> verify(Path dataDir, Dataset dataset) {
    ReferenceSums sums = ReferenceSums.load(dataDir, dataset);
    List<FileCheck> checks = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (Split split : Split.values()) {
      List<Path> files = DatasetLayout.find(dataDir, dataset, split);
      if (files.isEmpty()) {
        checks.add(
            new FileCheck(
                DataDir.of(dataDir, dataset),
                false,
                split + " files missing: " + DatasetLayout.whereToPut(dataDir, dataset)
                    + " (or run ak data fetch --dataset " + dataset + ")"));
        continue;
      }
      List<Finding> structure = structure(dataset, files);
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        seen.add(f.toAbsolutePath().normalize());
        checks.add(combine(f, sums.check(f), structure.get(i)));
      }
    }
    for (Path listed : sums.listedFiles()) {
      if (seen.add(listed)) {
        ReferenceSums.Status s = sums.check(listed);
        checks.add(new FileCheck(listed, s.ok(), s.text()));
      }
    }
    return checks;
  }

  /** What the structural check found in one file. */
  private record Finding(boolean ok, String text) {}

  /** One finding per file of a split, in the order of {@code files}. */
  private static List<Finding> structure(Dataset dataset, List<Path> files) {
    List<Finding> findings = new ArrayList<>();
    if (dataset == Dataset.MNIST) {
      Path imageFile = files.get(0);
      Path labelFile = files.get(1);
      IdxReader.IdxImages images = null;
      try {
        images = IdxReader.readImages(imageFile, dataset.height(), dataset.width());
        findings.add(new Finding(true, "IDX: " + images.count() + " images of " + images.rows() + "x" + images.cols()));
      } catch (AkException e) {
        findings.add(problem(imageFile, e));
      }
      try {
        byte[] labels = IdxReader.readLabels(labelFile);
        if (images != null) {
          Datasets.checkCounts(imageFile, images.count(), labelFile, labels.length);
        }
        findings.add(new Finding(true, "IDX: " + labels.length + " labels in 0-9"));
      } catch (AkException e) {
        findings.add(problem(labelFile, e));
      }
      return findings;
    }
    for (Path f : files) {
      try {
        int n = CifarReader.read(List.of(f)).labels().length;
        findings.add(new Finding(true, n + " records of 3073 bytes, labels in 0-9"));
      } catch (AkException e) {
        findings.add(problem(f, e));
      }
    }
    return findings;
  }

  private static FileCheck combine(Path file, ReferenceSums.Status sum, Finding structure) {
    boolean ok = sum.ok() && structure.ok();
    // The failing finding first, so the line starts with the problem.
    String text =
        structure.ok() ? sum.text() + "; " + structure.text() : structure.text() + "; " + sum.text();
    return new FileCheck(file, ok, text);
  }

  /** The reader's message without its leading "FILE: ", since the line names the file already. */
  private static Finding problem(Path file, AkException e) {
    String prefix = file + ": ";
    String m = e.getMessage();
    return new Finding(false, m.startsWith(prefix) ? m.substring(prefix.length()) : m);
  }
}
