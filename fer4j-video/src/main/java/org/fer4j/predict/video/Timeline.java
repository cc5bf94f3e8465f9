package org.fer4j.predict.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.data.LabelSpace;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Each track's expression probabilities over time, for {@code --timeline out.png}. Memory is
 * bounded for any video length: a track keeps at most {@code maxPoints} points, and when it would
 * exceed that, neighbouring points are averaged in pairs (the time resolution halves), so an hour
 * of 30 fps video costs the same as a minute.
 */
public final class Timeline {
  private final LabelSpace labels;
  private final int maxPoints;
  private final Map<Integer, Series> tracks = new TreeMap<>();

  /**
   * @param labels the static classifier's classes (one line per class)
   * @param maxPoints most points kept per track (even, at least 2)
   */
  public Timeline(LabelSpace labels, int maxPoints) {
    if (maxPoints < 2 || maxPoints % 2 != 0) {
      throw new IllegalArgumentException("maxPoints must be even and >= 2, was " + maxPoints);
    }
    this.labels = labels;
    this.maxPoints = maxPoints;
  }

  /** A track's points: times (seconds) and, per class, the probabilities at those times. */
  public record Points(double[] seconds, double[][] probabilities) {}

  private final class Series {
    final List<double[]> points = new ArrayList<>(); // {seconds, weight, p0, p1, ...}

    void add(double seconds, Map<String, Float> probs) {
      double[] p = new double[2 + labels.size()];
      p[0] = seconds;
      p[1] = 1;
      for (int c = 0; c < labels.size(); c++) {
        p[2 + c] = probs.getOrDefault(labels.nameOf(c), 0f);
      }
      points.add(p);
      if (points.size() > maxPoints) {
        halve();
      }
    }

    // Weighted means of neighbouring pairs; an odd last point stays as it is.
    private void halve() {
      List<double[]> merged = new ArrayList<>();
      for (int i = 0; i + 1 < points.size(); i += 2) {
        double[] a = points.get(i);
        double[] b = points.get(i + 1);
        double[] m = new double[a.length];
        m[1] = a[1] + b[1];
        for (int k = 0; k < a.length; k++) {
          m[k] = k == 1 ? m[1] : (a[k] * a[1] + b[k] * b[1]) / m[1];
        }
        merged.add(m);
      }
      if (points.size() % 2 == 1) {
        merged.add(points.get(points.size() - 1));
      }
      points.clear();
      points.addAll(merged);
    }
  }

  /** Adds the confirmed faces of one frame (faces of tentative tracks, id 0, are skipped). */
  public void add(FrameResult frame) {
    for (TrackedFace f : frame.faces()) {
      if (f.track() > 0) {
        tracks.computeIfAbsent(f.track(), t -> new Series()).add(frame.seconds(), f.face().expressions());
      }
    }
  }

  public List<Integer> tracks() {
    return List.copyOf(tracks.keySet());
  }

  public Points points(int track) {
    List<double[]> pts = tracks.get(track).points;
    double[] t = new double[pts.size()];
    double[][] p = new double[labels.size()][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      t[i] = pts.get(i)[0];
      for (int c = 0; c < labels.size(); c++) {
        p[c][i] = pts.get(i)[2 + c];
      }
    }
    return new Points(t, p);
  }

  /**
   * Writes a PNG with one chart per track, stacked; each chart is {@code width x rowHeight}.
   * Nothing is written when no track was confirmed.
   *
   * @return the number of charts written
   */
  public int writePng(Path file, int width, int rowHeight) throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (int track : tracks.keySet()) {
      XYChart chart = new XYChartBuilder().width(width).height(rowHeight)
          .title("track " + track).xAxisTitle("time (s)").yAxisTitle("probability").build();
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setMarkerSize(0);
      Points pts = points(track);
      for (int c = 0; c < labels.size(); c++) {
        chart.addSeries(labels.nameOf(c), pts.seconds(), pts.probabilities()[c]).setMarker(SeriesMarkers.NONE);
      }
      charts.add(chart);
    }
    if (charts.isEmpty()) {
      return 0;
    }
    String name = file.toString().replaceFirst("(?i)\\.png$", "");
    BitmapEncoder.saveBitmap(new ArrayList<>(charts), charts.size(), 1, name, BitmapEncoder.BitmapFormat.PNG);
    return charts.size();
  }
}
