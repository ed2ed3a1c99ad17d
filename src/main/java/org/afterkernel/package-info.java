/**
 * afterkernel: after-kernel analysis of neural networks on TensorFlow Java.
 *
 * <p>Packages are split by concern: {@code data} (datasets), {@code nn} (Keras-like networks as
 * TensorFlow graphs), {@code train} (SGD training), {@code kernel} (per-example gradient features
 * and Gram matrices), {@code invariance} (image perturbations and invariance measures), {@code
 * linear} (max-margin solvers and kernel regression), {@code experiment} (the original script's
 * experiment), {@code track} (the kernel's trajectory during training), {@code io}
 * (.npy, JSON, atomic writes, provenance), {@code tf} (TensorFlow runtime helpers) and {@code cli}
 * (the {@code ak} command line).
 */
package org.afterkernel;
