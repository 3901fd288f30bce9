package io.quantlens.analysis.compare;

/**
 * Which original channel each artifact channel holds, when a converter reordered the rows of a
 * matrix.
 */
public interface ChannelOrder {
  ChannelOrder SAME = c -> c;

  /** The original channel that artifact channel {@code c} holds. */
  long original(long c);

  default boolean isSame() {
    return this == SAME;
  }

  /**
   * llama.cpp's converter for the {@code llama} architecture reorders the rows of {@code attn_q}
   * and {@code attn_k} inside each head for its rotary embedding: convert_hf_to_gguf.py {@code
   * LlamaModel.permute} reshapes the rows to (heads, 2, rows/heads/2) and swaps the last two axes.
   * Row 2i+j of a head in the GGUF file is row j·half+i of the Hugging Face head.
   *
   * @param headRows rows per head
   * @param artifactIsGguf true when the artifact holds the GGUF order and the original the Hugging
   *     Face one; false for the other way round
   */
  static ChannelOrder ropePairs(long headRows, boolean artifactIsGguf) {
    long half = headRows / 2;
    return new ChannelOrder() {
      @Override
      public long original(long c) {
        long head = c / headRows;
        long r = c % headRows;
        long within = artifactIsGguf ? (r % 2) * half + r / 2 : (r % half) * 2 + r / half;
        return head * headRows + within;
      }

      @Override
      public String toString() {
        return "rope pairs of " + headRows;
      }
    };
  }
}
