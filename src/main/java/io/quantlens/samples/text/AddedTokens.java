package io.quantlens.samples.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The added tokens ({@code [CLS]}, {@code [SEP]}, …) found in raw text before normalization: at
 * each position the longest matching token wins, and the text between matches is tokenized
 * normally.
 */
final class AddedTokens {
  /** A piece of the input: plain text, or an added token's id. */
  record Segment(String text, long tokenId) {
    static final long TEXT = -1;

    boolean isToken() {
      return tokenId != TEXT;
    }
  }

  private final Map<String, Long> tokens;

  AddedTokens(Map<String, Long> tokens) {
    this.tokens = new TreeMap<>(tokens);
    if (this.tokens.containsKey("")) {
      throw new IllegalArgumentException("an added token is empty");
    }
  }

  List<Segment> split(String text) {
    List<Segment> segments = new ArrayList<>();
    int plainStart = 0;
    int i = 0;
    while (i < text.length()) {
      String match = longestAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      if (i > plainStart) {
        segments.add(new Segment(text.substring(plainStart, i), Segment.TEXT));
      }
      segments.add(new Segment(match, tokens.get(match)));
      i += match.length();
      plainStart = i;
    }
    if (plainStart < text.length()) {
      segments.add(new Segment(text.substring(plainStart), Segment.TEXT));
    }
    return segments;
  }

  private String longestAt(String text, int offset) {
    String best = null;
    for (String token : tokens.keySet()) {
      if ((best == null || token.length() > best.length()) && text.startsWith(token, offset)) {
        best = token;
      }
    }
    return best;
  }
}
