package io.quantlens.analysis.compare;

import io.quantlens.model.RopeRows;

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
   * The row order {@link RopeRows} describes, between a {@code llama} GGUF file and a Hugging Face
   * one.
   *
   * @param headRows rows per head
   * @param artifactIsGguf true when the artifact holds the GGUF order and the original the Hugging
   *     Face one; false for the other way round
   */
  static ChannelOrder ropePairs(long headRows, boolean artifactIsGguf) {
    return new ChannelOrder() {
      @Override
      public long original(long c) {
        return artifactIsGguf
            ? RopeRows.huggingFaceRow(c, headRows)
            : RopeRows.ggufRow(c, headRows);
      }

      @Override
      public String toString() {
        return "rope pairs of " + headRows;
      }
    };
  }
}
