package org.fer4j.data.transforms;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;

/**
 * Decodes JPEG, PNG and BMP files into RGB {@link FloatImage}s in [0,1]: grayscale is copied to
 * three channels, 16-bit samples are scaled by their own maximum, palettes are expanded, CMYK and
 * YCCK JPEGs are converted from their raw samples (inverted only when an Adobe APP14 segment says
 * so, as PIL does; older JDKs reject such files, newer ones always assume Adobe inversion), and
 * the EXIF orientation is applied. A truncated or corrupt file is a {@link FerException} that names it.
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /** Decodes any image reference (file or in-memory pixels). */
  public static FloatImage decode(ImageRef ref) {
    if (ref instanceof ImageRef.Pixels p) {
      return fromPixels(p);
    }
    return decode(((ImageRef.File) ref).path());
  }

  /** Reads and decodes a file. */
  public static FloatImage decode(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw FerException.notFound("image file not found: " + path);
    } catch (IOException e) {
      throw FerException.badInput("cannot read image " + path + ": " + e.getMessage());
    }
    return decode(bytes, path.toString());
  }

  /** Decodes encoded bytes; {@code origin} names them in error messages. */
  public static FloatImage decode(byte[] bytes, String origin) {
    return decode(bytes, origin, false);
  }

  /**
   * {@link #decode(byte[], String)} that also refuses what the pixel decoder only warns about
   * (corrupt entropy-coded data and the like, which decode to grey or smeared blocks): a server
   * answering one upload would rather say "broken" than analyse half a picture, while a data set
   * reader keeps such images, as PIL does.
   */
  public static FloatImage decodeStrict(byte[] bytes, String origin) {
    return decode(bytes, origin, true);
  }

  private static FloatImage decode(byte[] bytes, String origin, boolean strict) {
    Stored stored = decodeStored(bytes, origin, strict);
    FloatImage rgb = stored.image() != null ? toFloat(stored.image()) : stored.converted();
    return Orientation.apply(rgb, stored.orientation());
  }

  /**
   * What the decoder read, before it is converted to a pixel layout and turned upright: the step
   * {@link #decode} and the face pipeline's {@code RgbImage.decode} share, so both read every
   * format, colour model and EXIF orientation alike while each converts ImageIO's picture to its
   * own layout in one pass.
   *
   * @param image ImageIO's picture, null for a CMYK or YCCK JPEG
   * @param converted that JPEG as RGB in [0,1], null otherwise
   * @param orientation the EXIF orientation (1..8) still to apply
   */
  public record Stored(BufferedImage image, FloatImage converted, int orientation) {}

  /**
   * Decodes encoded bytes without turning them upright.
   *
   * @param strict refuse what the pixel decoder only warns about (see {@link #decodeStrict})
   */
  public static Stored decodeStored(byte[] bytes, String origin, boolean strict) {
    boolean jpeg = JpegMarkers.isJpeg(bytes);
    if (jpeg && !hasEndMarker(bytes)) {
      throw FerException.badInput("truncated JPEG (no end-of-image marker): " + origin);
    }
    JpegMarkers markers = jpeg ? JpegMarkers.read(bytes) : new JpegMarkers(1, -1);
    return readPixels(bytes, origin, markers, strict);
  }

  private static Stored readPixels(byte[] bytes, String origin, JpegMarkers markers, boolean strict) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw FerException.badInput("not a JPEG, PNG or BMP image (unknown format): " + origin);
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      if (strict) {
        // Collected, not thrown: the JPEG reader calls listeners from native code.
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      }
      try {
        reader.setInput(in, true, true);
        try {
          BufferedImage img = reader.read(0);
          if (!warnings.isEmpty()) {
            throw FerException.badInput("corrupt image " + origin + ": " + warnings.get(0));
          }
          // Newer JDKs decode 4-channel JPEGs with their own CMYK guess; use PIL's rule instead.
          // Its decoded raster is already inverted, so go back to the raw samples.
          if (img.getColorModel().getNumColorComponents() == 4) {
            return new Stored(null, Cmyk.toRgb(reader.readRaster(0, null), markers.adobeTransform()), markers.orientation());
          }
          return new Stored(img, null, markers.orientation());
        } catch (IIOException e) {
          // ImageIO cannot colour-convert 4-channel JPEGs; their raw raster still decodes.
          Raster raster = reader.readRaster(0, null);
          if (raster.getNumBands() != 4) {
            throw e;
          }
          return new Stored(null, Cmyk.toRgb(raster, markers.adobeTransform()), markers.orientation());
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof FerException fe) {
        throw fe;
      }
      throw FerException.badInput("corrupt or unreadable image " + origin + ": " + e.getMessage());
    }
  }

  /** A JPEG must end with FFD9 (allowing trailing padding); ImageIO only warns when it does not. */
  private static boolean hasEndMarker(byte[] b) {
    int end = b.length;
    while (end > 2 && b[end - 1] == 0) {
      end--;
    }
    for (int i = end - 2; i >= Math.max(2, end - 64); i--) {
      if ((b[i] & 255) == 0xFF && (b[i + 1] & 255) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  /** Converts any decoded image to RGB floats in [0,1]. */
  public static FloatImage toFloat(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int plane = w * h;
    float[] out = new float[3 * plane];
    if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      for (int i = 0, p = 0; i < plane; i++, p += 3) {
        out[i] = (px[p + 2] & 255) / 255f;
        out[plane + i] = (px[p + 1] & 255) / 255f;
        out[2 * plane + i] = (px[p] & 255) / 255f;
      }
      return new FloatImage(3, h, w, out);
    }
    ColorModel cm = img.getColorModel();
    if (cm instanceof IndexColorModel) {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        img.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          out[i] = ((row[x] >> 16) & 255) / 255f;
          out[plane + i] = ((row[x] >> 8) & 255) / 255f;
          out[2 * plane + i] = (row[x] & 255) / 255f;
        }
      }
      return new FloatImage(3, h, w, out);
    }
    Raster raster = img.getRaster();
    int colours = Math.min(3, cm.getNumColorComponents());
    float[] band = new float[plane];
    for (int c = 0; c < 3; c++) {
      int source = colours == 1 ? 0 : c;
      float max = (1 << cm.getComponentSize(source)) - 1;
      raster.getSamples(0, 0, w, h, source, band);
      for (int i = 0; i < plane; i++) {
        out[c * plane + i] = band[i] / max;
      }
    }
    return new FloatImage(3, h, w, out);
  }

  /** In-memory 8-bit pixels (gray or interleaved RGB) to RGB floats. */
  public static FloatImage fromPixels(ImageRef.Pixels p) {
    int plane = p.width() * p.height();
    float[] out = new float[3 * plane];
    byte[] d = p.data();
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        int source = p.channels() == 1 ? i : i * p.channels() + c;
        out[c * plane + i] = (d[source] & 255) / 255f;
      }
    }
    return new FloatImage(3, p.height(), p.width(), out);
  }
}
