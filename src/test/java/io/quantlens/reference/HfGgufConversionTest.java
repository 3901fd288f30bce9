package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.gguf.GgufReader;
import io.quantlens.formats.gguf.GgufStoredTensors;
import io.quantlens.formats.gguf.GgufStoredTensors.Stored;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.samples.synthetic.SyntheticModels.SafetensorsType;
import io.quantlens.session.Session;
import io.quantlens.testing.SafetensorsStored;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the safetensors → GGUF conversion writes besides quantized weights, checked against the
 * checkpoint's own bytes, its config.json and llama.cpp's loader: an unquantized plan keeps every
 * value bit for bit (llama's q/k rows reordered as convert_hf_to_gguf.py's {@code
 * LlamaModel.permute} reshapes them), the hyperparameters are config.json's, and the rotary scaling
 * tables the converter adds are its formulas' values and load in llama.cpp.
 */
class HfGgufConversionTest {
  private static LlamaCpp llamaCpp;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  static List<Arguments> lossless() {
    List<LlmShape> shapes = LlamaCppPresetTypesTest.SHAPES;
    return List.of(
        Arguments.of(shapes.get(0), SafetensorsType.F16),
        Arguments.of(shapes.get(0), SafetensorsType.F32),
        Arguments.of(shapes.get(1), SafetensorsType.BF16),
        Arguments.of(shapes.get(3), SafetensorsType.F32));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lossless")
  void anUnquantizedPlanKeepsEveryValueBitForBit(LlmShape shape, SafetensorsType type)
      throws Exception {
    Path hf = checkpoint(shape, type);
    Path out = dir.resolve("as-stored.gguf");
    Session session = Session.open(hf);
    session.exports().gguf(new PrecisionPlan(PrecisionPlan.FP32, Map.of()), Optional.empty(), out);

    Map<String, SafetensorsStored.Stored> source =
        SafetensorsStored.read(hf.resolve("model.safetensors"));
    Map<String, Stored> written = GgufStoredTensors.read(out);
    assertEquals(source.size(), written.size());
    boolean llama = shape.architecture().ggufName().equals("llama");
    for (Map.Entry<String, SafetensorsStored.Stored> e : source.entrySet()) {
      SafetensorsStored.Stored x = e.getValue();
      Stored y = written.get(ggufName(e.getKey()));
      assertArrayEquals(x.shape(), y.shape(), e.getKey());
      byte[] expected = x.bytes();
      if (x.shape().length == 1) {
        assertEquals("F32", y.type(), e.getKey());
        expected = f32Bytes(x.dtype().equals("BF16") ? bf16(x.bytes()) : x.floats());
      } else {
        assertEquals(x.dtype(), y.type(), e.getKey());
      }
      if (llama && e.getKey().endsWith("q_proj.weight")) {
        expected = permuted(expected, x.shape(), shape.heads());
      } else if (llama && e.getKey().endsWith("k_proj.weight")) {
        expected = permuted(expected, x.shape(), shape.kvHeads());
      }
      assertArrayEquals(expected, y.bytes(), e.getKey());
    }
    String fileType = new GgufReader().read(out).metadata().properties().get("general.file_type");
    assertEquals(
        Map.of(SafetensorsType.F32, "0", SafetensorsType.F16, "1", SafetensorsType.BF16, "32")
            .get(type),
        fileType);
    LlamaCpp.LoadedModel loaded = llamaCpp.loadModel(out);
    assertEquals(shape.parameterCount(), loaded.parameters());
    assertEquals(shape.layers(), loaded.layers());
    assertEquals(shape.hidden(), loaded.embedding());
    assertEquals(shape.heads(), loaded.heads());
    assertEquals(shape.kvHeads(), loaded.kvHeads());
    assertEquals(shape.vocab(), loaded.vocabulary());
    assertEquals(source.size(), loaded.tensors());
  }

  @Test
  void theHyperparametersAreConfigJsonsAndPhi3LongropeTablesLoad() throws Exception {
    LlmShape shape = LlamaCppPresetTypesTest.SHAPES.get(3);
    Path hf = checkpoint(shape, SafetensorsType.F16);
    ObjectNode config = (ObjectNode) JSON.readTree(hf.resolve("config.json").toFile());
    config.put("max_position_embeddings", 1024);
    config.put("sliding_window", 128);
    ObjectNode scaling = config.putObject("rope_scaling").put("type", "longrope");
    int pairs = 12; // int(0.75 · 256) // 8 = 24 rotary dimensions
    for (int i = 0; i < pairs; i++) {
      scaling.withArray("long_factor").add(1.0 + i / 4.0);
      scaling.withArray("short_factor").add(1.0 + i / 100.0);
    }
    JSON.writeValue(hf.resolve("config.json").toFile(), config);
    Path out = dir.resolve("phi3.gguf");
    Session.open(hf)
        .exports()
        .gguf(new PrecisionPlan(PrecisionPlan.FP32, Map.of()), Optional.empty(), out);

    Map<String, String> p = new GgufReader().read(out).metadata().properties();
    JsonNode c = JSON.readTree(hf.resolve("config.json").toFile());
    assertEquals("phi3", p.get("general.architecture"));
    assertEquals(c.get("num_hidden_layers").asText(), p.get("phi3.block_count"));
    assertEquals("1024", p.get("phi3.context_length"));
    assertEquals(
        c.get("original_max_position_embeddings").asText(),
        p.get("phi3.rope.scaling.original_context_length"));
    assertEquals(c.get("hidden_size").asText(), p.get("phi3.embedding_length"));
    assertEquals(c.get("intermediate_size").asText(), p.get("phi3.feed_forward_length"));
    assertEquals(c.get("num_attention_heads").asText(), p.get("phi3.attention.head_count"));
    assertEquals(c.get("num_key_value_heads").asText(), p.get("phi3.attention.head_count_kv"));
    assertEquals(
        (float) c.get("rms_norm_eps").asDouble(),
        Float.parseFloat(p.get("phi3.attention.layer_norm_rms_epsilon")));
    assertEquals(
        (float) c.get("rope_theta").asDouble(), Float.parseFloat(p.get("phi3.rope.freq_base")));
    assertEquals("24", p.get("phi3.rope.dimension_count"));
    assertEquals("128", p.get("phi3.attention.sliding_window"));
    assertEquals("1", p.get("general.file_type"));
    assertEquals("2", p.get("general.quantization_version"));
    // Phi3MiniModel: sqrt(1 + ln(scale) / ln(original)), scale 1024 / 256 = 4: sqrt(1 + 2/8)
    assertEquals((float) Math.sqrt(1.25), Float.parseFloat(p.get("phi3.rope.scaling.attn_factor")));
    assertEquals(String.valueOf(shape.vocab()), p.get("tokenizer.ggml.tokens").split(" ")[2]);

    Map<String, Stored> t = GgufStoredTensors.read(out);
    float[] longFactors = floats(t.get("rope_factors_long.weight").bytes());
    float[] shortFactors = floats(t.get("rope_factors_short.weight").bytes());
    for (int i = 0; i < pairs; i++) {
      assertEquals((float) (1.0 + i / 4.0), longFactors[i]);
      assertEquals((float) (1.0 + i / 100.0), shortFactors[i]);
    }
    LlamaCpp.LoadedModel loaded = llamaCpp.loadModel(out);
    assertEquals(shape.parameterCount() + 2 * pairs, loaded.parameters());
    assertEquals("phi3", loaded.architecture());
  }

  @Test
  void llama3RotaryScalingWritesTheConvertersFrequencyFactors() throws Exception {
    LlmShape shape = LlamaCppPresetTypesTest.SHAPES.get(1);
    Path hf = checkpoint(shape, SafetensorsType.F16);
    ObjectNode config = (ObjectNode) JSON.readTree(hf.resolve("config.json").toFile());
    config
        .putObject("rope_scaling")
        .put("rope_type", "llama3")
        .put("factor", 8.0)
        .put("low_freq_factor", 1.0)
        .put("high_freq_factor", 4.0);
    JSON.writeValue(hf.resolve("config.json").toFile(), config);
    Path out = dir.resolve("llama3.gguf");
    Session.open(hf)
        .exports()
        .gguf(new PrecisionPlan(PrecisionPlan.FP32, Map.of()), Optional.empty(), out);

    float[] factors = floats(GgufStoredTensors.read(out).get("rope_freqs.weight").bytes());
    int dim = shape.hidden() / shape.heads();
    assertEquals(dim / 2, factors.length);
    for (int i = 0; i < factors.length; i++) {
      // LlamaModel.generate_extra_tensors, in double: wavelength 2π·θ^(2i/dim), old context 8192
      double wavelength = 2 * Math.PI * Math.pow(10000, 2.0 * i / dim);
      double expected;
      if (wavelength < 8192 / 4.0) {
        expected = 1;
      } else if (wavelength > 8192 / 1.0) {
        expected = 8;
      } else {
        double smooth = (8192 / wavelength - 1) / (4 - 1);
        expected = 1 / ((1 - smooth) / 8 + smooth);
      }
      assertEquals(expected, factors[i], 1e-5 * expected, "pair " + i);
    }
    LlamaCpp.LoadedModel loaded = llamaCpp.loadModel(out);
    assertEquals(shape.parameterCount() + dim / 2, loaded.parameters());
  }

  private Path checkpoint(LlmShape shape, SafetensorsType type) throws Exception {
    Path hf = Files.createDirectories(dir.resolve("hf-" + shape.id()));
    SyntheticModels.writeSafetensors(shape, type, 1, 7, hf.resolve("model.safetensors"), n -> {});
    return hf;
  }

  /** gguf-py's tensor name map for these tensors, written out by hand. */
  private static String ggufName(String hf) {
    Map<String, String> outside =
        Map.of(
            "model.embed_tokens.weight", "token_embd.weight",
            "model.norm.weight", "output_norm.weight",
            "lm_head.weight", "output.weight");
    if (outside.containsKey(hf)) {
      return outside.get(hf);
    }
    String[] p = hf.split("\\.", 4); // model, layers, N, rest
    Map<String, String> inside =
        Map.of(
            "input_layernorm.weight", "attn_norm.weight",
            "self_attn.q_proj.weight", "attn_q.weight",
            "self_attn.k_proj.weight", "attn_k.weight",
            "self_attn.v_proj.weight", "attn_v.weight",
            "self_attn.qkv_proj.weight", "attn_qkv.weight",
            "self_attn.o_proj.weight", "attn_output.weight",
            "post_attention_layernorm.weight", "ffn_norm.weight",
            "mlp.gate_proj.weight", "ffn_gate.weight",
            "mlp.up_proj.weight", "ffn_up.weight",
            "mlp.down_proj.weight", "ffn_down.weight");
    String part = p[3].equals("mlp.gate_up_proj.weight") ? "ffn_up.weight" : inside.get(p[3]);
    return "blk." + p[2] + "." + part;
  }

  /**
   * LlamaModel.permute on raw rows: {@code reshape(heads, 2, rows/heads/2, cols).swapaxes(1, 2)},
   * so output row {@code h·r + 2b + a} is input row {@code h·r + a·(r/2) + b}.
   */
  private static byte[] permuted(byte[] rows, long[] shape, int heads) {
    int rowBytes = rows.length / (int) shape[0];
    int r = (int) shape[0] / heads;
    byte[] out = new byte[rows.length];
    for (int h = 0; h < heads; h++) {
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < r / 2; b++) {
          int from = h * r + a * (r / 2) + b;
          int to = h * r + 2 * b + a;
          System.arraycopy(rows, from * rowBytes, out, to * rowBytes, rowBytes);
        }
      }
    }
    return out;
  }

  /** BF16 values: the upper half of a float32's bits. */
  private static float[] bf16(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
    }
    return out;
  }

  private static byte[] f32Bytes(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
