package io.quantlens.samples.synthetic;

import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.formats.gguf.SpmVocabulary;

/**
 * The GGUF metadata llama.cpp's loader reads for a Llama or Phi-3 model: the general keys, the
 * architecture's hyperparameters, consistent with the tensors {@link LlmShape} makes, and a
 * tokenizer. Which keys are required and why is in docs/llama-cpp-files.md.
 */
final class LlamaCppMetadata {
  private LlamaCppMetadata() {}

  static void put(GgufWriter writer, LlmShape shape, int fileType) {
    String arch = shape.architecture().ggufName();
    writer
        .put("general.architecture", GgufValue.string(arch))
        .put("general.name", GgufValue.string("QuantLens synthetic " + shape.id()))
        .put(arch + ".context_length", GgufValue.uint32(shape.contextLength()))
        .put(arch + ".embedding_length", GgufValue.uint32(shape.hidden()))
        .put(arch + ".block_count", GgufValue.uint32(shape.layers()))
        .put(arch + ".feed_forward_length", GgufValue.uint32(shape.intermediate()))
        .put(arch + ".attention.head_count", GgufValue.uint32(shape.heads()))
        .put(arch + ".attention.head_count_kv", GgufValue.uint32(shape.kvHeads()))
        .put(arch + ".attention.layer_norm_rms_epsilon", GgufValue.float32(shape.rmsEpsilon()))
        .put(arch + ".rope.dimension_count", GgufValue.uint32(shape.ropeDimensions()))
        .put(arch + ".rope.freq_base", GgufValue.float32(shape.ropeTheta()))
        .put("general.file_type", GgufValue.uint32(fileType))
        .put("general.quantization_version", GgufValue.uint32(2));
    SpmVocabulary.put(writer, shape.vocab(), shape.architecture() == LlmArchitecture.PHI3);
  }
}
