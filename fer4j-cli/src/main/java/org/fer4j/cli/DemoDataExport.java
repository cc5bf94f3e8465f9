package org.fer4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;

/**
 * Writes the splits a run trains and is evaluated on as decoded 8-bit pixels, so that a peer
 * pipeline (tools/reference/peer_demo.py) trains on exactly the pixels fer4j's decoder produces
 * and on exactly fer4j's train/validation hold-out, with no second JPEG decoder in between.
 *
 * <p>Per split {@code NAME}: {@code NAME_x.npy} (uint8, shape (N, H, W, 3), RGB), {@code
 * NAME_y.npy} (int64 class indices, shape (N)) and {@code NAME_ids.txt} (one sample id a line, in
 * the same order); {@code meta.json} holds the class names, counts and whatever the caller adds.
 * The {@code .npy} layout is NumPy's format 1.0 (numpy.org/doc/stable/reference/generated/
 * numpy.lib.format.html).
 */
final class DemoDataExport {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

  private DemoDataExport() {}

  /**
   * Writes every split (in the given order) into {@code dir} and returns the sample count per split.
   *
   * @param size the side every image must have (the model input; the exporter does not resize)
   * @param meta extra entries for meta.json (seed, recipe, ...)
   */
  static Map<String, Integer> write(Map<String, List<Sample>> splits, LabelSpace labels, int size,
      Path dir, Map<String, Object> meta) throws IOException {
    Files.createDirectories(dir);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, List<Sample>> e : splits.entrySet()) {
      writeSplit(e.getKey(), e.getValue(), size, dir);
      counts.put(e.getKey(), e.getValue().size());
    }
    Map<String, Object> all = new LinkedHashMap<>(meta);
    all.put("classes", labels.classes());
    all.put("size", size);
    all.put("counts", counts);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("meta.json").toFile(), all);
    return counts;
  }

  private static void writeSplit(String name, List<Sample> samples, int size, Path dir) throws IOException {
    long[] labels = new long[samples.size()];
    List<String> ids = new ArrayList<>(samples.size());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name + "_x.npy")), 1 << 16)) {
      out.write(header("|u1", samples.size() + ", " + size + ", " + size + ", 3"));
      byte[] hwc = new byte[size * size * 3];
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        if (s.label() < 0) {
          throw FerException.badInput("sample " + s.id() + " (" + s.image().describe() + ") has no hard label");
        }
        toHwc(ImageDecoder.decode(s.image()), size, s, hwc);
        out.write(hwc);
        labels[i] = s.label();
        ids.add(s.id());
      }
    }
    ByteBuffer y = ByteBuffer.allocate(labels.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long l : labels) {
      y.putLong(l);
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve(name + "_y.npy"))) {
      out.write(header("<i8", labels.length + ","));
      out.write(y.array());
    }
    Files.write(dir.resolve(name + "_ids.txt"), ids, StandardCharsets.UTF_8);
  }

  /**
   * RGB floats (k/255, as the decoder makes them) back to interleaved bytes; rounding restores k
   * exactly.
   */
  private static void toHwc(FloatImage img, int size, Sample s, byte[] dst) {
    if (img.channels() != 3 || img.height() != size || img.width() != size) {
      throw FerException.badInput(s.image().describe() + " is " + img.channels() + "x" + img.height() + "x"
          + img.width() + "; the export needs 3x" + size + "x" + size + " (the model input, no resize)");
    }
    int plane = img.plane();
    float[] d = img.data();
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        dst[3 * i + c] = (byte) Math.round(d[c * plane + i] * 255f);
      }
    }
  }

  /** NumPy format 1.0 header, padded with spaces so the data start at a multiple of 64 bytes. */
  static byte[] header(String descr, String shape) {
    String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, shape);
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    String padded = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + padded.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }
}
