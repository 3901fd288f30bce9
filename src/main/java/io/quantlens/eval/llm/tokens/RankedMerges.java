package io.quantlens.eval.llm.tokens;

/**
 * BPE merging by rank, as llama.cpp's {@code llm_tokenizer_bpe_session::tokenize}
 * (src/llama-vocab.cpp, lines 616-703 of the pinned sources) and HF tokenizers' {@code
 * Word::merge_all} do: every adjacent pair listed in the merges goes into a queue ordered by rank
 * (lowest first, then leftmost); the best pair is merged and its new neighbours queued. Symbols are
 * token ids; an id below 0 is a symbol no merge involves.
 */
final class RankedMerges {
  private static final int GONE = Integer.MIN_VALUE;
  private final PairTable table;

  RankedMerges(PairTable table) {
    this.table = table;
  }

  /** Merges {@code ids[0..n)} and appends what is left, in order, to {@code out}. */
  void merge(int[] ids, int n, IdSink out) {
    int[] next = new int[n];
    int[] prev = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    MergeQueue queue = new MergeQueue();
    for (int i = 1; i < n; i++) {
      push(ids, i - 1, i, queue);
    }
    while (!queue.isEmpty()) {
      long key = queue.topKey();
      queue.pop();
      int left = MergeQueue.left(key);
      if (ids[left] == GONE) {
        continue;
      }
      int right = next[left];
      if (right < 0) {
        continue;
      }
      int slot = table.find(ids[left], ids[right]);
      // Ranks are unique per pair, so an unchanged rank means the same pair is still there.
      if (slot < 0 || table.rank(slot) != MergeQueue.priority(key)) {
        continue;
      }
      ids[left] = table.merged(slot);
      ids[right] = GONE;
      next[left] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = left;
      }
      push(ids, prev[left], left, queue);
      push(ids, left, next[left], queue);
    }
    for (int i = n == 0 ? -1 : 0; i != -1; i = next[i]) {
      out.accept(ids[i]);
    }
  }

  private void push(int[] ids, int left, int right, MergeQueue queue) {
    if (left < 0 || right < 0) {
      return;
    }
    int slot = table.find(ids[left], ids[right]);
    if (slot >= 0) {
      queue.push(MergeQueue.key(table.rank(slot), left), 0);
    }
  }

  /** Receives the id of each symbol left after merging, in order. */
  interface IdSink {
    void accept(int id);
  }
}
