package io.quantlens.formats.gguf;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tokenizer.ggml.*} keys of a GGUF file, every element read (docs/tokenizers.md). The
 * lengths are checked against each other by {@link GgufVocabularyReader}.
 *
 * @param file the file read
 * @param model {@code tokenizer.ggml.model}: {@code llama} (SentencePiece) or {@code gpt2} (BPE)
 * @param pre {@code tokenizer.ggml.pre}, the pre-tokenizer name, or empty
 * @param name {@code general.name}, or empty (llama.cpp sets token attributes by it)
 * @param tokens {@code tokenizer.ggml.tokens}, by id
 * @param scores {@code tokenizer.ggml.scores}, by id, or an empty array when absent
 * @param types {@code tokenizer.ggml.token_type} (llama.h {@code llama_token_type}), by id, or an
 *     empty array when absent
 * @param merges {@code tokenizer.ggml.merges} ("left right", by rank), or empty
 * @param bosId {@code tokenizer.ggml.bos_token_id}, or -1
 * @param eosId {@code tokenizer.ggml.eos_token_id}, or -1
 * @param unknownId {@code tokenizer.ggml.unknown_token_id}, or -1
 * @param addBos {@code tokenizer.ggml.add_bos_token}, when present
 * @param addEos {@code tokenizer.ggml.add_eos_token}, when present
 * @param addSpacePrefix {@code tokenizer.ggml.add_space_prefix}, when present
 */
public record GgufVocabulary(
    Path file,
    String model,
    String pre,
    String name,
    List<String> tokens,
    float[] scores,
    int[] types,
    List<String> merges,
    int bosId,
    int eosId,
    int unknownId,
    Optional<Boolean> addBos,
    Optional<Boolean> addEos,
    Optional<Boolean> addSpacePrefix) {
  public GgufVocabulary {
    tokens = List.copyOf(tokens);
    merges = List.copyOf(merges);
    scores = scores.clone();
    types = types.clone();
  }

  @Override
  public float[] scores() {
    return scores.clone();
  }

  @Override
  public int[] types() {
    return types.clone();
  }
}
