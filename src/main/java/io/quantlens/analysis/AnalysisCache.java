package io.quantlens.analysis;

import io.quantlens.quant.Scheme;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results of one open model, per (tensor, scheme, bins), so toggling a layer's scheme re-sums
 * cached results instead of re-reading weights. Belongs to a single model: tensors are keyed by
 * name.
 */
public final class AnalysisCache {
  private record ResultKey(String tensor, String scheme, int bins) {}

  private record SummaryKey(String tensor, int bins) {}

  private final Map<ResultKey, QuantResult> results = new ConcurrentHashMap<>();
  private final Map<SummaryKey, WeightSummary> summaries = new ConcurrentHashMap<>();

  public Optional<QuantResult> result(String tensor, Scheme scheme, int bins) {
    return Optional.ofNullable(results.get(new ResultKey(tensor, scheme.id(), bins)));
  }

  public void put(String tensor, int bins, QuantResult result) {
    results.put(new ResultKey(tensor, result.scheme().id(), bins), result);
  }

  public Optional<WeightSummary> summary(String tensor, int bins) {
    return Optional.ofNullable(summaries.get(new SummaryKey(tensor, bins)));
  }

  public void put(String tensor, int bins, WeightSummary summary) {
    summaries.put(new SummaryKey(tensor, bins), summary);
  }

  public int size() {
    return results.size();
  }
}
