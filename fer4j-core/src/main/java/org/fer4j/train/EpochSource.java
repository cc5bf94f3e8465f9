package org.fer4j.train;

import java.util.Iterator;

/**
 * The batches of one epoch. Implementations derive the order from (seed, epoch) only, so an epoch
 * replayed after a resume sees exactly the same batches.
 */
public interface EpochSource {
  /** Batches of the given 0-based epoch. Closing the iterator (if Closeable) stops workers. */
  Iterator<HostBatch> epoch(int epoch);

  /** Number of samples in one epoch (for progress and images/s). */
  long samples();
}
