package io.quantlens.formats.gguf;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;

/** A checkpoint's SentencePiece {@code tokenizer.model} as llama.cpp's "llama" vocabulary. */
final class SentencePieceVocabulary {
  private SentencePieceVocabulary() {}

  /** Puts the vocabulary when the folder has a tokenizer.model it can read; false otherwise. */
  static boolean put(GgufWriter writer, Path folder, HfConfig config) throws ModelFormatException {
    return false;
  }
}
