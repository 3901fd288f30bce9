package io.quantlens.samples.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code config.json} a Hugging Face checkpoint of a shape carries, with the keys of
 * transformers' {@code LlamaConfig} / {@code Phi3Config} that llama.cpp's converter reads, so a
 * generated safetensors model can be converted to GGUF (docs/hf-to-gguf.md).
 */
public final class HfConfigFile {
  public static final String FILE_NAME = "config.json";

  private HfConfigFile() {}

  /** Writes the shape's config.json as {@code target}. */
  public static void write(LlmShape shape, String torchDtype, Path target) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode c = mapper.createObjectNode();
    boolean phi3 = shape.architecture() == LlmArchitecture.PHI3;
    c.putArray("architectures").add(phi3 ? "Phi3ForCausalLM" : "LlamaForCausalLM");
    c.put("model_type", phi3 ? "phi3" : "llama");
    c.put("vocab_size", shape.vocab());
    c.put("hidden_size", shape.hidden());
    c.put("intermediate_size", shape.intermediate());
    c.put("num_hidden_layers", shape.layers());
    c.put("num_attention_heads", shape.heads());
    c.put("num_key_value_heads", shape.kvHeads());
    c.put("max_position_embeddings", shape.contextLength());
    c.put("rms_norm_eps", shape.rmsEpsilon());
    c.put("rope_theta", shape.ropeTheta());
    c.put("tie_word_embeddings", shape.tiedEmbeddings());
    c.put("bos_token_id", 1);
    c.put("eos_token_id", phi3 ? shape.vocab() - 1 : 2);
    if (phi3) {
      c.put(
          "partial_rotary_factor",
          (double) shape.ropeDimensions() * shape.heads() / shape.hidden());
      c.put("original_max_position_embeddings", shape.contextLength());
      c.putNull("sliding_window");
    }
    c.put("torch_dtype", torchDtype);
    AtomicWrite.writeStream(target, out -> mapper.writeValue(out, c));
  }
}
