package io.quantlens.analysis.compare;

import io.quantlens.model.Layer;
import java.util.List;

/**
 * The artifact's layers matched with the original's.
 *
 * @param pairs matched layers, in the artifact's order
 * @param unmatchedArtifact artifact layers found nowhere in the original
 * @param unmatchedOriginal original layers no artifact layer was made from
 */
public record Pairings(
    List<LayerPairing> pairs, List<Layer> unmatchedArtifact, List<Layer> unmatchedOriginal) {
  public Pairings {
    pairs = List.copyOf(pairs);
    unmatchedArtifact = List.copyOf(unmatchedArtifact);
    unmatchedOriginal = List.copyOf(unmatchedOriginal);
  }
}
