package io.quantlens.eval.llm;

import io.quantlens.samples.synthetic.LlmArchitecture;
import io.quantlens.samples.synthetic.LlmShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the config.json that transformers' LlamaConfig / Phi3Config would hold for a synthetic
 * shape, beside its safetensors file.
 */
final class HfConfigFile {
  private HfConfigFile() {}

  static void write(LlmShape s, Path folder) throws IOException {
    String type = s.architecture() == LlmArchitecture.PHI3 ? "phi3" : "llama";
    double partial = (double) s.ropeDimensions() / (s.hidden() / s.heads());
    String json =
        String.format(
            Locale.ROOT,
            "{\"model_type\": \"%s\", \"vocab_size\": %d, \"hidden_size\": %d,"
                + " \"intermediate_size\": %d, \"num_hidden_layers\": %d,"
                + " \"num_attention_heads\": %d, \"num_key_value_heads\": %d,"
                + " \"rms_norm_eps\": %s, \"rope_theta\": %s, \"partial_rotary_factor\": %s,"
                + " \"tie_word_embeddings\": %s, \"rope_scaling\": null}",
            type,
            s.vocab(),
            s.hidden(),
            s.intermediate(),
            s.layers(),
            s.heads(),
            s.kvHeads(),
            Float.toString(s.rmsEpsilon()),
            Float.toString(s.ropeTheta()),
            Double.toString(partial),
            s.tiedEmbeddings());
    Files.writeString(folder.resolve("config.json"), json);
  }
}
