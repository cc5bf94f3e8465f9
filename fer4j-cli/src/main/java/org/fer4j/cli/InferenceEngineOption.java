package org.fer4j.cli;

import org.fer4j.FerException;
import org.fer4j.engine.InferenceEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --engine djl|onnxruntime}: what runs inference's forward passes in predict (images and
 * video), serve and spark predict. Separate from {@link EngineMixin}, whose {@code --threads}
 * sets the intra-op threads of both engines.
 */
public final class InferenceEngineOption {
  @Option(
      names = "--engine",
      paramLabel = "djl|onnxruntime",
      defaultValue = "onnxruntime",
      converter = Converter.class,
      description = "Inference engine: onnxruntime runs the nets exported in memory to ONNX, djl runs the PyTorch"
          + " blocks (default: ${DEFAULT-VALUE}). Explanations (--explain) and Human's fer2013 net always use djl.")
  InferenceEngine engine = InferenceEngine.DEFAULT;

  /** The chosen engine. */
  public InferenceEngine engine() {
    return engine;
  }

  /** Picocli converter: {@link InferenceEngine#parse}, with its message (naming the choices) on a bad value. */
  static final class Converter implements ITypeConverter<InferenceEngine> {
    @Override
    public InferenceEngine convert(String value) {
      try {
        return InferenceEngine.parse(value);
      } catch (FerException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
