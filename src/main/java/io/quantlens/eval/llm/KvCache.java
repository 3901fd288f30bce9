package io.quantlens.eval.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys (after RoPE) and values of every position seen so far, per block: {@code 2 · layers ·
 * positions · kvWidth} floats.
 */
final class KvCache {
  private final List<List<float[]>> keys = new ArrayList<>();
  private final List<List<float[]>> values = new ArrayList<>();

  KvCache(int layers) {
    for (int i = 0; i < layers; i++) {
      keys.add(new ArrayList<>());
      values.add(new ArrayList<>());
    }
  }

  void append(int layer, float[] key, float[] value) {
    keys.get(layer).add(key);
    values.get(layer).add(value);
  }

  float[] key(int layer, int position) {
    return keys.get(layer).get(position);
  }

  float[] value(int layer, int position) {
    return values.get(layer).get(position);
  }

  void clear() {
    keys.forEach(List::clear);
    values.forEach(List::clear);
  }
}
