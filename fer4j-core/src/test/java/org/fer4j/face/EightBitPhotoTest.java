package org.fer4j.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.data.FaceBox;
import org.fer4j.data.transforms.ImageDecoder;
import org.fer4j.face.faceapi.FaceApiDetectors;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanInputs;
import org.fer4j.testing.ParityInputs;
import org.junit.jupiter.api.Test;

/**
 * A decoded photo keeps 8-bit pixels, and everything the networks see is computed from them
 * exactly as from the photo as floats (what {@link RgbImage} held before): detector inputs, face
 * crops at the landmark/expression input size, aligned warps and Human's face tensor, on face-api's
 * six sample photos at full size (1920 x 1280-1537). Equality is exact, element by element.
 */
class EightBitPhotoTest {
  private static final int PHOTOS = 6;

  private static List<Path> photos() {
    Path demo = FaceApiPackage.demoDir(FaceApiPackage.cacheRoot(null));
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= PHOTOS; i++) {
      Path file = demo.resolve("sample" + i + ".jpg");
      ParityInputs.requireFile(file, "face-api sample photos missing under " + demo + "; run tools/golden/setup.sh");
      files.add(file);
    }
    return files;
  }

  /** The photo as floats 0..255, from the training decoder (v / 255 * 255 gives 8-bit values back exactly). */
  private static RgbImage asFloats(Path file) throws IOException {
    RgbImage floats = RgbImage.of(ImageDecoder.decode(Files.readAllBytes(file), file.toString()));
    assertThat(floats.isEightBit()).isFalse();
    return floats;
  }

  @Test
  void decodersKeepEightBitPixels() throws IOException {
    Path file = photos().get(0);
    assertThat(RgbImage.read(file).isEightBit()).isTrue();
    assertThat(RgbImage.decodeStrict(Files.readAllBytes(file), "upload").isEightBit()).isTrue();
    BufferedImage packed = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    packed.setRGB(1, 0, 0xFF8001);
    RgbImage frame = RgbImage.of(packed);
    assertThat(frame.isEightBit()).isTrue();
    assertThat(frame.data()).containsExactly(0, 0, 0, 255, 128, 1);
  }

  @Test
  void detectorInputsEqualTheFloatPhotosExactly() throws IOException {
    for (Path file : photos()) {
      RgbImage bytes = RgbImage.read(file);
      RgbImage floats = asFloats(file);
      assertBitIdentical("decoded values of " + file, bytes.data(), floats.data());
      for (int size : new int[] {416, 512, 608}) {
        float[] fromBytes = FaceApiDetectors.detectorInput(bytes, size).data();
        assertBitIdentical(file + " at " + size, fromBytes, FaceApiDetectors.detectorInput(floats, size).data());
        assertBitIdentical(file + " at " + size + ", reference", fromBytes, reference(floats, size, false));
      }
    }
  }

  @Test
  void faceCropsAndWarpsEqualTheFloatPhotosExactly() throws IOException {
    Random random = new Random(18);
    int crops = 0;
    for (Path file : photos()) {
      RgbImage bytes = RgbImage.read(file);
      RgbImage floats = asFloats(file);
      for (int k = 0; k < 12; k++) {
        // boxes of face sizes anywhere, some over the edges as detections near a border are
        FaceBox box = new FaceBox(random.nextFloat() * bytes.width() - 60, random.nextFloat() * bytes.height() - 60,
            24 + random.nextFloat() * 420, 24 + random.nextFloat() * 520);
        String what = file.getFileName() + " box " + box;
        int[] r = FaceApiLandmarks.clipAndFloor(box, bytes.width(), bytes.height());
        if (r != null) {
          RgbImage crop = bytes.crop(r[0], r[1], r[2], r[3]);
          assertThat(crop.isEightBit()).isTrue();
          float[] input = FaceApiLandmarks.faceInput(crop).data();
          RgbImage floatCrop = floats.crop(r[0], r[1], r[2], r[3]);
          assertBitIdentical(what, input, FaceApiLandmarks.faceInput(floatCrop).data());
          assertBitIdentical(what + ", reference", input, reference(floatCrop, 112, true));
          assertBitIdentical(what + ", 61x47", crop.resizeBilinear(61, 47).data(), floatCrop.resizeBilinear(61, 47).data());
          crops++;
        }
        double a = 0.2 + random.nextDouble();
        double b = random.nextDouble() - 0.5;
        double[] m = {a, -b, -box.x() * a, b, a, -box.y() * a};
        assertBitIdentical(what + ", warp", Alignment.warp(bytes, m, 112, 112).data(), Alignment.warp(floats, m, 112, 112).data());
        assertBitIdentical(what + ", Human's face tensor", HumanInputs.faceTensor(bytes, box, 192).data(),
            HumanInputs.faceTensor(floats, box, 192).data());
      }
    }
    assertThat(crops).isGreaterThan(PHOTOS * 6);
  }

  @Test
  void wholePhotoConversionsEqualTheFloatPhotosExactly() throws IOException {
    Path file = photos().get(3);
    RgbImage bytes = RgbImage.read(file);
    RgbImage floats = asFloats(file);
    RgbImage mirrored = bytes.mirrored();
    assertThat(mirrored.isEightBit()).isTrue();
    assertBitIdentical("mirrored", mirrored.data(), floats.mirrored().data());
    for (int orientation = 1; orientation <= 8; orientation++) {
      RgbImage turned = bytes.crop(400, 300, 301, 173).oriented(orientation);
      assertThat(turned.isEightBit()).isTrue();
      assertBitIdentical("orientation " + orientation, turned.data(), floats.crop(400, 300, 301, 173).oriented(orientation).data());
    }
    assertBitIdentical("planar [0,1]", bytes.toFloatImage().data(), floats.toFloatImage().data());
    float[] chw = new float[bytes.data().length];
    float[] floatChw = new float[chw.length];
    bytes.toChw(chw, 0);
    floats.toChw(floatChw, 0);
    assertBitIdentical("CHW", chw, floatChw);
    int w = bytes.width();
    assertThat(bytes.toBufferedImage().getRGB(0, 0, w, 9, null, 0, w))
        .isEqualTo(floats.toBufferedImage().getRGB(0, 0, w, 9, null, 0, w));
  }

  /**
   * Bit-for-bit equality, reporting the first difference (AssertJ's containsExactly is quadratic
   * on arrays of millions of values).
   */
  private static void assertBitIdentical(String what, float[] actual, float[] expected) {
    assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
        throw new AssertionError(what + ": value " + i + " is " + actual[i] + ", not " + expected[i]);
      }
    }
  }

  /**
   * tfjs's {@code resizeBilinear} of the image zero-padded to a square, computed per output pixel
   * straight from the definition on the float values (the float path before 8-bit photos): an
   * oracle independent of {@link BilinearTaps}' tables.
   */
  private static float[] reference(RgbImage image, int size, boolean centred) {
    float[] px = image.data();
    int w = image.width();
    int h = image.height();
    int side = Math.max(w, h);
    int diff = side - Math.min(w, h);
    int before = diff - (centred ? (int) Math.round(diff * 0.5) : diff);
    int offX = w < h ? before : 0;
    int offY = h < w ? before : 0;
    double scale = (double) side / size;
    float[] out = new float[size * size * 3];
    for (int i = 0; i < out.length; i++) {
      int k = i % 3;
      double sy = scale * (i / 3 / size);
      double sx = scale * (i / 3 % size);
      int y0 = (int) Math.floor(sy) - offY;
      int y1 = Math.min(side - 1, (int) Math.ceil(sy)) - offY;
      int x0 = (int) Math.floor(sx) - offX;
      int x1 = Math.min(side - 1, (int) Math.ceil(sx)) - offX;
      double top = padded(px, w, h, x0, y0, k) + (padded(px, w, h, x1, y0, k) - padded(px, w, h, x0, y0, k)) * (sx - Math.floor(sx));
      double bottom = padded(px, w, h, x0, y1, k) + (padded(px, w, h, x1, y1, k) - padded(px, w, h, x0, y1, k)) * (sx - Math.floor(sx));
      out[i] = (float) (top + (bottom - top) * (sy - Math.floor(sy)));
    }
    return out;
  }

  private static double padded(float[] px, int w, int h, int x, int y, int k) {
    return x < 0 || y < 0 || x >= w || y >= h ? 0 : px[(y * w + x) * 3 + k];
  }
}
