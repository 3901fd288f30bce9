package io.quantlens.analysis.compare;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Scheme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Compares artifacts with their original: matches the layers, streams both sides' weights, and puts
 * a preset's prediction beside each layer (docs/compare.md).
 */
public final class Comparer {
  private final Model original;
  private final AnalysisCache cache;
  private final int threads;

  /**
   * @param cache the original's analysis cache, which the predictions fill and reuse
   * @param threads workers for the weight streams; results do not depend on it
   */
  public Comparer(Model original, AnalysisCache cache, int threads) {
    this.original = original;
    this.cache = cache;
    this.threads = threads;
  }

  /**
   * Compares one artifact.
   *
   * @param preset the preset to predict each layer with, or empty for none
   * @param cancelled polled between chunks; when it turns true the comparison stops with a {@link
   *     java.util.concurrent.CancellationException}
   */
  public ArtifactComparison compare(
      Model artifact,
      Pairings pairings,
      Optional<PlanPreset> preset,
      AnalysisProgress progress,
      BooleanSupplier cancelled)
      throws InterruptedException {
    Map<String, Prediction> predictions = new HashMap<>();
    if (preset.isPresent()) {
      predictions = predictions(preset.get().planFor(original), pairings, cancelled);
    }
    StoredForms forms = new StoredForms(artifact);
    List<PairingErrors> streams = pairings.pairs().stream().map(PairingErrors::new).toList();
    long total = streams.stream().mapToLong(PairingErrors::weights).sum();
    AtomicLong done = new AtomicLong();
    List<LayerComparison> layers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, Comparer::daemon);
    try {
      for (int i = 0; i < streams.size(); i++) {
        LayerPairing pairing = pairings.pairs().get(i);
        ErrorStats stats =
            streams.get(i).measure(pool, cancelled, n -> progress.update(done.addAndGet(n), total));
        Layer layer = pairing.artifact();
        layers.add(
            new LayerComparison(
                pairing,
                StoredForms.label(layer),
                forms.bitsPerWeight(layer),
                stats,
                Optional.ofNullable(predictions.get(layer.name()))));
      }
    } finally {
      pool.shutdownNow();
    }
    return new ArtifactComparison(
        artifact.source(),
        artifact.metadata().format(),
        fileBytes(artifact),
        artifact.initializers().stream().mapToLong(Tensor::storedBytes).sum(),
        layers,
        pairings.unmatchedArtifact(),
        pairings.unmatchedOriginal(),
        preset.map(PlanPreset::id));
  }

  /**
   * The plan's scheme for each pairing's original layers and its SQNR there: over a joined pairing,
   * the components' sums added; a sliced pairing gets its whole fused matrix's figure.
   */
  private Map<String, Prediction> predictions(
      PrecisionPlan plan, Pairings pairings, BooleanSupplier cancelled)
      throws InterruptedException {
    Set<Scheme> schemes = new LinkedHashSet<>();
    for (LayerPairing p : pairings.pairs()) {
      p.original().forEach(s -> schemes.add(plan.schemeFor(s.layer().name())));
    }
    AnalysisOptions options =
        new AnalysisOptions(List.copyOf(schemes), AnalysisOptions.DEFAULT_BINS, threads);
    ModelAnalysis analysis =
        new Analyzer(cache).analyze(original, options, AnalysisProgress.NONE, cancelled);
    Map<String, LayerAnalysis> byLayer = new HashMap<>();
    analysis.layers().forEach(l -> byLayer.putIfAbsent(l.layer().name(), l));
    Map<String, Prediction> predictions = new HashMap<>();
    for (LayerPairing p : pairings.pairs()) {
      Scheme scheme = plan.schemeFor(p.original().get(0).layer().name());
      double signal = 0;
      double noise = 0;
      Set<String> seen = new java.util.HashSet<>();
      for (ChannelSlice s : p.original()) {
        if (!seen.add(s.layer().name())) {
          continue;
        }
        ErrorStats stats = byLayer.get(s.layer().name()).result(scheme).stats();
        signal += stats.meanSquare() * stats.count();
        noise += stats.mse() * stats.count();
      }
      predictions.put(
          p.artifact().name(),
          new Prediction(
              scheme, ErrorStats.sqnrDb(signal, noise), StoredForms.agrees(scheme, p.artifact())));
    }
    return predictions;
  }

  private static long fileBytes(Model model) {
    try {
      return model.fileBytes();
    } catch (IOException e) {
      return -1;
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "quantlens-compare");
    t.setDaemon(true);
    return t;
  }
}
