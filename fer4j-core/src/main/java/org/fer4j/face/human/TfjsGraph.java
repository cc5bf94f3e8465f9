package org.fer4j.face.human;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.weights.TfjsWeights;

/**
 * A TF.js graph model as read from its {@code model.json}: the TensorFlow GraphDef written as JSON
 * ({@code modelTopology.node}: name, op, inputs, attributes) and the weights its
 * {@code weightsManifest} lists.
 *
 * <p>Format: tfjs-converter's graph-model output, described in
 * <a href="https://github.com/tensorflow/tfjs/blob/master/tfjs-converter/src/operations/executor/graph_model.ts">
 * tfjs-converter graph_model.ts</a> and TensorFlow's {@code core/framework/node_def.proto} /
 * {@code attr_value.proto}: string attributes are base64, integers are decimal strings.
 */
public final class TfjsGraph {
  /** One GraphDef node: its inputs are node names (the {@code :0} output index stripped). */
  public record Node(String name, String op, List<String> inputs, JsonNode attr) {
    /** A string attribute (base64 in the JSON), or {@code fallback} when absent. */
    public String string(String key, String fallback) {
      JsonNode s = attr.path(key).path("s");
      return s.isMissingNode() ? fallback : new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
    }

    /** An integer-list attribute ({@code strides}, {@code ksize}), empty when absent. */
    public int[] ints(String key) {
      JsonNode list = attr.path(key).path("list").path("i");
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i).asInt();
      }
      return out;
    }

    /** A string-list attribute ({@code fused_ops}), each decoded from base64. */
    public List<String> strings(String key) {
      List<String> out = new ArrayList<>();
      for (JsonNode s : attr.path(key).path("list").path("s")) {
        out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
      }
      return out;
    }

    /** A boolean attribute, {@code false} when absent. */
    public boolean bool(String key) {
      return attr.path(key).path("b").asBoolean(false);
    }
  }

  private final Path file;
  private final Map<String, Node> nodes;
  private final TfjsWeights weights;

  private TfjsGraph(Path file, Map<String, Node> nodes, TfjsWeights weights) {
    this.file = file;
    this.nodes = Collections.unmodifiableMap(nodes);
    this.weights = weights;
  }

  /**
   * Reads a graph model's {@code model.json} and its weight shards.
   *
   * @throws FerException naming the file and field when it is missing or malformed
   */
  public static TfjsGraph read(Path modelJson) {
    if (!Files.isRegularFile(modelJson)) {
      throw FerException.notFound(
          "TF.js graph model " + modelJson + " does not exist; run './fer models pull human'");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(modelJson.toFile());
    } catch (IOException e) {
      throw FerException.badInput(modelJson + ": not valid JSON: " + e.getMessage());
    }
    if (!"graph-model".equals(root.path("format").asText())) {
      throw FerException.badInput(
          modelJson + ": field 'format' is '" + root.path("format").asText()
              + "' but a TF.js 'graph-model' is expected");
    }
    JsonNode list = root.path("modelTopology").path("node");
    if (!list.isArray() || list.isEmpty()) {
      throw FerException.badInput(modelJson + ": field 'modelTopology.node' is missing or empty");
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (JsonNode n : list) {
      String name = n.path("name").asText();
      String op = n.path("op").asText();
      if (name.isEmpty() || op.isEmpty()) {
        throw FerException.badInput(modelJson + ": a node in 'modelTopology.node' has no 'name' or 'op'");
      }
      List<String> inputs = new ArrayList<>();
      for (JsonNode in : n.path("input")) {
        String input = in.asText();
        if (input.startsWith("^")) {
          continue; // control dependency: orders execution, carries no tensor
        }
        int colon = input.indexOf(':');
        inputs.add(colon >= 0 ? input.substring(0, colon) : input);
      }
      nodes.put(name, new Node(name, op, List.copyOf(inputs), n.path("attr")));
    }
    return new TfjsGraph(modelJson, nodes, TfjsWeights.readGraphModel(modelJson, root));
  }

  /** The model.json this was read from. */
  public Path file() {
    return file;
  }

  /** Every node by name, in file order. */
  public Map<String, Node> nodes() {
    return nodes;
  }

  /** The decoded weights (one per {@code Const} node). */
  public TfjsWeights weights() {
    return weights;
  }

  /** A node by name; a missing one is an error naming the file. */
  public Node node(String name) {
    Node n = nodes.get(name);
    if (n == null) {
      throw FerException.badInput(file + ": the graph has no node '" + name + "'");
    }
    return n;
  }

  /** The names of the nodes that consume {@code name}'s output, with the input slot used. */
  public List<Map.Entry<Node, Integer>> consumers(String name) {
    List<Map.Entry<Node, Integer>> out = new ArrayList<>();
    for (Node n : nodes.values()) {
      for (int i = 0; i < n.inputs().size(); i++) {
        if (n.inputs().get(i).equals(name)) {
          out.add(Map.entry(n, i));
        }
      }
    }
    return out;
  }
}
