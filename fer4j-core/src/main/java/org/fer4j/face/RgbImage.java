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
 * An RGB image with values in 0..255, row-major HWC (R G B interleaved): what face-api's networks
 * take before their own mean subtraction. The operations reproduce tfjs's exactly (padding to a
 * square, bilinear resize without corner alignment or half-pixel centres), so crops and network
 * inputs match face-api's numerically.
 *
 * <p>A decoded photo keeps its pixels as 8 bits ({@link #ofBytes}: what {@link #read} and {@link
 * #decode} give for colour JPEGs and PNGs, and {@link #of(BufferedImage)} for video frames; gray,
 * 16-bit, palette and CMYK images keep the training decoder's floats): a 1920x1537 photo is 9 MB
 * instead of a 35 MB float array that took as long to fill as FFmpeg takes to decode the JPEG. Floats are made
 * only where a network needs them, by the operations that produce its input (the resizes, {@link
 * Alignment#warp}), which read the bytes directly. Every 8-bit value is exact in float, so an
 * 8-bit image gives exactly the results of a float image with the same values. Network inputs and
 * images built from floats ({@link #RgbImage(int, int, float[])}) hold floats.
 *
 * <p>Two images are equal only when they are the same object.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  /** 8-bit pixels, or null when the image holds {@link #floats}. */
  private final byte[] bytes;
  private final float[] floats;

  /**
   * An image of float values (network inputs, anything not 8-bit).
   *
   * @param width width in pixels
   * @param height height in pixels
   * @param data {@code height * width * 3} values, R G B interleaved; kept, not copied
   */
  public RgbImage(int width, int height, float[] data) {
    this(width, height, null, data);
  }

  private RgbImage(int width, int height, byte[] bytes, float[] floats) {
    int length = bytes != null ? bytes.length : floats.length;
    if (width <= 0 || height <= 0 || length != width * height * 3) {
      throw new IllegalArgumentException(
          "RGB image " + width + "x" + height + " needs " + width * height * 3 + " values, got " + length);
    }
    this.width = width;
    this.height = height;
    this.bytes = bytes;
    this.floats = floats;
  }

  /**
   * An image of 8-bit pixels, as decoders give them.
   *
   * @param rgb {@code height * width * 3} bytes (unsigned), R G B interleaved; kept, not copied
   */
  public static RgbImage ofBytes(int width, int height, byte[] rgb) {
    return new RgbImage(width, height, rgb, null);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Whether the pixels are held as 8 bits ({@link #ofBytes}) rather than floats. */
  public boolean isEightBit() {
    return bytes != null;
  }

  /**
   * The values as floats, HWC interleaved: the array itself for a float image, a new array (a
   * copy of the whole image) for an 8-bit one, so take it once, not per pixel; {@link #value}
   * reads one value of either kind. The pipeline's own operations read 8-bit pixels directly.
   */
  public float[] data() {
    if (floats != null) {
      return floats;
    }
    float[] out = new float[bytes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[i] & 0xFF;
    }
    return out;
  }

  /** The value of {@code channel} (0 R, 1 G, 2 B) at pixel (x, y); 0 outside the image. */
  public float value(int x, int y, int channel) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0f : at((y * width + x) * 3 + channel);
  }

  private float at(int index) {
    return bytes != null ? bytes[index] & 0xFF : floats[index];
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "x" + height + (bytes != null ? ", 8-bit]" : ", float]");
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
      out[i] = at(3 * i) / 255f;
      out[plane + i] = at(3 * i + 1) / 255f;
      out[2 * plane + i] = at(3 * i + 2) / 255f;
    }
    return new FloatImage(3, height, width, out);
  }

  /** This image turned by an EXIF orientation (1..8; 1 or an unknown value leaves it as it is). */
  public RgbImage oriented(int exifOrientation) {
    if (exifOrientation <= 1 || exifOrientation > 8) {
      return this;
    }
    boolean swap = Orientation.swapsAxes(exifOrientation);
    int w = swap ? height : width;
    int h = swap ? width : height;
    return bytes != null
        ? ofBytes(w, h, Orientation.applyInterleaved(bytes, width, height, 3, exifOrientation))
        : new RgbImage(w, h, Orientation.applyInterleaved(floats, width, height, 3, exifOrientation));
  }

  /** A packed RGB picture of the pixels (rounded and clamped to 0..255), for drawing and PNGs. */
  public BufferedImage toBufferedImage() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = 3 * (y * width + x);
        row[x] = byteOf(i) << 16 | byteOf(i + 1) << 8 | byteOf(i + 2);
      }
      out.setRGB(0, y, width, 1, row, 0, width);
    }
    return out;
  }

  private int byteOf(int index) {
    return bytes != null ? bytes[index] & 0xFF : Math.max(0, Math.min(255, Math.round(floats[index])));
  }

  /** The pixels of a decoded image, 8-bit (alpha is dropped). */
  public static RgbImage of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] rgb = new byte[w * h * 3];
    if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
        && img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && buffer.getData().length == rgb.length) {
      // What ImageIO gives for colour JPEGs: read the bytes directly, 10x faster than getRGB.
      byte[] bgr = buffer.getData();
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
      return ofBytes(w, h, rgb);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (byte) (argb[i] >> 16);
      rgb[3 * i + 1] = (byte) (argb[i] >> 8);
      rgb[3 * i + 2] = (byte) argb[i];
    }
    return ofBytes(w, h, rgb);
  }

  // The pixel array, for copies that keep the storage: System.arraycopy takes either kind.
  private Object pixels() {
    return bytes != null ? bytes : floats;
  }

  private RgbImage sameKind(int w, int h, Object pixels) {
    return pixels instanceof byte[] b ? ofBytes(w, h, b) : new RgbImage(w, h, (float[]) pixels);
  }

  private Object newPixels(int w, int h) {
    return bytes != null ? new byte[w * h * 3] : new float[w * h * 3];
  }

  /** The image mirrored left to right (8-bit stays 8-bit). */
  public RgbImage mirrored() {
    Object in = pixels();
    Object out = newPixels(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        System.arraycopy(in, (y * width + x) * 3, out, (y * width + width - 1 - x) * 3, 3);
      }
    }
    return sameKind(width, height, out);
  }

  /** Integer crop (8-bit stays 8-bit); the region must lie inside the image. */
  public RgbImage crop(int x, int y, int w, int h) {
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
      throw new IllegalArgumentException(
          "crop " + x + "," + y + " " + w + "x" + h + " outside " + width + "x" + height);
    }
    Object out = newPixels(w, h);
    for (int r = 0; r < h; r++) {
      System.arraycopy(pixels(), ((y + r) * width + x) * 3, out, r * w * 3, w * 3);
    }
    return sameKind(w, h, out);
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
    int before = paddingBefore(centred);
    Object out = newPixels(side, side);
    int offX = width < height ? before : 0;
    int offY = height < width ? before : 0;
    for (int r = 0; r < height; r++) {
      System.arraycopy(pixels(), r * width * 3, out, ((r + offY) * side + offX) * 3, width * 3);
    }
    return sameKind(side, side, out);
  }

  // face-api's padToSquare: the shorter side gets diff zeros, round(diff / 2) of them after it if centred.
  private int paddingBefore(boolean centred) {
    int diff = Math.abs(width - height);
    return diff - (centred ? (int) Math.round(diff * 0.5) : diff);
  }

  /**
   * tfjs {@code resizeBilinear(alignCorners=false, halfPixelCenters=false)}: output pixel
   * {@code (r, c)} samples source {@code (r * inH / outH, c * inW / outW)}, clamped at the last
   * row/column (tfjs-backend-cpu {@code ResizeBilinear.ts}). The result holds floats.
   */
  public RgbImage resizeBilinear(int outH, int outW) {
    if (outH == height && outW == width) {
      return this;
    }
    return resample(BilinearTaps.of(outH, height, 0, height, width * 3), BilinearTaps.of(outW, width, 0, width, 3));
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
    int before = paddingBefore(centred);
    int offX = width < height ? before : 0;
    int offY = height < width ? before : 0;
    return resample(BilinearTaps.of(size, side, offY, height, width * 3), BilinearTaps.of(size, side, offX, width, 3));
  }

  /**
   * The bilinear interpolation itself, in tfjs's order and precision (doubles, one rounding to
   * float at the end), so 8-bit and float images with equal values give identical floats.
   */
  private RgbImage resample(BilinearTaps rows, BilinearTaps cols) {
    int outH = rows.size();
    int outW = cols.size();
    float[] out = new float[outH * outW * 3];
    int o = 0;
    for (int r = 0; r < outH; r++) {
      int top = rows.lo()[r];
      int bottom = rows.hi()[r];
      double fy = rows.weight()[r];
      for (int c = 0; c < outW; c++) {
        int left = cols.lo()[c];
        int right = cols.hi()[c];
        double fx = cols.weight()[c];
        for (int k = 0; k < 3; k++) {
          double tl = tap(top, left, k);
          double tr = tap(top, right, k);
          double bl = tap(bottom, left, k);
          double br = tap(bottom, right, k);
          double upper = tl + (tr - tl) * fx;
          double lower = bl + (br - bl) * fx;
          out[o++] = (float) (upper + (lower - upper) * fy);
        }
      }
    }
    return new RgbImage(outW, outH, out);
  }

  // A row and column offset of BilinearTaps; -1 is the padding, which is zero.
  private float tap(int row, int col, int k) {
    return row < 0 || col < 0 ? 0f : at(row + col + k);
  }

  /** Writes the pixels planar (CHW) into {@code dst} at {@code offset}: one batch item. */
  public void toChw(float[] dst, int offset) {
    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      dst[offset + i] = at(3 * i);
      dst[offset + plane + i] = at(3 * i + 1);
      dst[offset + 2 * plane + i] = at(3 * i + 2);
    }
  }
}
