/**
 * Files in and out: NumPy {@code .npy} arrays, JSON documents, atomic writes (temporary file then
 * rename, so nothing is ever half-written) and the provenance recorded with every result.
 */
package org.afterkernel.io;
