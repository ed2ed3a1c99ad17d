package org.afterkernel.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.io.Json;
import org.afterkernel.io.JsonLines;
import org.afterkernel.io.Npy;
import org.afterkernel.kernel.KernelStats;
import org.afterkernel.linear.DenseMatrix;

/**
 * After training: compares every record's kernel K_t with the final kernel K_T of the trajectory —
 * their kernel alignment A(K_t, K_T) = &lt;K_t, K_T&gt;_F / (||K_t||_F ||K_T||_F) ({@code
 * final_alignment}) and the overlap ||U_t^T U_T||_F^2 / k of their top-k eigenvectors ({@code
 * top_k_overlap}) — and rewrites {@code records.jsonl} with them (atomically; running it again
 * gives the same file).
 */
public final class FinalComparison {
  private FinalComparison() {}

  /** Adds the comparison with the last record's kernel to every record of {@code dir}; returns the lines. */
  public static List<ObjectNode> apply(Path dir, int topK) {
    Path file = Tracker.recordsFile(dir);
    List<ObjectNode> lines = new ArrayList<>();
    for (JsonNode n : JsonLines.read(file)) {
      lines.add((ObjectNode) n);
    }
    if (lines.isEmpty()) {
      throw new AkException(file + ": no records to compare");
    }
    lines.sort(Comparator.comparingLong(n -> n.path("step").asLong()));
    long last = lines.get(lines.size() - 1).path("step").asLong();
    long total = lines.get(0).path("total_steps").asLong();
    if (last != total) {
      throw new AkException(file + ": the last record is step " + last + " of " + total
          + ": the trajectory is not finished (run ak track again to resume it)");
    }
    DenseMatrix finalKernel = load(dir, last);
    double[] finalTop = KernelStats.topEigenvectors(finalKernel, topK);
    int n = finalKernel.rows();
    for (ObjectNode line : lines) {
      long step = line.path("step").asLong();
      DenseMatrix k = step == last ? finalKernel : load(dir, step);
      line.put("final_alignment", KernelStats.alignment(k, finalKernel));
      double[] top = step == last ? finalTop : KernelStats.topEigenvectors(k, topK);
      line.put("top_k_overlap", KernelStats.subspaceOverlap(top, finalTop, n, topK));
      line.put("top_k", topK);
    }
    StringBuilder text = new StringBuilder();
    for (ObjectNode line : lines) {
      text.append(Json.toLine(line)).append('\n');
    }
    AtomicFiles.writeString(file, text.toString());
    return lines;
  }

  private static DenseMatrix load(Path dir, long step) {
    Path f = Tracker.kernelFile(dir, step);
    try {
      return DenseMatrix.of(Npy.read(f));
    } catch (RuntimeException e) {
      throw new AkException(f + ": the kernel of step " + step + " cannot be read (" + e.getMessage() + ")");
    }
  }
}
