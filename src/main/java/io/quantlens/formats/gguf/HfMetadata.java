package io.quantlens.formats.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.model.ModelFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hyperparameter keys llama.cpp's converter writes from {@code config.json}, and the rotary
 * tables it adds as tensors (docs/hf-to-gguf.md#metadata): {@code TextModel.set_gguf_parameters}
 * and {@code LlamaModel.set_gguf_parameters} for llama, {@code Phi3MiniModel.set_gguf_parameters}
 * and {@code generate_extra_tensors} for phi3.
 */
final class HfMetadata {
  /** An F32 tensor the converter computes rather than copies. */
  record ExtraTensor(String name, float[] values) {}

  private HfMetadata() {}

  static void put(GgufWriter w, HfConfig c, int fileType) throws ModelFormatException {
    String a = c.architecture();
    w.put(a + ".block_count", GgufValue.uint32(c.layers()))
        .put(a + ".context_length", GgufValue.uint32(c.contextLength()));
    if (!c.isLlama()) {
      w.put(
          a + ".rope.scaling.original_context_length", GgufValue.uint32(c.originalContextLength()));
    }
    w.put(a + ".embedding_length", GgufValue.uint32(c.hidden()))
        .put(a + ".feed_forward_length", GgufValue.uint32(c.intermediate()))
        .put(a + ".attention.head_count", GgufValue.uint32(c.heads()))
        .put(a + ".attention.head_count_kv", GgufValue.uint32(c.kvHeads()))
        .put(a + ".rope.freq_base", GgufValue.float32((float) c.ropeTheta()))
        .put(a + ".attention.layer_norm_rms_epsilon", GgufValue.float32((float) c.rmsEpsilon()));
    if (c.isLlama() && c.headDim() > 0) {
      w.put(a + ".attention.key_length", GgufValue.uint32(c.headDim()))
          .put(a + ".attention.value_length", GgufValue.uint32(c.headDim()));
    }
    w.put("general.file_type", GgufValue.uint32(fileType));
    if (c.isLlama()) {
      w.put(a + ".vocab_size", GgufValue.uint32(c.vocabSize()));
    }
    w.put(a + ".rope.dimension_count", GgufValue.uint32(c.ropeDimensions()));
    if (c.isLlama()) {
      JsonNode s = c.ropeScaling().orElse(null);
      if (s != null && "linear".equals(ropeType(s)) && s.has("factor")) {
        w.put(a + ".rope.scaling.type", GgufValue.string("linear"))
            .put(a + ".rope.scaling.factor", GgufValue.float32((float) s.get("factor").asDouble()));
      }
    } else {
      w.put(a + ".attention.sliding_window", GgufValue.uint32(c.slidingWindow()));
      if (c.ropeScaling().isPresent()) {
        w.put(a + ".rope.scaling.attn_factor", GgufValue.float32((float) phi3AttnFactor(c)));
      }
    }
  }

  /**
   * The converter's extra tensors: llama's {@code rope_freqs} for "llama3" rotary scaling, Phi-3's
   * {@code rope_factors_long} and {@code rope_factors_short} for "longrope" (or "su", "yarn").
   */
  static List<ExtraTensor> extraTensors(HfConfig c) throws ModelFormatException {
    JsonNode s = c.ropeScaling().orElse(null);
    List<ExtraTensor> extra = new ArrayList<>();
    if (s == null) {
      return extra;
    }
    if (c.isLlama()) {
      if ("llama3".equals(ropeType(s))) {
        extra.add(new ExtraTensor("rope_freqs.weight", llama3Factors(c, s)));
      }
      return extra;
    }
    float[] longFactors = factors(c, s, "long_factor");
    float[] shortFactors = factors(c, s, "short_factor");
    extra.add(new ExtraTensor("rope_factors_long.weight", longFactors));
    extra.add(new ExtraTensor("rope_factors_short.weight", shortFactors));
    return extra;
  }

  private static String ropeType(JsonNode s) {
    JsonNode t = s.has("rope_type") ? s.get("rope_type") : s.get("type");
    return t == null ? "" : t.asText().toLowerCase(Locale.ROOT);
  }

  /** Phi3MiniModel.generate_extra_tensors: the attention factor of each rotary scaling type. */
  private static double phi3AttnFactor(HfConfig c) throws ModelFormatException {
    String type = ropeType(c.ropeScaling().orElseThrow());
    double scale = (double) c.contextLength() / c.originalContextLength();
    switch (type) {
      case "su", "longrope" -> {
        return scale > 1
            ? Math.sqrt(1 + Math.log(scale) / Math.log(c.originalContextLength()))
            : 1.0;
      }
      case "yarn" -> {
        return scale > 1 ? 0.1 * Math.log(scale) + 1.0 : 1.0;
      }
      default ->
          throw new ModelFormatException(
              c.file(),
              "rope_scaling type '"
                  + type
                  + "' is not one llama.cpp's phi3 takes (longrope, yarn)");
    }
  }

  private static float[] factors(HfConfig c, JsonNode s, String key) throws ModelFormatException {
    phi3AttnFactor(c); // refuses a scaling type llama.cpp's phi3 does not take
    JsonNode list = s.get(key);
    int expected = c.ropeDimensions() / 2;
    if (list == null || !list.isArray() || list.size() != expected) {
      throw new ModelFormatException(
          c.file(), "rope_scaling." + key + " must be a list of " + expected + " numbers");
    }
    float[] f = new float[expected];
    for (int i = 0; i < expected; i++) {
      f[i] = (float) list.get(i).asDouble();
    }
    return f;
  }

  /**
   * LlamaModel.generate_extra_tensors for Llama 3.1's rotary scaling: per frequency pair, 1 for
   * short wavelengths, {@code factor} for long ones, a smooth blend between; computed in float32 as
   * the converter's torch code does.
   */
  private static float[] llama3Factors(HfConfig c, JsonNode s) {
    int dim = c.headWidth();
    float base = (float) c.ropeTheta();
    float factor = (float) s.path("factor").asDouble(8.0);
    float low = (float) s.path("low_freq_factor").asDouble(1.0);
    float high = (float) s.path("high_freq_factor").asDouble(4.0);
    float oldContext = c.originalContextLength();
    float lowWavelength = oldContext / low;
    float highWavelength = oldContext / high;
    float[] f = new float[dim / 2];
    for (int i = 0; i < f.length; i++) {
      float freq = 1.0f / (float) Math.pow(base, (float) (2 * i) / dim);
      float wavelength = (float) (2 * Math.PI) / freq;
      if (wavelength < highWavelength) {
        f[i] = 1;
      } else if (wavelength > lowWavelength) {
        f[i] = factor;
      } else {
        float smooth = (oldContext / wavelength - low) / (high - low);
        f[i] = 1 / ((1 - smooth) / factor + smooth);
      }
    }
    return f;
  }
}
