package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.NoSuchElementException;

/** The analysis of one layer's weight tensor under several schemes, in the order requested. */
public record LayerAnalysis(Layer layer, WeightSummary weights, List<QuantResult> results) {
  public LayerAnalysis {
    results = List.copyOf(results);
  }

  public QuantResult result(Scheme scheme) {
    return results.stream()
        .filter(r -> r.scheme().equals(scheme))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(scheme + " was not analysed"));
  }
}
