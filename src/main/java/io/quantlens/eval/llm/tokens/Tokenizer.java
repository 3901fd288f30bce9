package io.quantlens.eval.llm.tokens;

/**
 * Text to token ids and back, as a model file states its vocabulary (docs/tokenizers.md).
 * Implementations are immutable and safe to share between threads.
 */
public interface Tokenizer {
  /**
   * The ids of {@code text}.
   *
   * @param addSpecial add the beginning/end-of-sequence tokens the file asks for
   * @param parseSpecial match control tokens written in the text (such as {@code <s>}) as one id
   *     each; without it they are tokenized as plain text
   */
  int[] encode(String text, boolean addSpecial, boolean parseSpecial);

  /** The text of {@code ids}; control tokens give no text. */
  String decode(int[] ids);

  /** The number of ids, special ones included. */
  int size();

  /** The stored text of token {@code id}. */
  String piece(int id);
}
