/**
 * Files in and out: NumPy {@code .npy} arrays, JSON documents, atomic writes (temporary file then
 * rename, so nothing is ever half-written), a command's outputs staged and published together
 * ({@link org.afterkernel.io.StagedOutputs}), the provenance recorded with every result, and the
 * helpers of one-line error messages (what a file holds, close spellings).
 */
package org.afterkernel.io;
