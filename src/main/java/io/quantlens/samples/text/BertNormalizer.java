package io.quantlens.samples.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The {@code BertNormalizer} of HuggingFace tokenizers, applied in its order: clean the text (drop
 * NUL, U+FFFD and control characters, turn whitespace into spaces), put spaces around CJK
 * ideographs, strip accents (NFD, then drop non-spacing marks), lowercase.
 *
 * @param stripAccents already resolved: a {@code null} in the file means "same as lowercase"
 */
public record BertNormalizer(
    boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

  public String normalize(String text) {
    String s = text;
    if (cleanText) {
      s = clean(s);
    }
    if (handleChineseChars) {
      s = spaceChineseChars(s);
    }
    if (stripAccents) {
      s = stripAccents(s);
    }
    if (lowercase) {
      s = lowercase(s);
    }
    return s;
  }

  private static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
              }
              out.appendCodePoint(CharClasses.isWhitespace(c) ? ' ' : c);
            });
    return out.toString();
  }

  /**
   * Control (Cc), format (Cf) and private-use (Co) characters except tab, newline and carriage
   * return: the "other" of the {@code unicode_categories} crate HuggingFace uses, which leaves
   * unassigned code points (Cn) in. Lone surrogates, which a Rust string cannot hold, are dropped.
   */
  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  private static String spaceChineseChars(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (CharClasses.isChineseChar(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String stripAccents(String s) {
    String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length());
    nfd.codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /**
   * Lowercases each code point on its own with the full (possibly multi-character) mapping and no
   * context, as Rust's {@code char::to_lowercase} does: 'İ' becomes "i̇", and 'Σ' always 'σ'.
   */
  private static String lowercase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c < 0x80) {
                out.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
              } else {
                out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
              }
            });
    return out.toString();
  }
}
