package io.quantlens.eval.llm.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
          "<|fim_prefix|>def f(<|fim_suffix|>):<|fim_middle|> <tool_call>x</tool_call> <|fim_pad|>",
          "<|user|>  Hi<|end|>\n<|assistant|> ok </s>  <|endoftext|>  x <s> \t y<|im_end|>",
          "中文字符测试 and 日本語のテキスト",
          "  \n  \t  ",
          "Straße İstanbul ΣΟΦΙΑ",
          "ends with a space ");

  private static final String[] PIECES = {
    "the",
    "The",
    "quantization",
    "model",
    "Tiếng",
    "Việt",
    "người",
    "đường",
    "nghiêng",
    "ưu",
    "Đà",
    "Nẵng",
    "hỏi",
    "ngã",
    "123",
    "4",
    "56789",
    "3.14",
    "1,000",
    "🍕",
    "👍🏽",
    "👨‍👩‍👧",
    "🇻🇳",
    "中文",
    "日本語",
    "한국어",
    "Straße",
    "ΣΟΦΙΑ",
    "'s",
    "'LL",
    "'ve",
    "n't",
    " ",
    "  ",
    "   ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\u00a0",
    "\u3000",
    ".",
    ",",
    "!?",
    "...",
    "--",
    "(x)",
    "{}",
    "<s>",
    "</s>",
    "<unk>",
    "<|begin_of_text|>",
    "<|eot_id|>",
    "<0x41>",
    "▁",
    "e\u0301",
    "$",
    "#",
    "@",
  };

  /**
   * {@code count} texts of 1 to 24 pieces drawn from words of several scripts, digits, emoji,
   * whitespace of every kind, punctuation and special-token strings, from a fixed seed.
   */
  static List<String> random(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int n = 1 + random.nextInt(24);
      for (int j = 0; j < n; j++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextInt(3) == 0) {
          text.append(' ');
        }
      }
      out.add(text.toString());
    }
    return out;
  }

  /** The fixed texts and 300 random ones. */
  static List<String> all() {
    List<String> out = new ArrayList<>(ALL);
    out.addAll(random(300, 19));
    return out;
  }
}
