package org.fer4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * {@code curves.png}: losses on the left chart, metrics on the right, per epoch, drawn from the
 * rows of {@code metrics.csv} and rewritten atomically after every epoch.
 */
public final class CurvesPlot {
  private CurvesPlot() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Draws every column whose name contains "loss" on one chart and the rest on another. */
  public static void write(Path png, List<Map<String, Double>> rows) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    XYChart loss = chart("Loss");
    XYChart metric = chart("Metrics");
    List<Double> epochs = column(rows, "epoch");
    for (String col : rows.get(0).keySet()) {
      if (col.equals("epoch") || col.equals("lr") || col.endsWith("seconds") || col.endsWith("images_per_s")) {
        continue;
      }
      List<Double> ys = column(rows, col);
      if (ys.stream().allMatch(d -> d.isNaN())) {
        continue;
      }
      (col.contains("loss") ? loss : metric).addSeries(col, epochs, ys);
    }
    java.awt.image.BufferedImage left = BitmapEncoder.getBufferedImage(loss);
    java.awt.image.BufferedImage right = BitmapEncoder.getBufferedImage(metric);
    java.awt.image.BufferedImage both =
        new java.awt.image.BufferedImage(
            left.getWidth() + right.getWidth(), left.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = both.createGraphics();
    g.drawImage(left, 0, 0, null);
    g.drawImage(right, left.getWidth(), 0, null);
    g.dispose();
    AtomicFiles.write(png, out -> javax.imageio.ImageIO.write(both, "png", out));
  }

  private static XYChart chart(String title) {
    XYChart c = new XYChartBuilder().width(560).height(380).title(title).xAxisTitle("epoch").build();
    c.getStyler().setMarkerSize(4);
    return c;
  }

  private static List<Double> column(List<Map<String, Double>> rows, String name) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Double> r : rows) {
      out.add(r.getOrDefault(name, Double.NaN));
    }
    return out;
  }
}
