package io.quantlens.eval.llm.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words before BPE: each regular expression in turn splits every piece the
 * previous one left into its matches and the text between them, as llama.cpp's {@code
 * unicode_regex_split} and HF's {@code Split} pre-tokenizer with behaviour "Isolated" do.
 */
final class PreTokenizer {
  /** GPT-2's expression (src/llama-vocab.cpp lines 372-381 of the pinned sources). */
  static final String GPT2 =
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";

  /** HF's ByteLevel pre-tokenizer expression: GPT-2's with a final {@code \\s+}. */
  static final String BYTE_LEVEL = GPT2 + "|\\s+";

  /** Llama 3's expression, contractions spelt out case-insensitively (lines 284-291). */
  static final String LLAMA3 =
      "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
          + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  /** Qwen2's: Llama 3's with single digits (lines 383-390). */
  static final String QWEN2 =
      "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
          + "|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  /** llama.cpp's default for a BPE vocabulary without a known pre-tokenizer (lines 561-568). */
  static final List<String> DEFAULT =
      List.of(
          "[\\p{P}\\$\\+<=>\\^~\\|]+",
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)",
          "\\p{N}+",
          "[0-9][0-9][0-9]");

  private final List<Pattern> patterns;

  PreTokenizer(List<String> expressions) {
    List<Pattern> compiled = new ArrayList<>();
    for (String e : expressions) {
      // \s and \S as Unicode White_Space, as llama.cpp's and HF's (Oniguruma) engines read them.
      compiled.add(Pattern.compile(e, Pattern.UNICODE_CHARACTER_CLASS));
    }
    patterns = List.copyOf(compiled);
  }

  /**
   * The expressions llama.cpp uses for {@code tokenizer.ggml.pre} (src/llama-vocab.cpp lines
   * 2168-2262 map the names to types), or empty for a name QuantLens does not support.
   */
  static Optional<PreTokenizer> forGgufName(String pre) {
    return switch (pre) {
      case "", "default" -> Optional.of(new PreTokenizer(DEFAULT));
      case "llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral" ->
          Optional.of(new PreTokenizer(List.of(LLAMA3)));
      case "qwen2", "deepseek-r1-qwen", "stablelm2", "megrez" ->
          Optional.of(new PreTokenizer(List.of(QWEN2)));
      case "gpt-2", "phi-2", "mpt", "olmo", "jais" -> Optional.of(new PreTokenizer(List.of(GPT2)));
      default -> Optional.empty();
    };
  }

  /** True for the names llama.cpp gives Llama 3's type, which also ignores merges for a word. */
  static boolean isLlama3(String pre) {
    return switch (pre) {
      case "llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral" -> true;
      default -> false;
    };
  }

  List<String> split(String text) {
    List<String> pieces = List.of(text);
    for (Pattern p : patterns) {
      List<String> next = new ArrayList<>();
      for (String piece : pieces) {
        splitOne(p, piece, next);
      }
      pieces = next;
    }
    return pieces;
  }

  private static void splitOne(Pattern pattern, String text, List<String> out) {
    Matcher m = pattern.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() == m.end()) {
        continue;
      }
      if (m.start() > last) {
        out.add(text.substring(last, m.start()));
      }
      out.add(text.substring(m.start(), m.end()));
      last = m.end();
    }
    if (last < text.length()) {
      out.add(text.substring(last));
    }
  }
}
