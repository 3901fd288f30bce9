package io.quantlens.eval.llm.tokens;

import java.util.Arrays;

/**
 * The ranked merges of a BPE vocabulary: (left id, right id) to (rank, merged id), in an
 * open-addressing table of primitives so a lookup allocates nothing.
 */
final class PairTable {
  private final long[] pairs;
  private final int[] ranks;
  private final int[] merged;
  private final int mask;

  PairTable(int capacity) {
    int slots = Integer.highestOneBit(Math.max(4, capacity) * 2) * 2;
    pairs = new long[slots];
    Arrays.fill(pairs, -1L);
    ranks = new int[slots];
    merged = new int[slots];
    mask = slots - 1;
  }

  private static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFF_FFFFL);
  }

  private int slot(long pair) {
    long h = pair * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }

  /** Adds a merge unless the pair already has a lower rank (the first listed wins, as in HF). */
  void put(int left, int right, int rank, int mergedId) {
    long key = pair(left, right);
    int i = slot(key);
    while (pairs[i] != -1L) {
      if (pairs[i] == key) {
        return;
      }
      i = (i + 1) & mask;
    }
    pairs[i] = key;
    ranks[i] = rank;
    merged[i] = mergedId;
  }

  /** The slot of the pair, or -1 when the two ids do not merge. */
  int find(int left, int right) {
    if (left < 0 || right < 0) {
      return -1;
    }
    long key = pair(left, right);
    int i = slot(key);
    while (pairs[i] != -1L) {
      if (pairs[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  int rank(int slot) {
    return ranks[slot];
  }

  int merged(int slot) {
    return merged[slot];
  }
}
