package org.fer4j.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.fer4j.FerException;
import org.fer4j.face.RgbImage;

/**
 * Checks uploaded bytes before anything expensive happens: the format is sniffed from the magic
 * bytes (a name or a declared type is never trusted, so a text file called {@code x.jpg} is
 * refused), the dimensions are read from the image header and refused above the pixel limit
 * before the pixels are decoded (a decompression bomb never allocates its raster), and decoder
 * warnings such as a truncated JPEG count as errors. The pixels come from the decoder every
 * fer4j entry point uses, so a phone photo stored sideways is turned upright by its EXIF
 * orientation.
 */
final class ImageGate {
  /** Formats the server accepts, by their ImageIO names. */
  enum Format {
    JPEG, PNG, GIF, BMP
  }

  private final long maxPixels;

  ImageGate(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  /** The format the bytes start with, or null when they are none of the accepted ones. */
  static Format sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return Format.JPEG;
    }
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return Format.PNG;
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8'
        && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
      return Format.GIF;
    }
    if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
      return Format.BMP;
    }
    return null;
  }

  /**
   * Decodes one upload.
   *
   * @param bytes the body or multipart part
   * @param name how the client called it, for messages only (never opened)
   * @throws ApiError 400 empty or broken image, 413 too many pixels, 415 not an accepted image
   */
  RgbImage decode(byte[] bytes, String name) {
    if (bytes.length == 0) {
      throw ApiError.badRequest("empty_body", name + " is empty; send the image bytes");
    }
    Format format = sniff(bytes);
    if (format == null) {
      throw new ApiError(415, "not_an_image",
          name + " is not a JPEG, PNG, GIF or BMP image (its first bytes match none of them)");
    }
    checkPixelLimit(bytes, name, format);
    try {
      return RgbImage.decodeStrict(bytes, name);
    } catch (FerException e) {
      throw broken(name, format, e.getMessage());
    }
  }

  // Reads the dimensions from the header only, so a decompression bomb never allocates its raster.
  private void checkPixelLimit(byte[] bytes, String name, Format format) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = readerFor(format);
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > maxPixels) {
          throw new ApiError(413, "too_many_pixels", name + " declares " + width + "x" + height
              + " = " + width * height + " pixels; the limit is " + maxPixels
              + ". Downscale the image before sending it.");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiError api) {
        throw api;
      }
      throw broken(name, format, e.getMessage());
    }
  }

  private static ImageReader readerFor(Format format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
    if (!readers.hasNext()) {
      throw new ApiError(415, "not_an_image", "this server has no " + format + " decoder");
    }
    return readers.next();
  }

  private static ApiError broken(String name, Format format, String why) {
    String reason = why == null || why.isBlank() ? "the decoder gave up" : why;
    return ApiError.badRequest("undecodable_image",
        name + " looks like " + format + " but cannot be decoded (" + reason
            + "); it may be truncated or corrupt");
  }
}
