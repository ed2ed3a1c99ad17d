/**
 * Sweeps: grids of experiments (every figure of the paper is one), run as resumable, shardable
 * batches of cells. A cell is one experiment setting measured for one run; cells that differ only
 * in the number of epochs share one training trajectory. Results go to a JSON-lines file, one line
 * per finished cell, appended atomically, so a killed sweep resumes where it stopped and shards run
 * on a cluster merge into one file. Any number of processes may share a results folder: appends are
 * locked, and a cell is claimed ({@link org.afterkernel.sweep.CellClaims}) before it is computed. {@link org.afterkernel.sweep.SlurmArray} is the {@code sbatch}
 * line of a Slurm job array, {@link org.afterkernel.sweep.SweepProgress} tells how far the shards
 * are (and when the last may merge), {@link org.afterkernel.sweep.SweepComparison} whether two runs
 * measured the same, {@link org.afterkernel.sweep.PairedSummary} whether a claim holds run by run
 * (paired differences and the {@link org.afterkernel.sweep.Verdict} by one rule).
 */
package org.afterkernel.sweep;
