package org.fer4j.predict.video;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.FaceBox;
import org.fer4j.face.FaceBoxes;
import org.fer4j.predict.FaceResult;

/**
 * Gives each face a stable id across frames: tracking by detection with greedy association on
 * box overlap (IoU, after a constant-velocity prediction of the box) and landmark distance, in
 * the spirit of SORT (Bewley et al., "Simple Online and Realtime Tracking", ICIP 2016,
 * <a href="https://arxiv.org/abs/1602.00763">arXiv:1602.00763</a>) without the Kalman filter.
 *
 * <p>Association: a face and a track may pair when their IoU is at least {@code minIou} or their
 * mean landmark distance, in units of the track's box diagonal, is at most {@code
 * maxLandmarkDistance}; pairs are taken best score first (score = IoU + 1 - distance/max). Birth:
 * an unpaired face opens a tentative track, confirmed after {@code minHits} frames in a row; a
 * tentative track that misses a frame dies (a one-frame false detection leaves no id behind).
 * Death: a confirmed track dies after {@code maxMisses} frames without a face. Ids are given on
 * confirmation, so they count people, not false alarms. Not thread-safe: one tracker per video.
 */
public final class FaceTracker {
  private final double minIou;
  private final double maxLandmarkDistance;
  private final int minHits;
  private final int maxMisses;
  private final List<Track> tracks = new ArrayList<>();
  private int nextId = 1;

  private FaceTracker(Builder b) {
    minIou = b.minIou;
    maxLandmarkDistance = b.maxLandmarkDistance;
    minHits = b.minHits;
    maxMisses = b.maxMisses;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** One face after association: its track id (0 while the track is tentative). */
  public record Assignment(int track, FaceResult face) {}

  /**
   * Associates the faces of the next analysed frame with the live tracks.
   *
   * @return one assignment per face, in the order of {@code faces}
   */
  public List<Assignment> update(List<FaceResult> faces) {
    Track[] owner = new Track[faces.size()];
    List<double[]> pairs = new ArrayList<>(); // {score, track index, face index}
    for (int t = 0; t < tracks.size(); t++) {
      for (int f = 0; f < faces.size(); f++) {
        double score = score(tracks.get(t), faces.get(f));
        if (score > 0) {
          pairs.add(new double[] {score, t, f});
        }
      }
    }
    pairs.sort(Comparator.comparingDouble((double[] p) -> -p[0]));
    boolean[] trackUsed = new boolean[tracks.size()];
    for (double[] p : pairs) {
      int t = (int) p[1];
      int f = (int) p[2];
      if (!trackUsed[t] && owner[f] == null) {
        trackUsed[t] = true;
        owner[f] = tracks.get(t);
      }
    }
    ageUnmatched(trackUsed);
    List<Assignment> out = new ArrayList<>();
    for (int f = 0; f < faces.size(); f++) {
      Track track = owner[f];
      if (track == null) {
        track = new Track();
        tracks.add(track);
      }
      track.hit(faces.get(f));
      if (track.id == 0 && track.hits >= minHits) {
        track.id = nextId++;
      }
      out.add(new Assignment(track.id, faces.get(f)));
    }
    return out;
  }

  /** Ids of the tracks alive now (confirmed ones). */
  public List<Integer> liveTracks() {
    return tracks.stream().filter(t -> t.id > 0).map(t -> t.id).toList();
  }

  // Tracks without a face this frame: tentative ones die at once, confirmed ones after maxMisses.
  private void ageUnmatched(boolean[] used) {
    int i = 0;
    for (Iterator<Track> it = tracks.iterator(); it.hasNext(); i++) {
      Track t = it.next();
      if (used[i]) {
        continue;
      }
      t.misses++;
      if (t.id == 0 || t.misses > maxMisses) {
        it.remove();
      }
    }
  }

  private double score(Track t, FaceResult face) {
    double iou = FaceBoxes.iou(ltrb(t.predicted()), ltrb(face.box()));
    double dist = landmarkDistance(t.last, face);
    boolean byBox = iou >= minIou;
    boolean byLandmarks = dist <= maxLandmarkDistance;
    if (!byBox && !byLandmarks) {
      return 0;
    }
    double closeness = Double.isInfinite(dist) ? 0 : 1 - dist / maxLandmarkDistance;
    return iou + Math.max(0, closeness) + 1e-9;
  }

  /** Mean distance of the 68 landmarks over the box diagonal; infinite without landmarks. */
  static double landmarkDistance(FaceResult a, FaceResult b) {
    float[] p = a.landmarks();
    float[] q = b.landmarks();
    if (p == null || q == null || p.length == 0 || p.length != q.length) {
      return Double.POSITIVE_INFINITY;
    }
    double sum = 0;
    for (int i = 0; i < p.length; i += 2) {
      sum += Math.hypot(p[i] - q[i], p[i + 1] - q[i + 1]);
    }
    double diagonal = Math.hypot(a.box().width(), a.box().height());
    return sum / (p.length / 2.0) / Math.max(1e-6, diagonal);
  }

  private static FaceBoxes.Ltrb ltrb(FaceBox b) {
    return new FaceBoxes.Ltrb(b.x(), b.y(), b.x() + b.width(), b.y() + b.height());
  }

  private static final class Track {
    int id;
    int hits;
    int misses;
    FaceResult last;
    float velocityX;
    float velocityY;

    void hit(FaceResult face) {
      if (last != null) {
        float gap = misses + 1f;
        FaceBox a = last.box();
        FaceBox b = face.box();
        velocityX = (b.x() - a.x()) / gap;
        velocityY = (b.y() - a.y()) / gap;
      }
      hits = misses == 0 ? hits + 1 : 1;
      misses = 0;
      last = face;
    }

    // Where the box should be now if it kept its speed over the missed frames.
    FaceBox predicted() {
      FaceBox b = last.box();
      float steps = misses + 1f;
      return new FaceBox(b.x() + velocityX * steps, b.y() + velocityY * steps, b.width(), b.height());
    }
  }

  /** Builder; every option has a default. */
  public static final class Builder {
    private double minIou = 0.3;
    private double maxLandmarkDistance = 0.15;
    private int minHits = 2;
    private int maxMisses = 15;

    /** Least box overlap for a pairing by box (default 0.3). */
    public Builder optMinIou(double v) {
      minIou = v;
      return this;
    }

    /** Largest mean landmark distance, in box diagonals, for a pairing by landmarks (default 0.15). */
    public Builder optMaxLandmarkDistance(double v) {
      maxLandmarkDistance = v;
      return this;
    }

    /** Frames in a row that confirm a track and give it an id (default 2). */
    public Builder optMinHits(int n) {
      minHits = n;
      return this;
    }

    /** Analysed frames without its face after which a confirmed track dies (default 15). */
    public Builder optMaxMisses(int n) {
      maxMisses = n;
      return this;
    }

    public FaceTracker build() {
      if (!(minIou > 0 && minIou <= 1)) {
        throw FerException.badInput("tracker minIou must be in (0, 1], was " + minIou);
      }
      if (!(maxLandmarkDistance > 0)) {
        throw FerException.badInput("tracker maxLandmarkDistance must be > 0, was " + maxLandmarkDistance);
      }
      if (minHits < 1 || maxMisses < 0) {
        throw FerException.badInput("tracker needs minHits >= 1 and maxMisses >= 0, were "
            + minHits + " and " + maxMisses);
      }
      return new FaceTracker(this);
    }
  }
}
