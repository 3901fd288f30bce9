package io.quantlens.eval.llm.tokens;

/** llama.h {@code enum llama_token_type}, the values of {@code tokenizer.ggml.token_type}. */
final class TokenType {
  static final int NORMAL = 1;
  static final int UNKNOWN = 2;
  static final int CONTROL = 3;
  static final int USER_DEFINED = 4;
  static final int UNUSED = 5;
  static final int BYTE = 6;

  private TokenType() {}
}
