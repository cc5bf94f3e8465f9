package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.fer4j.FerException;
import org.fer4j.data.transforms.JpegMarkers;
import org.fer4j.data.FaceBox;
import org.fer4j.engine.Engines;
import org.fer4j.face.DecodedFile;
import org.fer4j.face.ImageDecoder;
import org.fer4j.face.ImageDecoders;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegJpegDecoderTest {
  @TempDir Path dir;

  /** A 301x203 photo-like test card: smooth gradients, sharp colour edges, odd sizes. */
  private Path jpeg(String name) throws IOException {
    BufferedImage img = new BufferedImage(301, 203, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int r = x * 255 / 300;
        int g = y * 255 / 202;
        int b = ((x / 40 + y / 40) % 2) * 200;
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    Path file = dir.resolve(name);
    assertThat(ImageIO.write(img, "jpg", file.toFile())).isTrue();
    return file;
  }

  @Test
  void isFoundForJpegsOnlyAndDecodesLikeImageIo() throws IOException {
    assertThat(ImageDecoders.installed()).extracting(ImageDecoder::name).contains("ffmpeg");
    Path jpg = jpeg("card.jpg");
    Path png = dir.resolve("card.png");
    ImageIO.write(ImageIO.read(jpg.toFile()), "png", png.toFile());
    assertThat(ImageDecoders.forFile(jpg)).map(ImageDecoder::name).contains("ffmpeg");
    assertThat(ImageDecoders.forFile(png)).isEmpty();

    RgbImage fast = RgbImage.read(jpg);
    RgbImage java = RgbImage.of(ImageIO.read(jpg.toFile()));
    assertThat(fast.width()).isEqualTo(301);
    assertThat(fast.height()).isEqualTo(203);
    // Decoded photos are 8-bit; data() makes each one's floats once, outside the loop.
    assertThat(fast.isEightBit()).isTrue();
    float[] fastValues = fast.data();
    float[] javaValues = java.data();
    double sum = 0;
    for (int i = 0; i < fastValues.length; i++) {
      sum += Math.abs(fastValues[i] - javaValues[i]);
    }
    System.out.printf("FFmpeg vs ImageIO: mean difference %.3f levels%n", sum / fastValues.length);
    // JPEG decoders differ in chroma upsampling: 0.6-1.0 levels on average on the face-api
    // photos, 2.5 on this card's saturated blue edges. Swapped channels or a wrong row stride
    // would be tens of levels off.
    assertThat(sum / fastValues.length).isLessThan(3.0);
    assertThat(RgbImage.read(png).data()).containsExactly(java.data());
  }

  @Test
  void turnsAPhotoStoredSidewaysUprightByItsExifOrientation() throws IOException {
    Path upright = jpeg("upright.jpg");
    BufferedImage card = ImageIO.read(upright.toFile());
    // Stored turned counter-clockwise, with Orientation 6 ("turn clockwise to view").
    BufferedImage stored = new BufferedImage(card.getHeight(), card.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < card.getHeight(); y++) {
      for (int x = 0; x < card.getWidth(); x++) {
        stored.setRGB(y, card.getWidth() - 1 - x, card.getRGB(x, y));
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(stored, "jpg", bytes);
    Path sideways = dir.resolve("sideways.jpg");
    Files.write(sideways, JpegMarkers.withOrientation(bytes.toByteArray(), 6));
    assertThat(ImageDecoders.forFile(sideways)).map(ImageDecoder::name).contains("ffmpeg");

    RgbImage turned = RgbImage.read(sideways);
    RgbImage reference = RgbImage.read(upright);
    assertThat(turned.width()).isEqualTo(301);
    assertThat(turned.height()).isEqualTo(203);
    float[] turnedValues = turned.data();
    float[] referenceValues = reference.data();
    double sum = 0;
    for (int i = 0; i < turnedValues.length; i++) {
      sum += Math.abs(turnedValues[i] - referenceValues[i]);
    }
    // Two JPEG generations of the same card; a wrong turn would put gradients tens of levels off.
    assertThat(sum / turnedValues.length).isLessThan(6.0);
  }

  @Test
  void aBrokenJpegNamesTheFileAndTheOthersStillDecode() throws IOException {
    Path good = jpeg("good.jpg");
    Path broken = dir.resolve("broken.jpg");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(broken, java.util.Arrays.copyOf(bytes, 40)); // JPEG marker, then cut off
    assertThatThrownBy(() -> RgbImage.read(broken))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("broken.jpg");
    List<DecodedFile> all = ImageDecoders.readAll(List.of(good, broken, good), 2);
    assertThat(all).extracting(DecodedFile::ok).containsExactly(true, false, true);
    assertThat(all.get(1).error()).contains("broken.jpg");
    assertThat(all.get(2).image().data()).containsExactly(all.get(0).image().data());
  }

  /**
   * Decoding the bytes with FFmpeg's MJPEG decoder and swscale gives exactly the pixels of the
   * earlier path through JavaCV's grabber (demuxer, then the same decoder and conversion):
   * baseline, progressive and gray JPEGs of odd sizes, and the face-api sample photos when present.
   */
  @Test
  void givesExactlyThePixelsOfJavaCvsGrabber() throws IOException {
    List<Path> files = new ArrayList<>(List.of(jpeg("card.jpg"), progressive(jpeg("base.jpg")), gray(jpeg("colour.jpg"))));
    Path demo = FaceApiPackage.demoDir(FaceApiPackage.cacheRoot(null));
    if (Files.isDirectory(demo)) {
      try (var photos = Files.list(demo)) {
        photos.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(files::add);
      }
    }
    FfmpegJpegDecoder decoder = new FfmpegJpegDecoder();
    for (Path file : files) {
      RgbImage viaGrabber = decodeWithGrabber(file);
      RgbImage direct = decoder.decode(Files.readAllBytes(file), file);
      assertThat(direct.width()).as(file.toString()).isEqualTo(viaGrabber.width());
      assertThat(direct.height()).as(file.toString()).isEqualTo(viaGrabber.height());
      // The index of the first differing value, -1 when none (containsExactly is quadratic on megapixels).
      assertThat(Arrays.mismatch(direct.data(), viaGrabber.data())).as(file.toString()).isEqualTo(-1);
      assertThat(Arrays.mismatch(decoder.decode(file).data(), viaGrabber.data())).as(file.toString()).isEqualTo(-1);
    }
  }

  /** The decoder's earlier implementation: JavaCV's grabber, RGB24, one float per byte. */
  private static RgbImage decodeWithGrabber(Path file) throws IOException {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setFormat("jpeg_pipe");
      grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
      grabber.setVideoOption("threads", "1");
      grabber.start();
      Frame frame = grabber.grabImage();
      int w = frame.imageWidth;
      int h = frame.imageHeight;
      ByteBuffer src = (ByteBuffer) frame.image[0];
      byte[] row = new byte[w * 3];
      float[] data = new float[w * h * 3];
      for (int y = 0; y < h; y++) {
        src.get(y * frame.imageStride, row);
        for (int i = 0; i < row.length; i++) {
          data[y * w * 3 + i] = row[i] & 0xFF;
        }
      }
      grabber.stop();
      return new RgbImage(w, h, data);
    }
  }

  private Path progressive(Path jpg) throws IOException {
    Path out = dir.resolve("progressive-" + jpg.getFileName());
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(ImageIO.read(jpg.toFile()), null, null), param);
    } finally {
      writer.dispose();
    }
    return out;
  }

  private Path gray(Path jpg) throws IOException {
    BufferedImage colour = ImageIO.read(jpg.toFile());
    BufferedImage gray = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    gray.getGraphics().drawImage(colour, 0, 0, null);
    Path out = dir.resolve("gray-" + jpg.getFileName());
    assertThat(ImageIO.write(gray, "jpg", out.toFile())).isTrue();
    return out;
  }

  /** The face-api sample photos decoded by FFmpeg give face-api's faces (CI has the files). */
  @Test
  void findsFaceApisFacesInTheSamplePhotos() throws IOException {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path golden = FaceApiPackage.packageDir(cache).resolve("golden").resolve("tiny-cpu.json");
    if (!Files.isRegularFile(golden)) {
      String why = golden + " is missing; run tools/golden/setup.sh";
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        fail(why + " (FER4J_REQUIRE_PARITY is set)");
      }
      Assumptions.abort(why);
    }
    JsonNode root = new ObjectMapper().readTree(golden.toFile());
    List<Path> files = new ArrayList<>();
    root.path("images").forEach(i -> files.add(FaceApiPackage.demoDir(cache).resolve(i.path("file").asText())));
    Engines.init();
    double worst = 1;
    try (ExpressionPredictor predictor = ExpressionPredictor.builder()
        .setWeights(FaceApiPackage.weightsDir(cache)).optAgeGender(false).build()) {
      List<ImageResult> results = predictor.predictFiles(files);
      for (int i = 0; i < files.size(); i++) {
        JsonNode expected = root.path("images").get(i).path("faces");
        assertThat(results.get(i).faces()).as(files.get(i) + " face count").hasSize(expected.size());
        for (JsonNode face : expected) {
          JsonNode b = face.path("box");
          FaceBox box = new FaceBox((float) b.path("x").asDouble(), (float) b.path("y").asDouble(),
              (float) b.path("width").asDouble(), (float) b.path("height").asDouble());
          worst = Math.min(worst, results.get(i).faces().stream()
              .mapToDouble(f -> iou(f.box(), box)).max().orElse(0));
        }
      }
    }
    System.out.printf("face-api parity with FFmpeg decoding: min box IoU %.4f%n", worst);
    assertThat(worst).isGreaterThanOrEqualTo(0.95);
  }

  private static double iou(FaceBox a, FaceBox b) {
    double w = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
    double h = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
    return w * h / (a.width() * a.height() + b.width() * b.height() - w * h);
  }
}
