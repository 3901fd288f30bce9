package io.quantlens.eval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.QuietOrt;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures what a precision plan does to a model's outputs: runs the model in ONNX Runtime with the
 * plan's weights quantized then dequantized by the engine, and compares with the FP32 run on the
 * same data. The FP32 outputs and every result are cached; equal plans are evaluated once.
 */
public final class Evaluator implements AutoCloseable {
  private final Model model;
  private final EvalData data;
  private final EvalTask task;
  private final EvalOptions options;
  private final CallBatch batch;
  private final OrtEnvironment env = QuietOrt.environment();
  private final ExecutorService quantizers;
  private final Map<Map<String, Scheme>, OutputComparison.Metrics> results =
      new ConcurrentHashMap<>();
  private volatile float[][] reference;

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

  /** Evaluates {@code plan}; interrupting the calling thread cancels it between batches. */
  public EvalResult evaluate(PrecisionPlan plan, EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, Scheme> key = FakeQuantizedWeights.schemesByInitializer(model, plan);
    OutputComparison.Metrics metrics = results.get(key);
    if (metrics == null) {
      float[][] fp32 = reference(progress);
      float[][] quantized = run(plan, progress, "running " + plan.describe());
      metrics = OutputComparison.compare(task.kind(), fp32, quantized, data.labels());
      results.putIfAbsent(key, metrics);
    }
    return new EvalResult(
        plan,
        task,
        data.describe(),
        data.origin(),
        data.samples(),
        metrics.referenceAccuracy(),
        metrics.quantizedAccuracy(),
        metrics.top1Agreement(),
        metrics.meanKl(),
        metrics.sqnrDb(),
        metrics.meanCosine(),
        metrics.neighbourAgreement(),
        metrics.samples());
  }

  /** The FP32 outputs, one vector per sample; run once. */
  public float[][] reference(EvalProgress progress) throws EvalException, InterruptedException {
    float[][] outputs = reference;
    if (outputs == null) {
      synchronized (this) {
        outputs = reference;
        if (outputs == null) {
          outputs = run(PrecisionPlan.fp32(), progress, "running FP32 reference");
          reference = outputs;
        }
      }
    }
    return outputs;
  }

  private float[][] run(PrecisionPlan plan, EvalProgress progress, String step)
      throws EvalException, InterruptedException {
    progress.update(0, 1, "quantizing weights");
    List<FakeQuantizedWeights.Replacement> replacements =
        FakeQuantizedWeights.compute(model, plan, quantizers);
    try (OrtRunner runner = new OrtRunner(env, model.source(), replacements, options.threads())) {
      return runner.run(data, task, batch.size(), progress, step);
    } catch (OrtException | IllegalStateException e) {
      throw RunFailure.of(model, data, batch, e);
    }
  }

  @Override
  public void close() {
    quantizers.shutdownNow();
  }
}
