/**
 * The tangent kernel's trajectory during training ({@code ak track}): a {@link
 * org.afterkernel.track.Tracker} trains a network and records, at the steps of a {@link
 * org.afterkernel.track.TrackSchedule}, its loss and the kernel on a fixed probe set (norm,
 * effective rank, kernel-target alignment, change since the previous record);
 * {@link org.afterkernel.track.FinalComparison} then compares each record with the final kernel
 * (alignment, top-k eigenvector overlap): the measurements of the silent-alignment paper.
 *
 * <p>Layering: uses kernel, train, nn, linear, data and io; used by cli and plot.
 */
package org.afterkernel.track;
