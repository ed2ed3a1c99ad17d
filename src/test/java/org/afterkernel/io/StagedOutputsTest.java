package org.afterkernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputsTest {
  @TempDir Path dir;

  /** Every path under {@code root}, relative, hidden ones included, sorted. */
  static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void nothingAppearsBeforeTheCommitAndEverythingAfter() throws IOException {
    Path folder = dir.resolve("a/b/model");
    Path sidecar = dir.resolve("a/b/model.json");
    try (StagedOutputs outputs = new StagedOutputs()) {
      Path staged = outputs.directory(folder);
      Files.writeString(staged.resolve("weights.txt"), "w");
      Files.createDirectories(staged.resolve("sub"));
      Files.writeString(staged.resolve("sub/inner.txt"), "i");
      Json.write(outputs.file(sidecar), List.of(1, 2));
      assertFalse(Files.exists(folder));
      assertFalse(Files.exists(sidecar));
      assertEquals(folder.resolve("sub/inner.txt"), outputs.target(staged.resolve("sub/inner.txt")));
      assertEquals(folder, outputs.target(staged));
      outputs.commit();
    }
    assertEquals(List.of("a", "a/b", "a/b/model", "a/b/model.json", "a/b/model/sub", "a/b/model/sub/inner.txt",
        "a/b/model/weights.txt"), tree(dir));
    assertEquals("[ 1, 2 ]", Files.readString(sidecar).strip());
    assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(folder)));
  }

  @Test
  void aFailureBeforeTheCommitLeavesNothingNotEvenTheParentsItCreated() throws IOException {
    Files.writeString(dir.resolve("existing.txt"), "keep");
    RuntimeException failure = assertThrows(IllegalStateException.class, () -> {
      try (StagedOutputs outputs = new StagedOutputs()) {
        Path staged = outputs.directory(dir.resolve("new/deeper/out"));
        Files.writeString(staged.resolve("network.json"), "{}");
        Files.writeString(outputs.file(dir.resolve("new/x.npy")), "x");
        throw new IllegalStateException("diverged");
      }
    });
    assertEquals("diverged", failure.getMessage());
    assertEquals(List.of("existing.txt"), tree(dir));
  }

  @Test
  void aFolderIsMergedIntoAnExistingOneReplacingNamesakesWhole() throws IOException {
    Path figures = dir.resolve("figures");
    Files.createDirectories(figures.resolve("savedmodel/variables"));
    Files.writeString(figures.resolve("other.png"), "other figure");
    Files.writeString(figures.resolve("fig01.png"), "old");
    Files.writeString(figures.resolve("savedmodel/variables/stale.index"), "stale");
    try (StagedOutputs outputs = new StagedOutputs()) {
      Path staged = outputs.directory(figures);
      Files.writeString(staged.resolve("fig01.png"), "new");
      Files.createDirectories(staged.resolve("savedmodel"));
      Files.writeString(staged.resolve("savedmodel/saved_model.pb"), "pb");
      outputs.commit();
    }
    assertEquals(List.of("figures", "figures/fig01.png", "figures/other.png", "figures/savedmodel",
        "figures/savedmodel/saved_model.pb"), tree(dir));
    assertEquals("new", Files.readString(figures.resolve("fig01.png")));
    assertEquals("other figure", Files.readString(figures.resolve("other.png")));
  }

  @Test
  void aDestinationThatCannotBeReplacedIsRefusedBeforeAnythingMoves() throws IOException {
    Path figures = dir.resolve("figures");
    Files.createDirectories(figures.resolve("b.svg")); // a folder where a file will go
    AkException e = assertThrows(AkException.class, () -> {
      try (StagedOutputs outputs = new StagedOutputs()) {
        Files.writeString(outputs.file(dir.resolve("first.json")), "{}");
        Path staged = outputs.directory(figures);
        Files.writeString(staged.resolve("a.png"), "a");
        Files.writeString(staged.resolve("b.svg"), "b");
        outputs.commit();
      }
    });
    assertEquals(figures.resolve("b.svg") + ": exists as a directory, cannot be replaced by a file", e.getMessage());
    assertEquals(List.of("figures", "figures/b.svg"), tree(dir));

    Files.writeString(dir.resolve("plain"), "a file");
    try (StagedOutputs outputs = new StagedOutputs()) {
      AkException notDir = assertThrows(AkException.class, () -> outputs.directory(dir.resolve("plain")));
      assertEquals(dir.resolve("plain") + ": exists and is not a directory", notDir.getMessage());
      AkException isDir = assertThrows(AkException.class, () -> outputs.file(figures));
      assertEquals(figures + ": is a directory, expected a file name", isDir.getMessage());
    }
  }

  @Test
  void aCommitHappensOnce() throws IOException {
    try (StagedOutputs outputs = new StagedOutputs()) {
      Files.writeString(outputs.file(dir.resolve("x")), "x");
      outputs.commit();
      assertThrows(IllegalStateException.class, outputs::commit);
    }
    assertEquals("x", Files.readString(dir.resolve("x")));
  }

  /**
   * The exit race SignalsTest met under load (2026-12-04): the command's thread made a temporary
   * file in a created folder as the hook discarded, so the folder was not empty then; once that
   * file goes, the folders are removed on the retry.
   */
  @Test
  void createdFoldersKeptByALateFileAreRemovedOnceItGoes() throws Exception {
    Path target = dir.resolve("new/f/X.npy");
    StagedOutputs outputs = new StagedOutputs();
    outputs.file(target);
    Path late = Files.createFile(dir.resolve("new/f/.X.npy.late.tmp"));
    outputs.close();
    assertTrue(Files.isDirectory(dir.resolve("new/f")), "kept while the late file is there");
    Thread writer = new Thread(() -> {
      try {
        Thread.sleep(100);
        Files.delete(late);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    writer.start();
    assertTrue(StagedOutputs.deleteLeftParents(5000));
    writer.join();
    assertFalse(Files.exists(dir.resolve("new")), "the created folders are gone");
  }

  @Test
  void aFolderThatStaysFullIsLeftAfterTheWait() throws Exception {
    StagedOutputs outputs = new StagedOutputs();
    outputs.file(dir.resolve("a/b/X.npy"));
    Files.writeString(dir.resolve("a/b/other"), "someone else's");
    outputs.close();
    assertFalse(StagedOutputs.deleteLeftParents(50));
    assertEquals("someone else's", Files.readString(dir.resolve("a/b/other")));
    Files.delete(dir.resolve("a/b/other"));
    assertTrue(StagedOutputs.deleteLeftParents(0));
    assertFalse(Files.exists(dir.resolve("a")));
  }
}
