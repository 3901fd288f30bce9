package io.quantlens.eval.llm.tokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Token pieces by id and ids by piece; a piece listed twice maps to its last id, as llama.cpp. */
final class Vocab {
  private final String[] pieces;
  private final Map<String, Integer> ids;

  Vocab(List<String> pieces) {
    this.pieces = pieces.toArray(new String[0]);
    this.ids = new HashMap<>(pieces.size() * 2);
    for (int id = 0; id < this.pieces.length; id++) {
      ids.put(this.pieces[id], id);
    }
  }

  int size() {
    return pieces.length;
  }

  String piece(int id) {
    return pieces[id];
  }

  /** The id of {@code piece}, or -1. */
  int id(String piece) {
    Integer id = ids.get(piece);
    return id == null ? -1 : id;
  }

  /** The ids of the byte tokens {@code <0x00>} … {@code <0xFF>}, -1 where one is missing. */
  int[] hexByteIds() {
    int[] out = new int[256];
    for (int b = 0; b < 256; b++) {
      out[b] = id(String.format("<0x%02X>", b));
    }
    return out;
  }
}
