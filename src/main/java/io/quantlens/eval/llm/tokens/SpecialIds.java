package io.quantlens.eval.llm.tokens;

/**
 * What {@code addSpecial} adds around the text, and which tokens decode to nothing.
 *
 * @param prefix ids put before the text (the beginning-of-sequence token)
 * @param suffix ids put after it (the end-of-sequence token)
 * @param silent by id, true for a token that decodes to no text (control tokens)
 */
record SpecialIds(int[] prefix, int[] suffix, boolean[] silent) {
  SpecialIds {
    prefix = prefix.clone();
    suffix = suffix.clone();
    silent = silent.clone();
  }

  void addPrefix(TokenIds out) {
    for (int id : prefix) {
      out.add(id);
    }
  }

  void addSuffix(TokenIds out) {
    for (int id : suffix) {
      out.add(id);
    }
  }

  boolean isSilent(int id) {
    return silent[id];
  }
}
