package io.quantlens.samples.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code BertPreTokenizer}: splits normalized text on whitespace (dropped) and makes every
 * punctuation character (see {@link CharClasses#isPunctuation}) a word of its own.
 */
final class BertPreTokenizer {
  private BertPreTokenizer() {}

  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (CharClasses.isWhitespace(c)) {
                flush(word, words);
              } else if (CharClasses.isPunctuation(c)) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
              } else {
                word.appendCodePoint(c);
              }
            });
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }
}
