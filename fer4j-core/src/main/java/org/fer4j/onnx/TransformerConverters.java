package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.fer4j.layers.MultiHeadSelfAttention;
import org.fer4j.layers.TransformerEncoder;
import org.fer4j.layers.TransformerLayer;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of fer4j's pre-norm transformer ({@link TransformerEncoder}, {@link
 * TransformerLayer}, {@link MultiHeadSelfAttention}) on (batch, tokens, dim) sequences.
 */
final class TransformerConverters {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  private TransformerConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(TransformerEncoder.class, LayerConverters.single(TransformerConverters::encoder));
    into.put(TransformerLayer.class, LayerConverters.single(TransformerConverters::layer));
    into.put(MultiHeadSelfAttention.class, LayerConverters.single(TransformerConverters::attention));
  }

  private static String encoder(ConversionContext ctx, Block block, String path, String x) {
    String cur = x;
    for (int i = 0; ConversionContext.optionalChild(block, "layer" + i).isPresent(); i++) {
      cur = ctx.convertChild(block, path, "layer" + i, cur);
    }
    return cur;
  }

  /** x + attn(norm1(x)), then + ff2(gelu_tanh(ff1(norm2(x)))). */
  private static String layer(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    String h = ctx.convertChild(block, path, "norm1", x);
    String cur = g.op(path + ".attn_add", "Add", x, ctx.convertChild(block, path, "attn", h));
    h = ctx.convertChild(block, path, "norm2", cur);
    h = geluTanh(g, path + ".gelu", ctx.convertChild(block, path, "ff1", h));
    return g.op(path + ".ff_add", "Add", cur, ctx.convertChild(block, path, "ff2", h));
  }

  /** {@link TransformerLayer#geluTanh}: x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  private static String geluTanh(OnnxGraph g, String path, String x) {
    String cube = g.op(path + ".cube", "Mul", g.op(path + ".square", "Mul", x, x), x);
    String inner = g.op(path + ".inner", "Add", x, g.op(path + ".cubic", "Mul", cube, g.scalar(0.044715f)));
    String scaled = g.op(path + ".scaled", "Mul", inner, g.scalar((float) SQRT_2_OVER_PI));
    String onePlus = g.op(path + ".one_plus", "Add", g.op(path + ".tanh", "Tanh", scaled), g.scalar(1f));
    return g.op(path, "Mul", g.op(path + ".mul", "Mul", x, onePlus), g.scalar(0.5f));
  }

  /**
   * softmax(q k^T / sqrt(d_head)) v per head: to_qkv gives (B, N, 3 h d) laid out as (3, h, d), split
   * into q, k and v of (B, h, N, d); heads are joined back before to_out.
   */
  private static String attention(ConversionContext ctx, Block block, String path, String x) {
    MultiHeadSelfAttention mhsa = (MultiHeadSelfAttention) block;
    OnnxGraph g = ctx.graph();
    long heads = mhsa.heads();
    long dimHead = mhsa.dimHead();
    String qkv = ctx.convertChild(block, path, "to_qkv", x);
    qkv = g.transpose(path + ".qkv_t", g.reshape(path + ".qkv_heads", qkv, 0, 0, 3, heads, dimHead), 2, 0, 3, 1, 4);
    List<String> parts = g.node(path + ".qkv_parts", "Split", List.of(qkv), 3, Attribute.of("axis", 0L));
    String axis0 = g.int64s(path + ".axis0", 0);
    String q = g.op(path + ".q", "Squeeze", parts.get(0), axis0);
    String k = g.op(path + ".k", "Squeeze", parts.get(1), axis0);
    String v = g.op(path + ".v", "Squeeze", parts.get(2), axis0);
    String scores = g.op(path + ".scores", "MatMul", q, g.transpose(path + ".k_t", k, 0, 1, 3, 2));
    scores = g.op(path + ".scaled", "Mul", scores, g.scalar((float) (1.0 / Math.sqrt(dimHead))));
    String weights = g.node(path + ".softmax", "Softmax", List.of(scores), Attribute.of("axis", -1L));
    String out = g.transpose(path + ".context_t", g.op(path + ".context", "MatMul", weights, v), 0, 2, 1, 3);
    out = g.reshape(path + ".merge_heads", out, 0, 0, heads * dimHead);
    return ctx.convertChild(block, path, "to_out", out);
  }
}
