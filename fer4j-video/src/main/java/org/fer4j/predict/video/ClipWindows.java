package org.fer4j.predict.video;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.Resize;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.FaceResult;

/**
 * Sliding windows of face crops per track for a {@link ClipClassifier}: each track keeps its last
 * {@code frames} crops (resized to the model's side, so a window costs {@code frames * size^2 * 12}
 * bytes, 2.4 MB at 16 x 112), and a window is due every {@code stride} new frames once full.
 * Windows of tracks not seen for a while are dropped, so memory is bounded by the live tracks.
 */
final class ClipWindows {
  private final int frames;
  private final int size;
  private final int stride;
  private final Map<Integer, Window> windows = new HashMap<>();

  ClipWindows(int frames, int size, int stride) {
    this.frames = frames;
    this.size = size;
    this.stride = stride;
  }

  private static final class Window {
    final Deque<RgbImage> crops = new ArrayDeque<>();
    int sinceLast;
    long lastSeen;
  }

  /** Adds a face to its track's window; returns the clip when one is due, else null. */
  List<RgbImage> add(int track, RgbImage frame, FaceResult face, long analysedIndex) {
    Window w = windows.computeIfAbsent(track, t -> new Window());
    w.crops.addLast(crop(frame, face.alignedBox() != null ? face.alignedBox() : face.box(), size));
    if (w.crops.size() > frames) {
      w.crops.removeFirst();
    }
    w.lastSeen = analysedIndex;
    w.sinceLast++;
    if (w.crops.size() == frames && (w.sinceLast >= stride || w.sinceLast == w.crops.size())) {
      w.sinceLast = 0;
      return new ArrayList<>(w.crops);
    }
    return null;
  }

  /** Forgets tracks not seen in the last {@code maxAge} analysed frames. */
  void expire(long analysedIndex, long maxAge) {
    windows.values().removeIf(w -> analysedIndex - w.lastSeen > maxAge);
  }

  int tracks() {
    return windows.size();
  }

  /**
   * A square crop around the box (clamped to the image), resized to {@code side} with the
   * anti-aliased resize training uses ({@link Resize}), so the clip model sees crops shrunk the way
   * its training crops were.
   */
  static RgbImage crop(RgbImage image, FaceBox box, int side) {
    double cx = box.x() + box.width() / 2.0;
    double cy = box.y() + box.height() / 2.0;
    double half = Math.max(box.width(), box.height()) / 2.0;
    int x0 = (int) Math.max(0, Math.floor(cx - half));
    int y0 = (int) Math.max(0, Math.floor(cy - half));
    int x1 = (int) Math.min(image.width(), Math.ceil(cx + half));
    int y1 = (int) Math.min(image.height(), Math.ceil(cy + half));
    if (x1 - x0 < 1 || y1 - y0 < 1) {
      return new RgbImage(side, side, new float[side * side * 3]);
    }
    FloatImage crop = image.crop(x0, y0, x1 - x0, y1 - y0).toFloatImage();
    return RgbImage.of(new Resize(side, side).apply(crop, null));
  }
}
