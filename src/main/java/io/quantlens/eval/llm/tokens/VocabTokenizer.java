package io.quantlens.eval.llm.tokens;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tokenizer over a {@link Vocab}: its size and pieces are the vocabulary's. */
abstract class VocabTokenizer implements Tokenizer {
  protected final Vocab vocab;

  VocabTokenizer(Vocab vocab) {
    this.vocab = vocab;
  }

  @Override
  public final int size() {
    return vocab.size();
  }

  @Override
  public final String piece(int id) {
    return vocab.piece(id);
  }

  /** Decoded bytes as text, less the one leading space the encoder adds when {@code prefixed}. */
  static String text(ByteArrayOutputStream bytes, boolean prefixed) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return prefixed && text.startsWith(" ") ? text.substring(1) : text;
  }
}
