package io.quantlens.eval.llm.tokens;

/**
 * A piece of the input: raw text still to tokenize, or a special token's id ({@code text} null).
 */
record Fragment(String text, int token) {
  static Fragment raw(String text) {
    return new Fragment(text, -1);
  }

  static Fragment token(int id) {
    return new Fragment(null, id);
  }

  boolean isRaw() {
    return text != null;
  }
}
