package io.quantlens.analysis.compare;

import io.quantlens.model.Layer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An artifact compared with its original, layer by layer.
 *
 * @param file the artifact
 * @param format its format, as its reader names it
 * @param fileBytes the bytes of every file the artifact reads (external data, shards, .bin)
 * @param weightBytes bytes of every tensor the artifact stores
 * @param layers the matched layers, in the artifact's order
 * @param unmatchedArtifact artifact layers found nowhere in the original
 * @param unmatchedOriginal original layers the artifact has nothing of
 * @param preset the preset whose predictions are beside each layer, if any
 */
public record ArtifactComparison(
    Path file,
    String format,
    long fileBytes,
    long weightBytes,
    List<LayerComparison> layers,
    List<Layer> unmatchedArtifact,
    List<Layer> unmatchedOriginal,
    Optional<String> preset) {
  public ArtifactComparison {
    layers = List.copyOf(layers);
    unmatchedArtifact = List.copyOf(unmatchedArtifact);
    unmatchedOriginal = List.copyOf(unmatchedOriginal);
  }

  /** SQNR over every matched weight: 10·log10(Σx² / Σ(x−x̂)²). */
  public double sqnrDb() {
    double signal = 0;
    double noise = 0;
    for (LayerComparison l : layers) {
      signal += l.stats().meanSquare() * l.stats().count();
      noise += l.stats().mse() * l.stats().count();
    }
    return io.quantlens.quant.ErrorStats.sqnrDb(signal, noise);
  }

  /** Mean bits per weight over the matched layers, weighted by their weights. */
  public double meanBitsPerWeight() {
    double bits = 0;
    long weights = 0;
    for (LayerComparison l : layers) {
      bits += l.bitsPerWeight() * l.stats().count();
      weights += l.stats().count();
    }
    return weights == 0 ? Double.NaN : bits / weights;
  }

  /** Layers whose stored form differs from the preset's prediction. */
  public long disagreements() {
    return layers.stream()
        .filter(l -> l.prediction().flatMap(Prediction::agrees).map(a -> !a).orElse(false))
        .count();
  }
}
