/**
 * The original script ({@code run_ak_experiment.py}) as one experiment: for each run, a fresh
 * network, the NTK measures, training, the after-kernel measures, the SVM on the kernel and the NN
 * test error; then means and half-widths over runs, written as the original's 38-field TSV row
 * and as a JSON document with the configuration, per-run values, training curves, timings and
 * provenance.
 */
package org.afterkernel.experiment;
