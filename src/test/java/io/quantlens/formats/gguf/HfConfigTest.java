package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config.json as llama.cpp's converter reads it: transformers' LlamaConfig / Phi3Config defaults
 * for missing keys (num_key_value_heads = num_attention_heads, rope_theta 10000, rms_norm_eps 1e-6
 * / 1e-5, max_position_embeddings 2048 / 4096), text_config merged over the top level, the rotary
 * dimensions of each converter class.
 */
class HfConfigTest {
  @TempDir Path dir;

  private static final String SIZES =
      "\"vocab_size\": 32000, \"hidden_size\": 3072, \"intermediate_size\": 8192,"
          + " \"num_hidden_layers\": 32, \"num_attention_heads\": 24";

  @Test
  void missingKeysTakeTransformersDefaults() throws Exception {
    HfConfig llama = config("{\"model_type\": \"mistral\", " + SIZES + "}");
    assertEquals("llama", llama.architecture());
    assertEquals("MistralForCausalLM", llama.hfArchitecture());
    assertEquals(24, llama.kvHeads());
    assertEquals(10000.0, llama.ropeTheta());
    assertEquals(1e-6, llama.rmsEpsilon());
    assertEquals(2048, llama.contextLength());
    assertEquals(128, llama.ropeDimensions());

    HfConfig phi3 =
        config(
            "{\"architectures\": [\"Phi3ForCausalLM\"], \"partial_rotary_factor\": 0.75, "
                + SIZES
                + "}");
    assertEquals("phi3", phi3.architecture());
    assertEquals(1e-5, phi3.rmsEpsilon());
    assertEquals(4096, phi3.contextLength());
    assertEquals(4096, phi3.originalContextLength());
    // Phi-4-mini: int(0.75 · 3072) // 24
    assertEquals(96, phi3.ropeDimensions());
  }

  @Test
  void textConfigIsMergedOverTheTopLevel() throws Exception {
    HfConfig c =
        config(
            "{\"architectures\": [\"LlamaForCausalLM\"], \"num_key_value_heads\": 8,"
                + " \"text_config\": {"
                + SIZES
                + ", \"head_dim\": 64, \"rope_parameters\": {\"rope_theta\": 500000.0}}}");
    assertEquals(8, c.kvHeads());
    assertEquals(64, c.ropeDimensions());
    assertEquals(500000.0, c.ropeTheta());
  }

  @Test
  void aMissingSizeIsOneLineNamingTheFileAndKey() throws Exception {
    Files.writeString(
        dir.resolve("config.json"),
        "{\"architectures\": [\"LlamaForCausalLM\"], \"vocab_size\": 32000}");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> HfConfig.read(dir));
    assertEquals(
        dir.resolve("config.json")
            + ": num_attention_heads is missing or not a positive whole number (null)",
        e.getMessage());
  }

  private HfConfig config(String json) throws Exception {
    Files.writeString(dir.resolve("config.json"), json);
    return HfConfig.read(dir);
  }
}
