package io.quantlens.eval.llm.tokens;

/**
 * A binary min-heap of candidate merges: a {@code long} key (priority in the high half, the left
 * symbol's index in the low half, so ties go to the leftmost pair as llama.cpp's and HF's queues
 * break them) and a {@code long} payload. Primitive arrays, so a merge costs no allocation.
 */
final class MergeQueue {
  private long[] keys = new long[64];
  private long[] payloads = new long[64];
  private int size;

  static long key(int priority, int left) {
    return ((long) priority << 32) | (left & 0xFFFF_FFFFL);
  }

  static int left(long key) {
    return (int) key;
  }

  static int priority(long key) {
    return (int) (key >> 32);
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  void push(long key, long payload) {
    if (size == keys.length) {
      keys = java.util.Arrays.copyOf(keys, size * 2);
      payloads = java.util.Arrays.copyOf(payloads, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[i] = keys[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    keys[i] = key;
    payloads[i] = payload;
  }

  long topKey() {
    return keys[0];
  }

  long topPayload() {
    return payloads[0];
  }

  void pop() {
    size--;
    if (size == 0) {
      return;
    }
    long key = keys[size];
    long payload = payloads[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && keys[child + 1] < keys[child]) {
        child++;
      }
      if (keys[child] >= key) {
        break;
      }
      keys[i] = keys[child];
      payloads[i] = payloads[child];
      i = child;
    }
    keys[i] = key;
    payloads[i] = payload;
  }
}
