package org.fer4j.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.fer4j.FerException;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.JpegMarkers;
import org.fer4j.data.transforms.Orientation;

/**
 * An RGB image as floats in 0..255, row-major HWC: what face-api's networks take before their
 * own mean subtraction. The operations reproduce tfjs's exactly (padding to a square, bilinear
 * resize without corner alignment or half-pixel centres), so crops and network inputs match
 * face-api's numerically.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param data {@code height * width * 3} values, R G B interleaved
 */
public record RgbImage(int width, int height, float[] data) {

  public RgbImage {
    if (width <= 0 || height <= 0 || data.length != width * height * 3) {
      throw new IllegalArgumentException(
          "RGB image " + width + "x" + height + " needs " + width * height * 3 + " values");
    }
  }

  /**
   * Decodes a JPEG/PNG/BMP/GIF file and turns it upright by its EXIF orientation, so a phone photo
   * stored sideways comes out as it was taken and {@link #width()}/{@link #height()} are those of
   * the upright picture. A faster {@link ImageDecoder} is used when one is installed and takes the
   * file; otherwise, or when it fails, {@link #decode} does the work. A missing, broken or unknown
   * file is a {@link FerException} that names it.
   */
  public static RgbImage read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw FerException.notFound("image " + file + " does not exist");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw FerException.badInput("image " + file + " cannot be read: " + e.getMessage());
    }
    Optional<ImageDecoder> fast = ImageDecoders.forHeader(bytes);
    if (fast.isPresent()) {
      try {
        // Installed decoders return the pixels as stored; the orientation is applied here, once.
        return fast.get().decode(bytes, file).oriented(JpegMarkers.read(bytes).orientation());
      } catch (RuntimeException e) {
        // fall through: the reference decoder decodes what it can and words the error for what it cannot
      }
    }
    return decode(bytes, file.toString());
  }

  /**
   * Decodes encoded image bytes (an upload, a file's content) upright, with the decoder training
   * uses ({@link org.fer4j.data.transforms.ImageDecoder}: EXIF orientation, CMYK, 16-bit, gray
   * and palette images).
   *
   * @param origin names the bytes in error messages
   */
  public static RgbImage decode(byte[] bytes, String origin) {
    return upright(org.fer4j.data.transforms.ImageDecoder.decodeStored(bytes, origin, false));
  }

  /**
   * {@link #decode} that also refuses images the pixel decoder only warns about ({@link
   * org.fer4j.data.transforms.ImageDecoder#decodeStrict}): for a server, where half a picture is
   * worse than an error.
   */
  public static RgbImage decodeStrict(byte[] bytes, String origin) {
    return upright(org.fer4j.data.transforms.ImageDecoder.decodeStored(bytes, origin, true));
  }

  private static RgbImage upright(org.fer4j.data.transforms.ImageDecoder.Stored stored) {
    BufferedImage img = stored.image();
    RgbImage rgb;
    if (img == null) {
      rgb = of(stored.converted());
    } else if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      rgb = of(img); // colour JPEGs: straight from the bytes, one pass
    } else {
      rgb = of(org.fer4j.data.transforms.ImageDecoder.toFloat(img)); // gray, 16-bit, palettes as training reads them
    }
    return rgb.oriented(stored.orientation());
  }

  /** RGB values in [0,1], planar, as the training decoder gives them, scaled to 0..255 interleaved. */
  public static RgbImage of(FloatImage planar) {
    if (planar.channels() != 3) {
      throw new IllegalArgumentException("an RGB image needs 3 channels, got " + planar.channels());
    }
    int plane = planar.plane();
    float[] in = planar.data();
    float[] out = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      // v / 255f * 255f gives back every 8-bit value exactly, so ImageIO pixels stay bit-identical.
      out[3 * i] = in[i] * 255f;
      out[3 * i + 1] = in[plane + i] * 255f;
      out[3 * i + 2] = in[2 * plane + i] * 255f;
    }
    return new RgbImage(planar.width(), planar.height(), out);
  }

  /**
   * The pixels planar (CHW) with values in [0,1], as the training decoder gives them: what {@link
   * org.fer4j.data.transforms.ModelInput} prepares for a model. 8-bit values come back exactly.
   */
  public FloatImage toFloatImage() {
    int plane = width * height;
    float[] out = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      out[i] = data[3 * i] / 255f;
      out[plane + i] = data[3 * i + 1] / 255f;
      out[2 * plane + i] = data[3 * i + 2] / 255f;
    }
    return new FloatImage(3, height, width, out);
  }

  /** This image turned by an EXIF orientation (1..8; 1 or an unknown value leaves it as it is). */
  public RgbImage oriented(int exifOrientation) {
    float[] upright = Orientation.applyInterleaved(data, width, height, 3, exifOrientation);
    if (upright == data) {
      return this;
    }
    return Orientation.swapsAxes(exifOrientation)
        ? new RgbImage(height, width, upright)
        : new RgbImage(width, height, upright);
  }

  /** A packed RGB picture of the pixels (rounded and clamped to 0..255), for drawing and PNGs. */
  public BufferedImage toBufferedImage() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = 3 * (y * width + x);
        row[x] = byteOf(data[i]) << 16 | byteOf(data[i + 1]) << 8 | byteOf(data[i + 2]);
      }
      out.setRGB(0, y, width, 1, row, 0, width);
    }
    return out;
  }

  private static int byteOf(float v) {
    return Math.max(0, Math.min(255, Math.round(v)));
  }

  /** Copies the pixels of a decoded image (alpha is dropped). */
  public static RgbImage of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
        && img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte bytes
        && bytes.getNumBanks() == 1
        && bytes.getData().length == w * h * 3) {
      // What ImageIO gives for colour JPEGs: read the bytes directly, 10x faster than getRGB.
      byte[] bgr = bytes.getData();
      float[] data = new float[w * h * 3];
      for (int i = 0; i < w * h; i++) {
        data[3 * i] = bgr[3 * i + 2] & 0xFF;
        data[3 * i + 1] = bgr[3 * i + 1] & 0xFF;
        data[3 * i + 2] = bgr[3 * i] & 0xFF;
      }
      return new RgbImage(w, h, data);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    float[] data = new float[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      data[3 * i] = (argb[i] >> 16) & 0xFF;
      data[3 * i + 1] = (argb[i] >> 8) & 0xFF;
      data[3 * i + 2] = argb[i] & 0xFF;
    }
    return new RgbImage(w, h, data);
  }

  /** The image mirrored left to right. */
  public RgbImage mirrored() {
    float[] out = new float[data.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        System.arraycopy(data, (y * width + x) * 3, out, (y * width + width - 1 - x) * 3, 3);
      }
    }
    return new RgbImage(width, height, out);
  }

  /** Integer crop; the region must lie inside the image. */
  public RgbImage crop(int x, int y, int w, int h) {
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
      throw new IllegalArgumentException(
          "crop " + x + "," + y + " " + w + "x" + h + " outside " + width + "x" + height);
    }
    float[] out = new float[w * h * 3];
    for (int r = 0; r < h; r++) {
      System.arraycopy(data, ((y + r) * width + x) * 3, out, r * w * 3, w * 3);
    }
    return new RgbImage(w, h, out);
  }

  /**
   * Zero-pads the shorter side to a square, as face-api's {@code padToSquare} does: all the
   * padding after the image, or (centred) {@code round(diff / 2)} after and the rest before.
   */
  public RgbImage padToSquare(boolean centred) {
    if (width == height) {
      return this;
    }
    int side = Math.max(width, height);
    int diff = side - Math.min(width, height);
    int after = centred ? (int) Math.round(diff * 0.5) : diff;
    int before = diff - after;
    float[] out = new float[side * side * 3];
    int offX = width < height ? before : 0;
    int offY = height < width ? before : 0;
    for (int r = 0; r < height; r++) {
      System.arraycopy(data, r * width * 3, out, ((r + offY) * side + offX) * 3, width * 3);
    }
    return new RgbImage(side, side, out);
  }

  /**
   * tfjs {@code resizeBilinear(alignCorners=false, halfPixelCenters=false)}: output pixel
   * {@code (r, c)} samples source {@code (r * inH / outH, c * inW / outW)}, clamped at the last
   * row/column (tfjs-backend-cpu {@code ResizeBilinear.ts}).
   */
  public RgbImage resizeBilinear(int outH, int outW) {
    if (outH == height && outW == width) {
      return this;
    }
    float[] out = new float[outH * outW * 3];
    double scaleY = (double) height / outH;
    double scaleX = (double) width / outW;
    int[] x0 = new int[outW];
    int[] x1 = new int[outW];
    double[] fx = new double[outW];
    for (int c = 0; c < outW; c++) {
      double src = scaleX * c;
      x0[c] = (int) Math.floor(src);
      x1[c] = Math.min(width - 1, (int) Math.ceil(src));
      fx[c] = src - x0[c];
    }
    for (int r = 0; r < outH; r++) {
      double srcY = scaleY * r;
      int y0 = (int) Math.floor(srcY);
      int y1 = Math.min(height - 1, (int) Math.ceil(srcY));
      double fy = srcY - y0;
      int row0 = y0 * width * 3;
      int row1 = y1 * width * 3;
      int o = r * outW * 3;
      for (int c = 0; c < outW; c++) {
        for (int k = 0; k < 3; k++) {
          double tl = data[row0 + x0[c] * 3 + k];
          double tr = data[row0 + x1[c] * 3 + k];
          double bl = data[row1 + x0[c] * 3 + k];
          double br = data[row1 + x1[c] * 3 + k];
          double top = tl + (tr - tl) * fx[c];
          double bottom = bl + (br - bl) * fx[c];
          out[o++] = (float) (top + (bottom - top) * fy);
        }
      }
    }
    return new RgbImage(outW, outH, out);
  }

  /**
   * {@code padToSquare(centred).resizeBilinear(size, size)} without building the padded image:
   * samples that fall in the padding read zero, so the result is identical and a 1920x1280
   * photo costs a 416x416 buffer instead of a 1920x1920 one.
   */
  public RgbImage squareResized(int size, boolean centred) {
    int side = Math.max(width, height);
    if (side == size && width == height) {
      return this;
    }
    int diff = side - Math.min(width, height);
    int before = diff - (centred ? (int) Math.round(diff * 0.5) : diff);
    int offX = width < height ? before : 0;
    int offY = height < width ? before : 0;
    double scale = (double) side / size;
    float[] out = new float[size * size * 3];
    int[] x0 = new int[size];
    int[] x1 = new int[size];
    double[] fx = new double[size];
    for (int c = 0; c < size; c++) {
      double src = scale * c;
      x0[c] = (int) Math.floor(src) - offX;
      x1[c] = Math.min(side - 1, (int) Math.ceil(src)) - offX;
      fx[c] = src - Math.floor(src);
    }
    for (int r = 0; r < size; r++) {
      double srcY = scale * r;
      int y0 = (int) Math.floor(srcY) - offY;
      int y1 = Math.min(side - 1, (int) Math.ceil(srcY)) - offY;
      double fy = srcY - Math.floor(srcY);
      int o = r * size * 3;
      for (int c = 0; c < size; c++, o += 3) {
        for (int k = 0; k < 3; k++) {
          double tl = at(x0[c], y0, k);
          double tr = at(x1[c], y0, k);
          double bl = at(x0[c], y1, k);
          double br = at(x1[c], y1, k);
          double top = tl + (tr - tl) * fx[c];
          double bottom = bl + (br - bl) * fx[c];
          out[o + k] = (float) (top + (bottom - top) * fy);
        }
      }
    }
    return new RgbImage(size, size, out);
  }

  private float at(int x, int y, int k) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0f : data[(y * width + x) * 3 + k];
  }

  /** Writes the pixels planar (CHW) into {@code dst} at {@code offset}: one batch item. */
  public void toChw(float[] dst, int offset) {
    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      dst[offset + i] = data[3 * i];
      dst[offset + plane + i] = data[3 * i + 1];
      dst[offset + 2 * plane + i] = data[3 * i + 2];
    }
  }
}
