package io.quantlens.eval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.formats.onnx.QuietOrt;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures what a precision plan does to a model's outputs: runs the model in ONNX Runtime with the
 * plan's weights quantized then dequantized by the engine and its activations passing through
 * quantization round trips written into the graph, and compares with the run of the file as stored
 * on the same data. The reference outputs and every result are cached; equal plans are evaluated
 * once.
 */
public final class Evaluator implements AutoCloseable {
  public static final String FP32 = "FP32";
  public static final String AS_STORED = "as stored";

  private final Model model;
  private final EvalData data;
  private final EvalTask task;
  private final EvalOptions options;
  private final CallBatch batch;
  private final OrtEnvironment env = QuietOrt.environment();
  private final ExecutorService quantizers;
  private final Map<PlanKey, OutputComparison.Metrics> results = new ConcurrentHashMap<>();
  private final PlanRewriter rewriter;
  private final ActivationProfiler profiler;
  private volatile float[][] reference;

  /** What makes two plans evaluate alike: each changed layer's weight and activation scheme. */
  private record PlanKey(
      Map<String, Scheme> weights,
      Map<String, ActivationScheme> activations,
      Set<String> biasCorrected,
      double smoothQuantAlpha,
      int samples) {
    static PlanKey of(Model model, PrecisionPlan plan, int samples) {
      Map<String, ActivationScheme> activations = new LinkedHashMap<>();
      for (Layer layer : plan.activationLayers(model)) {
        activations.put(layer.name(), plan.activationFor(layer.name()));
      }
      return new PlanKey(
          FakeQuantizedWeights.schemesByLayer(model, plan),
          activations,
          plan.biasCorrected(),
          plan.smoothQuantAlpha(),
          samples);
    }
  }

  /**
   * @throws EvalException when the data cannot be cut into the batches the model takes
   */
  public Evaluator(Model model, EvalData data, EvalTask task, EvalOptions options)
      throws EvalException {
    this.model = model;
    this.data = data;
    this.task = task;
    this.options = options;
    this.batch = CallBatch.choose(model, data, options.batchSize());
    this.quantizers =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "quantlens-eval-quantize");
              t.setDaemon(true);
              return t;
            });
    this.rewriter = new PlanRewriter(model, data, env, options, batch.size(), quantizers);
    this.profiler = new ActivationProfiler();
  }

  public Model model() {
    return model;
  }

  public EvalData data() {
    return data;
  }

  public EvalTask task() {
    return task;
  }

  /** Samples per ONNX Runtime call, and why. */
  public CallBatch batch() {
    return batch;
  }

  /**
   * Evaluates {@code plan}; interrupting the calling thread cancels it between batches. A plan with
   * static activation schemes is calibrated on the last samples ({@link #calibrationSplit}) and
   * measured on the others.
   */
  public EvalResult evaluate(PrecisionPlan asked, EvalProgress progress)
      throws EvalException, InterruptedException {
    return evaluate(asked, measuredSamples(rewriter.effective(asked)), progress);
  }

  /**
   * As above, on the first {@code samples} samples only (at most those {@code asked} is measured
   * on): two plans compared on the same samples when one of them holds some out for calibration.
   */
  public EvalResult evaluate(PrecisionPlan asked, int samples, EvalProgress progress)
      throws EvalException, InterruptedException {
    PrecisionPlan plan = checked(asked);
    int measured = Math.max(1, Math.min(samples, measuredSamples(plan)));
    PlanKey key = PlanKey.of(model, plan, measured);
    OutputComparison.Metrics metrics = results.get(key);
    if (metrics == null) {
      float[][] fp32 = Arrays.copyOf(reference(progress), measured);
      float[][] quantized = run(plan, measured, progress, "running " + plan.describe(model));
      long[] labels = data.hasLabels() ? Arrays.copyOf(data.labels(), measured) : null;
      metrics = OutputComparison.compare(task.kind(), fp32, quantized, labels);
      results.putIfAbsent(key, metrics);
    }
    return result(asked, measured, metrics);
  }

  /**
   * The model with {@code weights} (layer name → values as the layer shows its weight) in place of
   * its stored ones, against the reference on every sample: weights changed by something other than
   * a plan, such as bit errors. The result's plan is FP32.
   */
  public EvalResult evaluateWeights(Map<String, float[]> weights, EvalProgress progress)
      throws EvalException, InterruptedException {
    float[][] fp32 = reference(progress);
    float[][] changed;
    try (OrtRunner runner = new OrtRunner(env, rewriter.source(weights), options.threads())) {
      changed = runner.run(data, task, data.samples(), batch.size(), progress, "running");
    } catch (OrtException | IllegalStateException e) {
      throw RunFailure.of(model, data, batch, e);
    }
    return result(
        PrecisionPlan.fp32(),
        data.samples(),
        OutputComparison.compare(task.kind(), fp32, changed, data.labels()));
  }

  private EvalResult result(PrecisionPlan asked, int measured, OutputComparison.Metrics metrics)
      throws EvalException, InterruptedException {
    return new EvalResult(
        asked,
        task,
        measured == data.samples()
            ? data.describe()
            : measured
                + " of "
                + data.describe()
                + ", the last "
                + (data.samples() - measured)
                + " held out for calibration",
        data.origin(),
        measured,
        metrics.referenceAccuracy(),
        metrics.quantizedAccuracy(),
        metrics.top1Agreement(),
        metrics.meanKl(),
        metrics.sqnrDb(),
        metrics.meanCosine(),
        metrics.neighbourAgreement(),
        metrics.samples(),
        reference());
  }

  /** {@code asked} as it is measured, refused before any run when it cannot be rewritten. */
  private PrecisionPlan checked(PrecisionPlan asked) throws EvalException {
    PrecisionPlan plan = rewriter.effective(asked);
    rewriter.check(plan);
    return plan;
  }

  /**
   * The outputs {@code plan} gives on the samples it is measured on, one vector per sample as the
   * comparison reads them (the task's output; an embedding pooled over the attention mask).
   */
  public float[][] outputs(PrecisionPlan asked, EvalProgress progress)
      throws EvalException, InterruptedException {
    PrecisionPlan plan = checked(asked);
    return run(plan, measuredSamples(plan), progress, "running " + plan.describe(model));
  }

  /** Receives one model output of one batch of samples. */
  @FunctionalInterface
  public interface OutputSink {
    /**
     * @param start the batch's first sample; batches arrive in no particular order
     * @param output the model output's name
     * @param values its values for the batch, C order, as float (FP16 and BF16 converted)
     * @param shape its shape for the batch, as ONNX Runtime gives it
     */
    void accept(int start, String output, FloatBuffer values, long[] shape) throws IOException;
  }

  /**
   * Runs {@code plan} on the first {@code samples} samples it is measured on (at most {@link
   * #measuredSamples}) and hands each of {@code outputs}, the model's own float outputs as they
   * are, unpooled, to {@code sink} batch by batch.
   *
   * @throws IOException what {@code sink} throws
   */
  public void planOutputs(
      PrecisionPlan asked, int samples, Set<String> outputs, OutputSink sink, EvalProgress progress)
      throws EvalException, InterruptedException, IOException {
    PrecisionPlan plan = checked(asked);
    int measured = Math.max(1, Math.min(samples, measuredSamples(plan)));
    collect(
        plan, measured, outputs, sink, progress, "saving the outputs of " + plan.describe(model));
  }

  /** As {@link #planOutputs}, for the reference run (the file as stored). */
  public void referenceOutputs(
      int samples, Set<String> outputs, OutputSink sink, EvalProgress progress)
      throws EvalException, InterruptedException, IOException {
    int measured = Math.max(1, Math.min(samples, data.samples()));
    collect(
        PrecisionPlan.fp32(),
        measured,
        outputs,
        sink,
        progress,
        "saving the outputs of the "
            + (reference().equals(FP32) ? "FP32 reference" : "model as stored"));
  }

  /**
   * How each layer whose activation {@code plan} quantizes is rewritten, with the calibrated range
   * of its static scheme; calibrates what is not cached yet.
   */
  public Map<String, ActivationQuant> activationQuantization(
      PrecisionPlan asked, EvalProgress progress) throws EvalException, InterruptedException {
    PrecisionPlan plan = checked(asked);
    return rewriter.activations(plan, progress);
  }

  /**
   * Each layer's local and accumulated output error under {@code plan} on the first {@code samples}
   * measured samples (docs/activations.md#local-and-accumulated-error).
   */
  public List<LayerError> layerErrors(PrecisionPlan asked, int samples, EvalProgress progress)
      throws EvalException, InterruptedException {
    PrecisionPlan plan = checked(asked);
    int measured = Math.min(samples, measuredSamples(plan));
    return new LayerErrorScan(model, data, env, rewriter, batch.size(), options.threads())
        .scan(plan, measured, progress);
  }

  /**
   * {@code layer}'s input activation on the calibration samples under {@code plan}'s scheme for it
   * (FP32 when the plan leaves it alone); the values are kept for the last few layers asked.
   */
  public ActivationProfile activationProfile(
      PrecisionPlan asked, String layer, EvalProgress progress)
      throws EvalException, InterruptedException {
    PrecisionPlan plan = checked(asked);
    Layer target =
        model.layers().stream()
            .filter(l -> l.name().equals(layer))
            .findFirst()
            .orElseThrow(() -> new EvalException("the model has no layer '" + layer + "'"));
    ActivationQuant quant =
        rewriter
            .activations(plan, progress)
            .getOrDefault(layer, new ActivationQuant(ActivationScheme.NONE, null));
    return profiler.profile(target, quant, rewriter, progress);
  }

  /**
   * The input activation profile of every layer that reads one, under {@code plan}'s schemes, in
   * two passes over the calibration samples whatever the number of layers; by layer, model order.
   */
  public Map<String, ActivationProfile> activationProfiles(
      PrecisionPlan asked, EvalProgress progress) throws EvalException, InterruptedException {
    PrecisionPlan plan = checked(asked);
    return profiler.profileAll(
        model.layers(), rewriter.activations(plan, progress), rewriter, progress);
  }

  /** How many samples, at the end of the data, calibrate static ranges and profile activations. */
  public int calibrationSamples() throws EvalException {
    return rewriter.calibrationSplit().size();
  }

  /**
   * {@code plan} as it is measured: its default activation scheme left off the layers that read no
   * activation (a Gather reads indices).
   */
  public PrecisionPlan effective(PrecisionPlan plan) throws EvalException {
    return rewriter.effective(plan);
  }

  /** True when {@code layer} has an input activation a plan can quantize. */
  public boolean readsActivation(String layer) throws EvalException {
    return rewriter.patcher().readsActivation(layer);
  }

  /** The samples {@code plan} is measured on: all, or those before the calibration split. */
  public int measuredSamples(PrecisionPlan plan) throws EvalException {
    return rewriter.needsCalibration(plan)
        ? rewriter.calibrationSplit().measured()
        : data.samples();
  }

  /** The reference outputs (the file as stored), one vector per sample; run once. */
  public float[][] reference(EvalProgress progress) throws EvalException, InterruptedException {
    float[][] outputs = reference;
    if (outputs == null) {
      synchronized (this) {
        outputs = reference;
        if (outputs == null) {
          outputs =
              run(
                  PrecisionPlan.fp32(),
                  data.samples(),
                  progress,
                  reference().equals(FP32)
                      ? "running FP32 reference"
                      : "running the model as stored");
          reference = outputs;
        }
      }
    }
    return outputs;
  }

  /**
   * What plans are compared with: {@value #FP32} when every layer is stored as FP32, else {@value
   * #AS_STORED} (an FP16 or already-quantized file runs as it is).
   */
  public String reference() {
    boolean fp32 = model.layers().stream().allMatch(l -> l.weight().dtype() == DType.FLOAT32);
    return fp32 ? FP32 : AS_STORED;
  }

  private float[][] run(PrecisionPlan plan, int samples, EvalProgress progress, String step)
      throws EvalException, InterruptedException {
    OrtRunner.Source source = rewriter.source(plan, List.of(), progress);
    try (OrtRunner runner = new OrtRunner(env, source, options.threads())) {
      return runner.run(data, task, samples, batch.size(), progress, step);
    } catch (OrtException | IllegalStateException e) {
      throw RunFailure.of(model, data, batch, e);
    }
  }

  private void collect(
      PrecisionPlan plan,
      int samples,
      Set<String> outputs,
      OutputSink sink,
      EvalProgress progress,
      String step)
      throws EvalException, InterruptedException, IOException {
    OrtRunner.Source source = rewriter.source(plan, List.of(), progress);
    try (OrtRunner runner = new OrtRunner(env, source, options.threads())) {
      runner.collect(
          data,
          0,
          samples,
          batch.size(),
          outputs,
          (start, value, values, shape) -> {
            if (values == null) {
              throw new OrtException("output '" + value + "' is not a float tensor");
            }
            try {
              sink.accept(start, value, values, shape);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          },
          progress,
          step);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (OrtException | IllegalStateException e) {
      throw RunFailure.of(model, data, batch, e);
    }
  }

  @Override
  public void close() {
    quantizers.shutdownNow();
  }
}
