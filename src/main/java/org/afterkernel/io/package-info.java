/**
 * Files in and out: NumPy {@code .npy} arrays, JSON documents, atomic writes (temporary file then
 * rename, so nothing is ever half-written), a command's outputs staged and published together
 * ({@link org.afterkernel.io.StagedOutputs}) and removed at exit when unpublished ({@link
 * org.afterkernel.io.ExitCleanup}), files shared by several processes (appends under a folder's
 * {@link org.afterkernel.io.DirectoryLock}, a row that can be taken back: {@link
 * org.afterkernel.io.RowAppend}), the provenance recorded with every result, and the helpers of
 * one-line messages (what a file holds, close spellings, {@link org.afterkernel.io.Warnings}).
 */
package org.afterkernel.io;
