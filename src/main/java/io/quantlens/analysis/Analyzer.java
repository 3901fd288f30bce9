package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Analyses every layer's weights under a set of schemes on a pool of worker threads, reusing and
 * filling an {@link AnalysisCache}.
 */
public final class Analyzer {
  private final AnalysisCache cache;

  public Analyzer(AnalysisCache cache) {
    this.cache = cache;
  }

  /**
   * Runs the analysis; blocks until done.
   *
   * @param cancelled polled before each block of work; when it turns true the analysis stops with a
   *     {@link CancellationException}
   */
  public ModelAnalysis analyze(
      Model model, AnalysisOptions options, AnalysisProgress progress, BooleanSupplier cancelled)
      throws InterruptedException {
    Map<String, Layer> byTensor = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      byTensor.putIfAbsent(layer.weight().name(), layer);
    }
    AtomicLong done = new AtomicLong();
    long total = 0;
    List<TensorJob> jobs = new ArrayList<>();
    for (Layer layer : byTensor.values()) {
      TensorJob job = job(layer, options, done, progress, cancelled);
      jobs.add(job);
      total += job.pendingWeights();
    }
    long grandTotal = total;
    jobs.forEach(j -> j.total = grandTotal);

    ForkJoinPool pool = new ForkJoinPool(options.threads());
    try {
      pool.submit(() -> ForkJoinTask.invokeAll(jobs.stream().map(TensorJob::task).toList())).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof RuntimeException
          && cause.getCause() != null
          && !(cause instanceof CancellationException)
          && !(cause instanceof IllegalArgumentException)) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      pool.shutdownNow();
      throw e;
    } finally {
      pool.shutdown();
    }

    List<LayerAnalysis> layers = new ArrayList<>();
    for (Layer layer : model.layers()) {
      String tensor = layer.weight().name();
      WeightSummary summary = cache.summary(tensor, options.bins()).orElseThrow();
      List<QuantResult> results = new ArrayList<>();
      for (Scheme scheme : options.schemes()) {
        results.add(cache.result(tensor, scheme, options.bins()).orElseThrow());
      }
      layers.add(new LayerAnalysis(layer, summary, results));
    }
    return new ModelAnalysis(model, options.schemes(), options.bins(), layers);
  }

  private TensorJob job(
      Layer layer,
      AnalysisOptions options,
      AtomicLong done,
      AnalysisProgress progress,
      BooleanSupplier cancelled) {
    String tensor = layer.weight().name();
    int bins = options.bins();
    List<Scheme> missing =
        options.schemes().stream().filter(s -> cache.result(tensor, s, bins).isEmpty()).toList();
    WeightSummary known = cache.summary(tensor, bins).orElse(null);
    TensorJob job = new TensorJob();
    TensorAnalyzer.UnitGuard guard =
        new TensorAnalyzer.UnitGuard() {
          @Override
          public void beforeUnit() {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
              throw new CancellationException("analysis cancelled");
            }
          }

          @Override
          public LongConsumer progress() {
            return n -> progress.update(done.addAndGet(n), job.total);
          }
        };
    if (missing.isEmpty() && known != null) {
      job.work = () -> {};
      return job;
    }
    List<Scheme> toRun = missing.isEmpty() ? options.schemes() : missing;
    TensorAnalyzer analyzer =
        new TensorAnalyzer(layer.weight(), layer.channelAxis(), toRun, bins, guard);
    job.pending = analyzer.elements();
    job.work =
        () -> {
          TensorAnalyzer.LayerResults r = analyzer.run(known);
          cache.put(tensor, bins, r.summary());
          r.results().forEach(q -> cache.put(tensor, bins, q));
        };
    return job;
  }

  /** One tensor's pending work. */
  private static final class TensorJob {
    Runnable work;
    long pending;
    volatile long total;

    long pendingWeights() {
      return pending;
    }

    ForkJoinTask<?> task() {
      return ForkJoinTask.adapt(work);
    }
  }
}
