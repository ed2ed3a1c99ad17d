/**
 * The TensorFlow runtime as this project uses it: thread settings, sessions created with them,
 * the devices TensorFlow sees, and small helpers for moving arrays in and out of tensors.
 */
package org.afterkernel.tf;
