package org.fer4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;

/**
 * The body of {@code GET /api/v1/models}: the networks the server runs, each with the licence
 * and provenance of its weights, the further pretrained networks fer4j can load (Human's,
 * fetched with {@code ./fer models pull human}), and the registered fer4j architectures (which
 * ship no weights: they are trained with {@code ./fer train}).
 */
final class ModelCatalog {
  private static final String FACE_API_SOURCE = "https://github.com/vladmandic/face-api";
  private static final String HUMAN_SOURCE = "https://github.com/vladmandic/human";

  private ModelCatalog() {}

  static ObjectNode describe(ObjectMapper json, String activeModel, java.util.Map<String, Object> run) {
    ObjectNode root = json.createObjectNode();
    root.put("active", activeModel);
    if (run != null) {
      root.set("run", json.valueToTree(run));
    }
    ArrayNode serving = root.putArray("serving");
    for (FaceApiModels.Net net : FaceApiModels.Net.values()) {
      ObjectNode n = serving.addObject();
      n.put("name", net.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      n.put("role", role(net));
      n.put("weightsFile", net.manifestName());
      n.put("licence", "MIT");
      n.put("copyright", "Vladimir Mandic (package); networks trained by Vincent Muehler for face-api.js");
      n.put("source", "npm " + FaceApiPackage.PACKAGE + "@" + FaceApiPackage.VERSION);
      n.put("integrity", FaceApiPackage.INTEGRITY);
      n.put("url", FACE_API_SOURCE);
    }
    ArrayNode pretrained = root.putArray("pretrained");
    for (HumanPackage.Net net : HumanPackage.Net.values()) {
      ObjectNode n = pretrained.addObject();
      n.put("name", "human-" + net.name().toLowerCase(java.util.Locale.ROOT));
      n.put("role", net.role());
      n.put("weightsFile", net.modelJson());
      n.put("licence", net.licence());
      n.put("source", "npm " + HumanPackage.PACKAGE + "@" + HumanPackage.VERSION);
      n.put("integrity", HumanPackage.INTEGRITY);
      n.put("url", HUMAN_SOURCE);
      n.put("install", "./fer models pull human");
    }
    ArrayNode architectures = root.putArray("architectures");
    for (ModelSpec spec : ModelRegistry.all()) {
      ObjectNode a = architectures.addObject();
      a.put("name", spec.name());
      a.put("family", spec.family());
      a.put("description", spec.description());
      a.put("classes", spec.labels().size());
      a.put("inputSize", spec.preprocess().width());
      a.put("citation", spec.citation());
      a.put("weights", "none shipped; train with ./fer train");
    }
    return root;
  }

  private static String role(FaceApiModels.Net net) {
    return switch (net) {
      case TINY_FACE_DETECTOR -> "face detector (default)";
      case SSD_MOBILENET_V1 -> "face detector (--detector ssd)";
      case LANDMARKS_68 -> "68 face landmarks";
      case EXPRESSIONS -> "7 expressions";
      case AGE_GENDER -> "age and gender";
    };
  }
}
