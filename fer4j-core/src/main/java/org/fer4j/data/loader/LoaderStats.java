package org.fer4j.data.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of what a loader delivered and skipped. A sample whose image is missing, truncated or
 * corrupt is skipped (never a crash); the first {@link #MAX_MESSAGES} reasons are kept for the
 * end-of-run summary.
 */
public final class LoaderStats {
  /** How many skip reasons are kept verbatim. */
  public static final int MAX_MESSAGES = 20;

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final List<String> messages = new ArrayList<>();

  void delivered(int n) {
    delivered.addAndGet(n);
  }

  void skipped(String reason) {
    skipped.incrementAndGet();
    synchronized (messages) {
      if (messages.size() < MAX_MESSAGES) {
        messages.add(reason);
      }
    }
  }

  /** Samples handed out in batches so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Samples skipped because their image could not be decoded. */
  public long skipped() {
    return skipped.get();
  }

  /** The first skip reasons (file and cause). */
  public List<String> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  @Override
  public String toString() {
    return "delivered " + delivered() + ", skipped " + skipped()
        + (skipped() > 0 ? " (first: " + messages().get(0) + ")" : "");
  }
}
