package io.quantlens.samples.text;

import java.util.Arrays;

/** A growable list of token ids. */
final class IdList {
  private long[] ids = new long[32];
  private int size;

  void add(long id) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    ids[size++] = id;
  }

  void addAll(long[] more) {
    for (long id : more) {
      add(id);
    }
  }

  int size() {
    return size;
  }

  void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException(newSize);
    }
    size = newSize;
  }

  long[] toArray() {
    return Arrays.copyOf(ids, size);
  }
}
