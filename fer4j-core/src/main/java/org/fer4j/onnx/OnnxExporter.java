package org.fer4j.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.Fer4j;
import org.fer4j.io.AtomicFiles;
import org.fer4j.models.ParameterNames;
import org.fer4j.data.PreprocessConfig;

/**
 * Writes a fer4j model as an ONNX file (IR version 8, default opset 17), walking its blocks with
 * one {@link BlockConverter} per block type. The graph takes one float input {@value #INPUT_NAME}
 * of shape (batch, C, H, W), the batch dynamic, and returns {@value #OUTPUT_NAME} (then {@code
 * output_1}, ... for models with auxiliary outputs); see {@link ExportInfo} for the metadata.
 *
 * <p>A block without a converter stops the export with an {@link UnsupportedBlockException} naming
 * its path and type.
 */
public final class OnnxExporter {
  /** ONNX IR version 8 (onnx 1.10 to 1.12), read by every ONNX Runtime since 1.10. */
  public static final long IR_VERSION = 8;

  /** Default-domain operator set; 17 adds LayerNormalization. */
  public static final int OPSET = 17;

  public static final String INPUT_NAME = "input";
  public static final String OUTPUT_NAME = "logits";

  /** The name of the dynamic batch axis of inputs and outputs. */
  public static final String BATCH_AXIS = "batch";

  private final Map<Class<? extends Block>, BlockConverter> converters = new HashMap<>();

  private OnnxExporter() {}

  /** An exporter with the converters of every built-in block type. */
  public static OnnxExporter standard() {
    OnnxExporter exporter = new OnnxExporter();
    LayerConverters.register(exporter.converters);
    BackboneConverters.register(exporter.converters);
    AttentionConverters.register(exporter.converters);
    SeedConverters.register(exporter.converters);
    LnljConverters.register(exporter.converters);
    TransformerConverters.register(exporter.converters);
    GcsaConverters.register(exporter.converters);
    FaceApiConverters.register(exporter.converters);
    SsdConverter.register(exporter.converters);
    FaceResConverter.register(exporter.converters);
    return exporter;
  }

  /** Adds (or replaces) the converter of one block type and returns this exporter. */
  public OnnxExporter register(Class<? extends Block> type, BlockConverter converter) {
    converters.put(type, converter);
    return this;
  }

  /** The block types this exporter converts. */
  public boolean supports(Class<? extends Block> type) {
    return converters.containsKey(type);
  }

  /** The ONNX model of an initialised {@code block}, with {@code info} as metadata. */
  public OnnxProto.Model export(Block block, ExportInfo info) {
    // No block.isInitialized() check: face-api's blocks get their weights loaded, not
    // initialised; every parameter read is checked for a value instead (ConversionContext).
    PreprocessConfig p = info.preprocess();
    Shape example = inputShape(p);
    OnnxGraph graph = new OnnxGraph();
    List<Object> inputDims = new ArrayList<>(List.of(BATCH_AXIS));
    for (int i = 1; i < example.dimension(); i++) {
      inputDims.add(example.get(i));
    }
    String input = graph.input(INPUT_NAME, inputDims.toArray());
    ConversionContext ctx = new ConversionContext(graph, converters, example);
    List<String> results = ctx.convert(block, "", List.of(input));
    requireEveryParameterUsed(block, ctx);
    Shape[] outputShapes = block.getOutputShapes(new Shape[] {example});
    for (int i = 0; i < results.size(); i++) {
      graph.output(outputName(i), results.get(i), dynamicBatch(outputShapes[i]));
    }
    return new OnnxProto.Model(
        IR_VERSION,
        OPSET,
        "fer4j",
        Fer4j.version(),
        "fer4j " + info.modelName() + ": input '" + INPUT_NAME + "' " + p
            + " (pixels/255, then (x - mean) / std), output '" + OUTPUT_NAME + "' over "
            + info.labels().classes(),
        graph.build(info.modelName()),
        info.metadata());
  }

  /** Exports {@code block} to {@code file}, written atomically. */
  public void write(Block block, ExportInfo info, Path file) throws IOException {
    AtomicFiles.write(file, export(block, info).toByteArray());
  }

  /**
   * A converter that skips a parameter writes a graph that computes something else; this makes
   * it an error naming the parameters.
   */
  private static void requireEveryParameterUsed(Block block, ConversionContext ctx) {
    List<String> unused = new ArrayList<>();
    ParameterNames.torchNames(block)
        .forEach((name, p) -> {
          if (!ctx.usedParameters().contains(p)) {
            unused.add(name);
          }
        });
    if (!unused.isEmpty()) {
      throw new UnsupportedBlockException(
          "", block.getClass().getSimpleName(), "the graph does not use parameters " + unused);
    }
  }

  /** {@value #OUTPUT_NAME} for the first output, {@code output_i} for the others. */
  public static String outputName(int index) {
    return index == 0 ? OUTPUT_NAME : "output_" + index;
  }

  /** An input shape with batch 1: (1, C, H, W), or (1, C, T, H, W) for clip models. */
  public static Shape inputShape(PreprocessConfig p) {
    return p.frames() > 1
        ? new Shape(1, p.channels(), p.frames(), p.height(), p.width())
        : new Shape(1, p.channels(), p.height(), p.width());
  }

  private static Object[] dynamicBatch(Shape shape) {
    Object[] dims = new Object[shape.dimension()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i == 0 ? BATCH_AXIS : (Object) shape.get(i);
    }
    return dims;
  }
}
