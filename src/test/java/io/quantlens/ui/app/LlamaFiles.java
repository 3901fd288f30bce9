package io.quantlens.ui.app;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.formats.safetensors.ByteSource;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.formats.safetensors.TensorSpec;
import io.quantlens.model.TensorReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small Llama-shaped checkpoint files written by tests: a GGUF with llama.cpp tensor names and a
 * few block-quantized weights, and a safetensors file with Hugging Face names in F16 and BF16.
 * Every weight row is 256 long, so q4_k and q6_k blocks fit; the values are deterministic noise.
 */
final class LlamaFiles {
  static final int HIDDEN = 256;
  static final int VOCAB = 256;
  static final int GGUF_BLOCKS = 8;
  static final int SAFETENSORS_BLOCKS = 4;
  static final int CONTEXT_LENGTH = 4096;
  static final int FILE_TYPE_Q4_K_M = 15;
  static final int QUANTIZATION_VERSION = 2;

  /** A block's weights in llama.cpp names, in natural (here: alphabetical) order. */
  static final List<String> GGUF_BLOCK_WEIGHTS =
      List.of("attn_k", "attn_output", "attn_q", "attn_v", "ffn_down", "ffn_gate", "ffn_up");

  /** A block's weights in Hugging Face names, in natural order. */
  static final List<String> HF_BLOCK_WEIGHTS =
      List.of(
          "mlp.down_proj",
          "mlp.gate_proj",
          "mlp.up_proj",
          "self_attn.k_proj",
          "self_attn.o_proj",
          "self_attn.q_proj",
          "self_attn.v_proj");

  private LlamaFiles() {}

  /**
   * {@code tiny-llama.gguf}: token_embd, 8 blocks, output. Blocks 0 and 1 store attn_q in Q4_K and
   * ffn_down in Q8_0, the output is F16, the rest (norms included) F32.
   */
  static Path gguf(Path folder) throws IOException {
    GgufWriter writer =
        new GgufWriter()
            .put("general.architecture", GgufValue.string("llama"))
            .put("general.name", GgufValue.string("tiny llama for the window test"))
            .put("general.file_type", GgufValue.uint32(FILE_TYPE_Q4_K_M))
            .put("general.quantization_version", GgufValue.uint32(QUANTIZATION_VERSION))
            .put("llama.context_length", GgufValue.uint32(CONTEXT_LENGTH))
            .put("llama.block_count", GgufValue.uint32(GGUF_BLOCKS))
            .put("llama.embedding_length", GgufValue.uint32(HIDDEN));
    int seed = 0;
    writer.tensorFromFloats(
        "token_embd.weight", GgmlType.F32, new long[] {VOCAB, HIDDEN}, noise(++seed));
    for (int b = 0; b < GGUF_BLOCKS; b++) {
      String p = "blk." + b + ".";
      writer.tensorFromFloats(p + "attn_norm.weight", GgmlType.F32, new long[] {HIDDEN}, ones());
      for (String w : GGUF_BLOCK_WEIGHTS) {
        GgmlType type = GgmlType.F32;
        if (b < 2 && w.equals("attn_q")) {
          type = GgmlType.Q4_K;
        } else if (b < 2 && w.equals("ffn_down")) {
          type = GgmlType.Q8_0;
        }
        writer.tensorFromFloats(
            p + w + ".weight", type, new long[] {HIDDEN, HIDDEN}, noise(++seed));
      }
      writer.tensorFromFloats(p + "ffn_norm.weight", GgmlType.F32, new long[] {HIDDEN}, ones());
    }
    writer.tensorFromFloats("output_norm.weight", GgmlType.F32, new long[] {HIDDEN}, ones());
    writer.tensorFromFloats(
        "output.weight", GgmlType.F16, new long[] {VOCAB, HIDDEN}, noise(++seed));
    Path file = folder.resolve("tiny-llama.gguf");
    writer.write(file);
    return file;
  }

  /**
   * {@code model.safetensors}: embed_tokens, 4 blocks, norm, lm_head. Attention, embeddings and
   * norms in F16; the MLP and lm_head in BF16.
   */
  static Path safetensors(Path folder) throws IOException {
    List<TensorSpec> tensors = new ArrayList<>();
    int seed = 100;
    tensors.add(f16("model.embed_tokens.weight", ++seed, VOCAB, HIDDEN));
    for (int b = 0; b < SAFETENSORS_BLOCKS; b++) {
      String p = "model.layers." + b + ".";
      tensors.add(f16(p + "input_layernorm.weight", ++seed, HIDDEN));
      tensors.add(f16(p + "post_attention_layernorm.weight", ++seed, HIDDEN));
      for (String w : HF_BLOCK_WEIGHTS) {
        String name = p + w + ".weight";
        tensors.add(
            w.startsWith("mlp")
                ? bf16(name, ++seed, HIDDEN, HIDDEN)
                : f16(name, ++seed, HIDDEN, HIDDEN));
      }
    }
    tensors.add(f16("model.norm.weight", ++seed, HIDDEN));
    tensors.add(bf16("lm_head.weight", ++seed, VOCAB, HIDDEN));
    Path file = folder.resolve("model.safetensors");
    SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
    return file;
  }

  private static TensorReader ones() {
    return (start, dst, off, count) -> java.util.Arrays.fill(dst, off, off + count, 1f);
  }

  /** Uniform noise in ±0.05, a function of seed and index only. */
  private static TensorReader noise(int seed) {
    return (start, dst, off, count) -> {
      for (int i = 0; i < count; i++) {
        dst[off + i] = (float) ((unit(seed, start + i) - 0.5) * 0.1);
      }
    };
  }

  private static double unit(long seed, long index) {
    long h = (index + 1) * 0x9E3779B97F4A7C15L + seed * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    h ^= h >>> 29;
    return (h >>> 11) / (double) (1L << 53);
  }

  /** Half-precision bit patterns made directly: random sign and mantissa, exponents 2^-8..2^-4. */
  private static TensorSpec f16(String name, int seed, long... shape) {
    return sixteenBit(name, "F16", seed, 10, 15, shape);
  }

  /** bfloat16 bit patterns: random sign and mantissa, exponents 2^-8..2^-4. */
  private static TensorSpec bf16(String name, int seed, long... shape) {
    return sixteenBit(name, "BF16", seed, 7, 127, shape);
  }

  private static TensorSpec sixteenBit(
      String name, String dtype, int seed, int mantissaBits, int bias, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    byte[] bytes = new byte[Math.toIntExact(n * 2)];
    for (int i = 0; i < n; i++) {
      double u = unit(seed, i);
      int sign = u < 0.5 ? 0 : 1;
      int exponent = bias - 8 + (int) (unit(seed + 7919, i) * 5);
      int mantissa = (int) (unit(seed + 104729, i) * (1 << mantissaBits));
      int bits = sign << 15 | exponent << mantissaBits | mantissa;
      bytes[2 * i] = (byte) bits;
      bytes[2 * i + 1] = (byte) (bits >>> 8);
    }
    return new TensorSpec(name, dtype, shape, ByteSource.of(bytes));
  }
}
