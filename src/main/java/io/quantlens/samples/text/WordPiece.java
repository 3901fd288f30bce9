package io.quantlens.samples.text;

import java.util.Map;
import java.util.Optional;

/**
 * The WordPiece model: each word becomes the longest vocabulary entry that starts it, then the
 * longest {@code ##}-prefixed entry that continues it, and so on; a word that cannot be covered, or
 * is longer than {@code maxInputCharsPerWord} code points, becomes the unknown token.
 */
final class WordPiece {
  private final Map<String, Integer> vocab;
  private final int unkId;
  private final String prefix;
  private final int maxInputCharsPerWord;

  WordPiece(Map<String, Integer> vocab, String unkToken, String prefix, int maxInputCharsPerWord) {
    this.vocab = Map.copyOf(vocab);
    Integer unk = vocab.get(unkToken);
    if (unk == null) {
      throw new IllegalArgumentException("unk_token " + unkToken + " is not in the vocabulary");
    }
    this.unkId = unk;
    this.prefix = prefix;
    this.maxInputCharsPerWord = maxInputCharsPerWord;
  }

  Optional<Integer> id(String token) {
    return Optional.ofNullable(vocab.get(token));
  }

  int vocabSize() {
    return vocab.size();
  }

  /** Appends the ids of {@code word}'s pieces to {@code out}. */
  void tokenize(String word, IdList out) {
    int[] cps = word.codePoints().toArray();
    if (cps.length > maxInputCharsPerWord) {
      out.add(unkId);
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < cps.length) {
      int end = cps.length;
      Integer found = null;
      while (start < end) {
        String piece = new String(cps, start, end - start);
        found = vocab.get(start > 0 ? prefix + piece : piece);
        if (found != null) {
          break;
        }
        end--;
      }
      if (found == null) {
        out.truncate(mark);
        out.add(unkId);
        return;
      }
      out.add(found);
      start = end;
    }
  }
}
