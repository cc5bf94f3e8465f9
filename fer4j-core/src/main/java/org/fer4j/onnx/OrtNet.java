package org.fer4j.onnx;

import ai.djl.nn.Block;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.fer4j.FerException;

/**
 * A DJL block run by ONNX Runtime: exported in memory with {@link OnnxExporter} (no file is
 * written) and opened as an {@link OrtSession} on the CPU execution provider.
 *
 * <p>Thread-safe: ONNX Runtime allows concurrent {@code run} calls on one session, and each call
 * owns its tensors. Close it to free the session's native memory.
 */
public final class OrtNet implements AutoCloseable {
  private final OrtSession session;
  private final String name;

  private OrtNet(OrtSession session, String name) {
    this.session = session;
    this.name = name;
  }

  /**
   * Exports {@code block} (initialised or with loaded weights) and opens it.
   *
   * @param info the input size, channels and names of the graph (the batch stays dynamic)
   * @param threads intra-op threads of the session (0: all cores)
   * @throws FerException BAD_INPUT naming the block the exporter has no converter for (path and type)
   */
  public static OrtNet compile(Block block, ExportInfo info, int threads) {
    byte[] model;
    try {
      model = OnnxExporter.standard().export(block, info).toByteArray();
    } catch (UnsupportedBlockException e) {
      throw new FerException(FerException.Kind.BAD_INPUT, "--engine onnxruntime cannot run " + info.modelName()
          + ": " + e.getMessage() + ". The engine runs the graph fer4j exports; use --engine djl for this model", e);
    }
    return open(model, info.modelName(), threads);
  }

  /** Opens an ONNX model held in memory. */
  public static OrtNet open(byte[] model, String name, int threads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      // Idle pool threads sleep rather than spin: the predictor's Java stages (decoding, box
      // decoding, alignment) run between the nets, and spinning would burn a core meanwhile.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      return new OrtNet(env.createSession(model, options), name);
    } catch (OrtException e) {
      throw new FerException(FerException.Kind.INTERNAL,
          "ONNX Runtime could not open the exported graph of " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * One forward pass on a batch.
   *
   * @param input the batch, flat in the graph's layout (NCHW)
   * @param shape its shape, batch first
   * @return every output of the graph, in graph order, each flat
   */
  public float[][] run(float[] input, long[] shape) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
        OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, x))) {
      float[][] outputs = new float[result.size()][];
      for (int i = 0; i < outputs.length; i++) {
        FloatBuffer buffer = ((OnnxTensor) result.get(i)).getFloatBuffer();
        outputs[i] = new float[buffer.remaining()];
        buffer.get(outputs[i]);
      }
      return outputs;
    } catch (OrtException e) {
      throw new FerException(FerException.Kind.INTERNAL,
          "ONNX Runtime failed on " + name + " with input " + java.util.Arrays.toString(shape) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new FerException(FerException.Kind.INTERNAL, "closing the ONNX Runtime session of " + name + ": " + e.getMessage(), e);
    }
  }
}
