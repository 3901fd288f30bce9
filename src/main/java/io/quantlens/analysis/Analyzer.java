package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Analyses every layer's weights under a set of schemes on a pool of worker threads, reusing and
 * filling an {@link AnalysisCache}. Tensors are processed in batches, each in three flat stages
 * (weight summaries, per-tensor parameters, units of channels), so workers never wait on each other
 * inside a stage and partial results of only one batch are held at a time.
 */
public final class Analyzer {
  /** Units per batch: enough to keep every worker busy, few enough to bound memory. */
  private static final int BATCH_UNITS = 512;

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
    int bins = options.bins();
    Map<String, Layer> byTensor = new LinkedHashMap<>();
    for (Layer layer : analysable(model)) {
      byTensor.putIfAbsent(layer.weight().name(), layer);
    }
    List<Job> jobs = new ArrayList<>();
    AtomicLong done = new AtomicLong();
    long[] total = {0};
    TensorAnalyzer.UnitGuard guard = guard(cancelled, progress, done, total);
    for (Layer layer : byTensor.values()) {
      String tensor = layer.weight().name();
      List<Scheme> missing =
          options.schemes().stream().filter(s -> cache.result(tensor, s, bins).isEmpty()).toList();
      WeightSummary known = cache.summary(tensor, bins).orElse(null);
      if (!missing.isEmpty() || known == null) {
        List<Scheme> toRun = missing.isEmpty() ? options.schemes() : missing;
        TensorAnalyzer analyzer =
            new TensorAnalyzer(layer.weight(), layer.channelAxis(), toRun, bins, guard);
        jobs.add(new Job(tensor, analyzer, known));
        total[0] += analyzer.elements();
      }
    }

    AtomicReference<Throwable> died = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> worker(r, died));
    try {
      for (List<Job> batch : batches(jobs)) {
        runBatch(pool, batch, bins, died);
      }
    } finally {
      pool.shutdownNow();
    }
    return collect(model, options);
  }

  private void runBatch(
      ExecutorService pool, List<Job> batch, int bins, AtomicReference<Throwable> died)
      throws InterruptedException {
    List<Job> unsummarised = batch.stream().filter(j -> j.known == null).toList();
    List<List<double[]>> moments =
        runAll(pool, unsummarised.stream().map(j -> j.analyzer.momentTasks()).toList(), died);
    for (int i = 0; i < unsummarised.size(); i++) {
      Job job = unsummarised.get(i);
      job.known = job.analyzer.summaryOf(moments.get(i));
    }
    List<Callable<TensorAnalyzer.Prepared>> prepare = new ArrayList<>();
    for (Job job : batch) {
      prepare.add(() -> job.analyzer.prepare(job.known));
    }
    List<TensorAnalyzer.Prepared> prepared = runAll(pool, List.of(prepare), died).get(0);
    List<List<Callable<TensorAnalyzer.UnitPartial>>> units = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      units.add(batch.get(i).analyzer.unitTasks(prepared.get(i)));
    }
    List<List<TensorAnalyzer.UnitPartial>> partials = runAll(pool, units, died);
    for (int i = 0; i < batch.size(); i++) {
      Job job = batch.get(i);
      TensorAnalyzer.LayerResults r = job.analyzer.finish(prepared.get(i), partials.get(i));
      cache.put(job.tensor, bins, r.summary());
      r.results().forEach(q -> cache.put(job.tensor, bins, q));
    }
  }

  /** Runs every task of every group on the pool; returns results grouped and ordered as given. */
  private static <T> List<List<T>> runAll(
      ExecutorService pool, List<List<Callable<T>>> groups, AtomicReference<Throwable> died)
      throws InterruptedException {
    List<Future<T>> futures = new ArrayList<>();
    groups.stream().flatMap(List::stream).forEach(task -> futures.add(pool.submit(task)));
    List<List<T>> results = new ArrayList<>();
    int next = 0;
    try {
      for (List<Callable<T>> group : groups) {
        List<T> groupResults = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
          groupResults.add(await(futures.get(next++), died));
        }
        results.add(groupResults);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
    return results;
  }

  /** The task's result, polling so that a worker killed outside its task ends the wait. */
  private static <T> T await(Future<T> future, AtomicReference<Throwable> died)
      throws InterruptedException, ExecutionException {
    while (true) {
      try {
        return future.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Throwable cause = died.get();
        if (cause instanceof Error err) {
          throw err;
        }
        if (cause != null) {
          throw new IllegalStateException(cause);
        }
      }
    }
  }

  /** Consecutive jobs grouped so that each batch holds about {@link #BATCH_UNITS} units. */
  private static List<List<Job>> batches(List<Job> jobs) {
    List<List<Job>> batches = new ArrayList<>();
    List<Job> current = new ArrayList<>();
    int units = 0;
    for (Job job : jobs) {
      current.add(job);
      units += job.analyzer.unitCount();
      if (units >= BATCH_UNITS) {
        batches.add(current);
        current = new ArrayList<>();
        units = 0;
      }
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private ModelAnalysis collect(Model model, AnalysisOptions options) {
    int bins = options.bins();
    List<LayerAnalysis> layers = new ArrayList<>();
    for (Layer layer : analysable(model)) {
      String tensor = layer.weight().name();
      WeightSummary summary = cache.summary(tensor, bins).orElseThrow();
      List<QuantResult> results = new ArrayList<>();
      for (Scheme scheme : options.schemes()) {
        results.add(cache.result(tensor, scheme, bins).orElseThrow());
      }
      layers.add(new LayerAnalysis(layer, summary, results));
    }
    return new ModelAnalysis(model, options.schemes(), bins, layers);
  }

  /**
   * Layers with weights to quantize, in model order: a weight with a zero dimension has none and is
   * left out. The layers an analysis holds and a sensitivity scan runs.
   */
  public static List<Layer> analysable(Model model) {
    return model.layers().stream().filter(l -> l.weight().elementCount() > 0).toList();
  }

  private static TensorAnalyzer.UnitGuard guard(
      BooleanSupplier cancelled, AnalysisProgress progress, AtomicLong done, long[] total) {
    LongConsumer report = n -> progress.update(done.addAndGet(n), total[0]);
    return new TensorAnalyzer.UnitGuard() {
      @Override
      public void beforeUnit() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw new CancellationException("analysis cancelled");
        }
      }

      @Override
      public LongConsumer progress() {
        return report;
      }
    };
  }

  /**
   * A worker thread that records what kills it: the JVM reports a mapped file that shrinks under a
   * read as an InternalError that may strike a worker outside any task, after which nothing would
   * wake the waiting caller.
   */
  private static Thread worker(Runnable r, AtomicReference<Throwable> died) {
    Thread t = new Thread(r, "quantlens-analysis");
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((thread, e) -> died.compareAndSet(null, e));
    return t;
  }

  /** One tensor still to analyse. */
  private static final class Job {
    final String tensor;
    final TensorAnalyzer analyzer;
    WeightSummary known;

    Job(String tensor, TensorAnalyzer analyzer, WeightSummary known) {
      this.tensor = tensor;
      this.analyzer = analyzer;
      this.known = known;
    }
  }
}
