package io.quantlens.eval.llm.tokens;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits text at special tokens as llama.cpp's {@code tokenizer_st_partition} (src/llama-vocab.cpp,
 * lines 3250-3340 of the pinned sources): longest token first, each one splitting every raw
 * fragment left to right at its occurrences.
 */
final class SpecialTokens {
  private final List<SpecialToken> byLength;
  private final Map<Character, List<SpecialToken>> byFirstChar = new HashMap<>();

  SpecialTokens(List<SpecialToken> tokens) {
    List<SpecialToken> sorted = new ArrayList<>();
    for (SpecialToken t : tokens) {
      if (!t.text().isEmpty()) {
        sorted.add(t);
      }
    }
    sorted.sort(Comparator.comparingInt((SpecialToken t) -> -t.text().length()));
    byLength = List.copyOf(sorted);
    for (SpecialToken t : byLength) {
      byFirstChar.computeIfAbsent(t.text().charAt(0), c -> new ArrayList<>()).add(t);
    }
  }

  List<Fragment> split(String text, boolean parseSpecial) {
    List<Fragment> fragments = new ArrayList<>();
    if (text.isEmpty()) {
      return fragments;
    }
    fragments.add(Fragment.raw(text));
    for (SpecialToken token : present(text, parseSpecial)) {
      List<Fragment> next = new ArrayList<>(fragments.size() + 4);
      for (Fragment f : fragments) {
        if (f.isRaw()) {
          splitOne(f.text(), token, next);
        } else {
          next.add(f);
        }
      }
      fragments = next;
    }
    return fragments;
  }

  /** The tokens that occur in {@code text} at all, longest first: one scan, not one per token. */
  private List<SpecialToken> present(String text, boolean parseSpecial) {
    java.util.Set<SpecialToken> seen = new java.util.HashSet<>();
    for (int i = 0; i < text.length(); i++) {
      List<SpecialToken> candidates = byFirstChar.get(text.charAt(i));
      if (candidates != null) {
        for (SpecialToken t : candidates) {
          if ((parseSpecial || !t.control()) && text.startsWith(t.text(), i)) {
            seen.add(t);
          }
        }
      }
    }
    List<SpecialToken> out = new ArrayList<>(seen.size());
    for (SpecialToken t : byLength) {
      if (seen.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** C's isspace, as llama.cpp strips: space, \\t, \\n, \\v, \\f, \\r. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static void splitOne(String text, SpecialToken token, List<Fragment> out) {
    int from = 0;
    int end = text.length();
    while (from < end) {
      int match = text.indexOf(token.text(), from);
      if (match < 0) {
        break;
      }
      int leftEnd = match;
      if (token.lstrip()) {
        while (leftEnd > from && isSpace(text.charAt(leftEnd - 1))) {
          leftEnd--;
        }
      }
      if (leftEnd > from) {
        out.add(Fragment.raw(text.substring(from, leftEnd)));
      }
      out.add(Fragment.token(token.id()));
      from = match + token.text().length();
      if (token.rstrip()) {
        while (from < end && isSpace(text.charAt(from))) {
          from++;
        }
      }
    }
    if (from < end) {
      out.add(Fragment.raw(text.substring(from)));
    }
  }
}
