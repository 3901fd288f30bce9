package io.quantlens.eval.llm.tokens;

import java.util.List;

/** Texts that exercise each step of tokenization; the comments say which. */
final class TokenizerTexts {
  private TokenizerTexts() {}

  static final List<String> ALL =
      List.of(
          "Hello world",
          "",
          " ",
          "   leading and trailing spaces   ",
          "multiple    spaces\tand\ttabs",
          "new\nline\n\nand\r\nwindows line",
          "Tiếng Việt có dấu: đường, Đà Nẵng, người, ưu tiên, nghiêng.",
          "e\u0301 (decomposed) và \u00e9 (composed)",
          "emoji 🍕🍕 👍🏽 👨‍👩‍👧 flags 🇻🇳",
          "digits 1 12 123 1234 12345 3.14159 1,000,000",
          "don't won't it's I'M we'LL they'Ve",
          "code: for (int i = 0; i < n; i++) { x += a[i]; }",
          "<s> a control token </s> in text",
          "<|begin_of_text|>Hi<|eot_id|> and <|end_of_text|>",
          "中文字符测试 and 日本語のテキスト",
          "  \n  \t  ",
          "Straße İstanbul ΣΟΦΙΑ",
          "ends with a space ");
}
