package org.afterkernel.savedmodel;

/** Seeds of the savedmodel fuzz tests that need package-private readers (used by {@code FuzzSeeds}). */
public final class FuzzSeedAccess {
  private FuzzSeedAccess() {}

  /** A checkpoint index's entries as {@code SavedModelFuzzTest#checkpointEntries} reads them. */
  public static byte[] entries(byte[] index) {
    return SavedModelFuzzTest.encode(TableFile.entries("seed", index));
  }
}
