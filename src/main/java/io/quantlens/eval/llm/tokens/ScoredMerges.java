package io.quantlens.eval.llm.tokens;

import java.nio.charset.StandardCharsets;

/**
 * SentencePiece-style merging by score, as llama.cpp's {@code llm_tokenizer_spm_session}
 * (src/llama-vocab.cpp, lines 115-239 of the pinned sources): the text starts as one symbol per
 * code point; every adjacent pair whose concatenation is a token goes into a queue ordered by that
 * token's score (highest first, then leftmost); the best pair is merged and its new neighbours
 * queued, until no pair forms a token. A final symbol that is no token is emitted as its UTF-8
 * bytes' {@code <0xXX>} tokens.
 */
final class ScoredMerges {
  private final Vocab vocab;
  private final float[] scores;
  private final int[] byteIds;
  private final int unknownId;

  ScoredMerges(Vocab vocab, float[] scores, int[] byteIds, int unknownId) {
    this.vocab = vocab;
    this.scores = scores;
    this.byteIds = byteIds;
    this.unknownId = unknownId;
  }

  void encode(String text, TokenIds out) {
    int n = text.codePointCount(0, text.length());
    int[] start = new int[n];
    int[] len = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0, offset = 0; i < n; i++) {
      int chars = Character.charCount(text.codePointAt(offset));
      start[i] = offset;
      len[i] = chars;
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
      offset += chars;
    }
    MergeQueue queue = new MergeQueue();
    for (int i = 1; i < n; i++) {
      tryPair(text, start, len, i - 1, i, queue);
    }
    while (!queue.isEmpty()) {
      long key = queue.topKey();
      long payload = queue.topPayload();
      queue.pop();
      int left = MergeQueue.left(key);
      int right = (int) (payload >>> 32);
      int size = (int) payload;
      if (len[left] == 0 || len[right] == 0 || len[left] + len[right] != size) {
        continue;
      }
      len[left] += len[right];
      len[right] = 0;
      next[left] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = left;
      }
      tryPair(text, start, len, prev[left], left, queue);
      tryPair(text, start, len, left, next[left], queue);
    }
    for (int i = n == 0 ? -1 : 0; i != -1; i = next[i]) {
      String piece = text.substring(start[i], start[i] + len[i]);
      int id = vocab.id(piece);
      if (id >= 0) {
        out.add(id);
      } else {
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
          int byteId = byteIds[b & 0xFF];
          out.add(byteId >= 0 ? byteId : unknownId);
        }
      }
    }
  }

  private void tryPair(String text, int[] start, int[] len, int left, int right, MergeQueue q) {
    if (left < 0 || right < 0) {
      return;
    }
    int size = len[left] + len[right];
    int id = vocab.id(text.substring(start[left], start[left] + size));
    if (id < 0) {
      return;
    }
    q.push(MergeQueue.key(descending(scores[id]), left), ((long) right << 32) | size);
  }

  /** An int that orders floats from highest to lowest. */
  private static int descending(float score) {
    int bits = Float.floatToIntBits(score);
    return ~(bits ^ ((bits >> 31) & 0x7FFF_FFFF));
  }
}
