package io.quantlens.analysis;

import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.List;

/** Every layer of a model analysed under the same schemes. */
public record ModelAnalysis(
    Model model, List<Scheme> schemes, int bins, List<LayerAnalysis> layers) {
  public ModelAnalysis {
    schemes = List.copyOf(schemes);
    layers = List.copyOf(layers);
  }

  /** Weight-schemes analysed: weights × schemes. */
  public long weightSchemes() {
    return layers.stream().mapToLong(l -> l.weights().count()).sum() * schemes.size();
  }
}
