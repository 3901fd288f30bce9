package io.quantlens.analysis.compare;

import io.quantlens.model.Layer;
import java.util.List;

/**
 * An artifact's layer and the original weights it was made from: one or more channel slices of the
 * original's layers, joined along the output channels in order.
 *
 * @param artifact the artifact's layer
 * @param original the slices, whose channels add up to the artifact's
 * @param order which original channel each artifact channel holds
 * @param how how the two were matched
 */
public record LayerPairing(
    Layer artifact, List<ChannelSlice> original, ChannelOrder order, Match how) {

  /** How an artifact layer was found in the original. */
  public enum Match {
    /** The same layer name in both files. */
    SAME_NAME,
    /** Names in different conventions for the same block and part ({@code blk.3.attn_q}). */
    SAME_PLACE,
    /** A fused artifact matrix joined from the original's separate ones (q, k, v → qkv). */
    JOINED,
    /** One part of a fused original matrix (qkv → q). */
    SLICED,
    /** The artifact's output head, which the original ties to its token embedding. */
    TIED_EMBEDDING,
    /** As the user's mapping file says. */
    MAPPING
  }

  public LayerPairing {
    original = List.copyOf(original);
  }

  /** The original side as text, e.g. {@code q_proj+k_proj+v_proj}. */
  public String originalText() {
    StringBuilder s = new StringBuilder();
    for (ChannelSlice slice : original) {
      s.append(s.isEmpty() ? "" : "+").append(slice);
    }
    return s.toString();
  }
}
