package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.fer4j.face.RgbImage;
import org.junit.jupiter.api.Test;

class ImageGateTest {
  private final ImageGate gate = new ImageGate(1_000_000);

  @Test
  void sniffsFormatsFromMagicBytesOnly() {
    assertThat(ImageGate.sniff(TestImages.jpeg(8, 8))).isEqualTo(ImageGate.Format.JPEG);
    assertThat(ImageGate.sniff(TestImages.png(8, 8))).isEqualTo(ImageGate.Format.PNG);
    assertThat(ImageGate.sniff(TestImages.encode(TestImages.halves(8, 8), "gif"))).isEqualTo(ImageGate.Format.GIF);
    assertThat(ImageGate.sniff(TestImages.encode(TestImages.halves(8, 8), "bmp"))).isEqualTo(ImageGate.Format.BMP);
    assertThat(ImageGate.sniff("<html>not an image</html>".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(ImageGate.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
  }

  @Test
  void decodesPixelsOfAValidPng() {
    RgbImage img = gate.decode(TestImages.png(10, 4), "a.png");
    assertThat(img.width()).isEqualTo(10);
    assertThat(img.height()).isEqualTo(4);
    // Left half red (255, 0, 0), right half blue (0, 0, 255).
    assertThat(new float[] {img.data()[0], img.data()[1], img.data()[2]}).containsExactly(255f, 0f, 0f);
    int last = (4 * 10 - 1) * 3;
    assertThat(new float[] {img.data()[last], img.data()[last + 1], img.data()[last + 2]}).containsExactly(0f, 0f, 255f);
  }

  @Test
  void refusesDeclaredPixelsAboveTheLimitFromTheHeaderAlone() {
    // 100000 x 100000 would need 30 GB as RGB; only the 50-byte header is ever read.
    byte[] bomb = TestImages.pngHeaderDeclaring(100_000, 100_000);
    ApiError e = catchThrowableOfType(ApiError.class, () -> gate.decode(bomb, "bomb.png"));
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.code()).isEqualTo("too_many_pixels");
    assertThat(e.getMessage()).contains("bomb.png declares 100000x100000 = 10000000000 pixels; the limit is 1000000");
  }

  @Test
  void textNamedJpgIsNotAnImage() {
    ApiError e = catchThrowableOfType(ApiError.class, () -> gate.decode("just some text".getBytes(StandardCharsets.UTF_8), "photo.jpg"));
    assertThat(e.status()).isEqualTo(415);
    assertThat(e.code()).isEqualTo("not_an_image");
    assertThat(e.getMessage()).startsWith("photo.jpg is not a JPEG, PNG, GIF or BMP image");
  }

  @Test
  void truncatedJpegIsBrokenNotHalfDecoded() {
    ApiError e = catchThrowableOfType(ApiError.class, () -> gate.decode(TestImages.truncatedJpeg(), "cut.jpg"));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("undecodable_image");
    assertThat(e.getMessage()).startsWith("cut.jpg looks like JPEG but cannot be decoded");
  }

  @Test
  void emptyBodyIsABadRequest() {
    ApiError e = catchThrowableOfType(ApiError.class, () -> gate.decode(new byte[0], "body"));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("empty_body");
  }

  @Test
  void displayNameDropsPathsAndOddCharacters() {
    assertThat(AnalyzeRoutes.displayName("../../etc/passwd", 0)).isEqualTo("passwd");
    assertThat(AnalyzeRoutes.displayName("C:\\x\\face<1>.jpg", 0)).isEqualTo("face_1_.jpg");
    assertThat(AnalyzeRoutes.displayName(null, 3)).isEqualTo("image3");
  }
}
