package io.quantlens.formats.gguf;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code tokenizer.ggml.*} keys of a converted checkpoint: its SentencePiece vocabulary when
 * the folder has a {@code tokenizer.model} QuantLens reads ({@link SentencePieceVocabulary}), else
 * the placeholder {@link SpmVocabulary}, which llama.cpp loads but which makes its text meaningless
 * (docs/hf-to-gguf.md#tokenizer).
 */
final class HfVocabulary {
  private HfVocabulary() {}

  /**
   * @param embeddingRows the token embedding's rows, which the vocabulary must match (-1 unknown)
   * @return true when the real tokenizer was written, false for the placeholder
   * @throws ModelFormatException when config.json's vocabulary size disagrees with the embedding,
   *     or is too small for the placeholder
   */
  static boolean put(GgufWriter writer, Path folder, HfConfig config, long embeddingRows)
      throws ModelFormatException {
    int size = config.vocabSize();
    if (embeddingRows >= 0 && embeddingRows != size) {
      throw new ModelFormatException(
          config.file(),
          "vocab_size is " + size + " but the token embedding has " + embeddingRows + " rows");
    }
    if (SentencePieceVocabulary.put(writer, folder, config)) {
      return true;
    }
    // llama.cpp looks up <|endoftext|> by its text in models whose name mentions Phi-3.
    String name = folder.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean endOfText = !config.isLlama() || name.contains("phi3") || name.contains("phi-3");
    int least = SpmVocabulary.MIN_SIZE + (endOfText ? 1 : 0);
    if (size < least) {
      throw new ModelFormatException(
          config.file(),
          "vocab_size "
              + size
              + " is below the "
              + least
              + " tokens of the placeholder vocabulary written without a tokenizer.model");
    }
    SpmVocabulary.put(writer, size, endOfText);
    return false;
  }
}
