package org.fer4j.train;

import java.util.Iterator;
import org.fer4j.data.loader.Batch;
import org.fer4j.data.loader.BatchLoader;

/** Feeds a {@link BatchLoader}'s epochs to the training loop without copying pixels. */
public final class LoaderSource implements EpochSource {
  private final BatchLoader loader;
  private final long samples;

  public LoaderSource(BatchLoader loader, long samples) {
    this.loader = loader;
    this.samples = samples;
  }

  @Override
  public Iterator<HostBatch> epoch(int epoch) {
    Iterator<Batch> it = loader.epoch(epoch).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public HostBatch next() {
        Batch b = it.next();
        return new HostBatch(b.data(), b.shape(), b.labels(), b.targets(), targetWidth(b), b::close);
      }
    };
  }

  private static int targetWidth(Batch b) {
    float[] t = b.targets();
    return t == null || b.size() == 0 ? 0 : t.length / b.size();
  }

  @Override
  public long samples() {
    return samples;
  }
}
