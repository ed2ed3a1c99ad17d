/**
 * Datasets: readers for the original MNIST IDX and CIFAR-10 binary files, binary tasks made of
 * two classes, the data directory, and verified downloads from the datasets' public homes.
 */
package org.afterkernel.data;
