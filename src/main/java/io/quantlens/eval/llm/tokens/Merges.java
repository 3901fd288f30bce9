package io.quantlens.eval.llm.tokens;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.List;

/** Builds the ranked pair table from "left right" merge lines, refusing unknown tokens. */
final class Merges {
  private Merges() {}

  static PairTable table(Path file, String key, List<String> merges, Vocab vocab)
      throws ModelFormatException {
    PairTable table = new PairTable(merges.size());
    for (int rank = 0; rank < merges.size(); rank++) {
      String line = merges.get(rank);
      // As llama.cpp: split at the first space after the first character.
      int space = line.indexOf(' ', 1);
      if (space < 0) {
        throw new ModelFormatException(
            file, key + "[" + rank + "] '" + line + "' is not two tokens separated by a space");
      }
      add(file, key, rank, line.substring(0, space), line.substring(space + 1), vocab, table);
    }
    return table;
  }

  static void add(
      Path file, String key, int rank, String left, String right, Vocab vocab, PairTable table)
      throws ModelFormatException {
    int l = vocab.id(left);
    int r = vocab.id(right);
    int merged = vocab.id(left + right);
    if (l < 0 || r < 0 || merged < 0) {
      String missing = l < 0 ? left : r < 0 ? right : left + right;
      throw new ModelFormatException(
          file,
          key
              + "["
              + rank
              + "] '"
              + left
              + " "
              + right
              + "' refers to '"
              + missing
              + "', which is not in the vocabulary");
    }
    table.put(l, r, rank, merged);
  }
}
