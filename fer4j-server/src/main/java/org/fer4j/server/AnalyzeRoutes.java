package org.fer4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.fer4j.explain.Colormap;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.FaceExplanation;
import org.fer4j.predict.ImageResult;
import org.fer4j.predict.PredictionFormats;

/**
 * {@code POST /api/v1/analyze} (one image) and {@code POST /api/v1/analyze/batch} (up to the
 * batch limit). The body is either {@code multipart/form-data} with file parts or the raw image
 * with an {@code image/*} content type. Size is checked from {@code Content-Length} before the
 * body is read and again while reading; decoding and inference run on the bounded work queue.
 */
final class AnalyzeRoutes {
  /** One uploaded image: the client's name for it (messages only, never opened) and its bytes. */
  record Upload(String name, byte[] bytes) {}

  private final ObjectMapper json;
  private final ServerConfig config;
  private final ModelHolder model;
  private final WorkQueue work;
  private final Metrics metrics;
  private final ImageGate gate;

  AnalyzeRoutes(ObjectMapper json, ServerConfig config, ModelHolder model, WorkQueue work, Metrics metrics) {
    this.json = json;
    this.config = config;
    this.model = model;
    this.work = work;
    this.metrics = metrics;
    this.gate = new ImageGate(config.maxPixels());
  }

  void single(Context ctx) {
    Analyzer analyzer = checkedAnalyzer(ctx);
    boolean explain = wantsExplain(ctx);
    List<Upload> uploads = uploads(ctx);
    if (uploads.size() != 1) {
      throw ApiError.badRequest("one_image_expected", "this route takes exactly one image, got "
          + uploads.size() + "; use /api/v1/analyze/batch for several");
    }
    Upload up = uploads.get(0);
    ObjectNode body = work.run(() -> {
      RgbImage image = gate.decode(up.bytes(), up.name());
      ImageResult r = analyzer.analyze(List.of(image), List.of(up.name()), explain).get(0);
      metrics.analysed(1, r.faces().size());
      return render(r, analyzer);
    });
    send(ctx, body);
  }

  void batch(Context ctx) {
    Analyzer analyzer = checkedAnalyzer(ctx);
    boolean explain = wantsExplain(ctx);
    List<Upload> uploads = uploads(ctx);
    if (uploads.size() > config.maxBatchImages()) {
      throw new ApiError(413, "too_many_images", uploads.size() + " images in one batch; the limit is "
          + config.maxBatchImages() + ". Split the batch.");
    }
    ObjectNode body = work.run(() -> analyseBatch(analyzer, uploads, explain));
    send(ctx, body);
  }

  // A bad image in a batch becomes an error record; the other images are still analysed.
  private ObjectNode analyseBatch(Analyzer analyzer, List<Upload> uploads, boolean explain) {
    ObjectNode[] records = new ObjectNode[uploads.size()];
    List<RgbImage> images = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      Upload up = uploads.get(i);
      try {
        images.add(gate.decode(up.bytes(), up.name()));
        names.add(up.name());
        slots.add(i);
      } catch (ApiError e) {
        records[i] = json.createObjectNode().put("source", up.name()).put("ok", false)
            .put("status", e.status()).put("error", e.code()).put("detail", e.getMessage());
      }
    }
    List<ImageResult> results = images.isEmpty() ? List.of() : analyzer.analyze(images, names, explain);
    int faces = 0;
    for (int k = 0; k < results.size(); k++) {
      records[slots.get(k)] = render(results.get(k), analyzer);
      faces += results.get(k).faces().size();
    }
    metrics.analysed(results.size(), faces);
    ObjectNode body = json.createObjectNode().put("model", analyzer.modelName())
        .put("count", uploads.size()).put("failed", uploads.size() - results.size());
    ArrayNode arr = body.putArray("results");
    for (ObjectNode r : records) {
      arr.add(r);
    }
    return body;
  }

  private static boolean wantsExplain(Context ctx) {
    String explain = ctx.queryParam("explain");
    return explain != null && switch (explain.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0", "" -> false;
      default -> throw ApiError.badRequest("bad_parameter", "explain must be true or false, was '" + shorten(explain) + "'");
    };
  }

  private Analyzer checkedAnalyzer(Context ctx) {
    boolean wantsExplain = wantsExplain(ctx);
    Analyzer analyzer = model.get();
    if (wantsExplain && analyzer.explainUnavailableReason() != null) {
      throw new ApiError(501, "explain_unavailable", analyzer.explainUnavailableReason());
    }
    return analyzer;
  }

  private List<Upload> uploads(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > config.maxUploadBytes()) {
      throw tooLarge(declared);
    }
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      return multipart(ctx);
    }
    if (type.startsWith("image/")) {
      return List.of(new Upload("body", readBounded(ctx)));
    }
    throw new ApiError(415, "unsupported_media_type", "Content-Type '" + shorten(type)
        + "' is not accepted; send multipart/form-data with an 'image' file part, or the raw image"
        + " with Content-Type image/jpeg, image/png, image/gif or image/bmp");
  }

  private List<Upload> multipart(Context ctx) {
    List<UploadedFile> files;
    try {
      files = ctx.uploadedFiles();
    } catch (Exception e) { // Jetty's parser throws IOException and ServletException unchecked via Kotlin
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("exceed") || m.contains("too large") || m.contains("size")) {
        throw tooLarge(-1);
      }
      throw ApiError.badRequest("bad_multipart", "the multipart body cannot be parsed; send a"
          + " well-formed multipart/form-data body with an 'image' file part");
    }
    if (files.isEmpty()) {
      throw ApiError.badRequest("no_image", "the multipart body has no file part; send the image"
          + " as a file part named 'image'");
    }
    List<Upload> out = new ArrayList<>();
    for (UploadedFile f : files) {
      try (InputStream in = f.content()) {
        out.add(new Upload(displayName(f.filename(), out.size()), in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private byte[] readBounded(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxUploadBytes() + 1));
      if (bytes.length > config.maxUploadBytes()) {
        throw tooLarge(-1);
      }
      return bytes;
    } catch (IOException e) {
      throw ApiError.badRequest("read_failed", "the request body could not be read completely");
    }
  }

  private ApiError tooLarge(long declared) {
    return new ApiError(413, "payload_too_large", (declared > 0 ? "the body is " + declared + " bytes; " : "the body is too large; ")
        + "the limit is " + config.maxUploadBytes() + " bytes. Send a smaller (re-encoded) image.");
  }

  // The client's file name, reduced to a harmless label: only the last path segment, printable, short.
  static String displayName(String filename, int index) {
    if (filename == null || filename.isBlank()) {
      return "image" + index;
    }
    String last = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    String clean = last.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
    return clean.isBlank() ? "image" + index : shorten(clean);
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  private ObjectNode render(ImageResult r, Analyzer analyzer) {
    ObjectNode node = PredictionFormats.json(r);
    node.put("model", analyzer.modelName());
    addExplanations(node, r);
    return node;
  }

  // Each face's Grad-CAM overlay as base64 PNG (jet at alpha 0.5) with what it explains.
  private static void addExplanations(ObjectNode node, ImageResult r) {
    JsonNode faces = node.path("faces");
    for (int i = 0; i < r.faces().size() && i < faces.size(); i++) {
      FaceExplanation e = r.faces().get(i).explanation();
      if (e != null && faces.get(i) instanceof ObjectNode face) {
        face.put("gradCam", Base64.getEncoder().encodeToString(e.overlayPng(Colormap.JET, 0.5f)));
        face.putObject("gradCamInfo").put("method", e.method().title()).put("layer", e.layer())
            .put("expression", e.expression()).put("probability", e.probability())
            .put("width", e.face().width()).put("height", e.face().height());
      }
    }
  }

  private void send(Context ctx, ObjectNode body) {
    ctx.status(200).contentType("application/json").result(body.toString());
  }
}
