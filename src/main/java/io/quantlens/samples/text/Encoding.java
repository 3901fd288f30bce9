package io.quantlens.samples.text;

/**
 * One tokenized text, unpadded: token ids, attention mask (1 for every token) and token type ids,
 * all of the same length. The arrays are not copied; treat them as read-only.
 */
public record Encoding(long[] ids, long[] attentionMask, long[] typeIds) {
  public Encoding {
    if (attentionMask.length != ids.length || typeIds.length != ids.length) {
      throw new IllegalArgumentException(
          "ids, attention mask and type ids differ in length: "
              + ids.length
              + ", "
              + attentionMask.length
              + ", "
              + typeIds.length);
    }
  }

  public int length() {
    return ids.length;
  }
}
