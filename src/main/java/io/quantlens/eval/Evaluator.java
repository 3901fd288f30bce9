package io.quantlens.eval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.QuietOrt;
import io.quantlens.formats.onnx.WeightPatcher;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures what a precision plan does to a model's outputs: runs the model in ONNX Runtime with the
 * plan's weights quantized then dequantized by the engine, and compares with the run of the file as
 * stored on the same data. The reference outputs and every result are cached; equal plans are
 * evaluated once.
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
  private final Map<Map<String, Scheme>, OutputComparison.Metrics> results =
      new ConcurrentHashMap<>();
  private volatile float[][] reference;
  private WeightPatcher patcher;

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
    checkReplaceable(plan);
    Map<String, Scheme> key = FakeQuantizedWeights.schemesByLayer(model, plan);
    OutputComparison.Metrics metrics = results.get(key);
    if (metrics == null) {
      float[][] fp32 = reference(progress);
      float[][] quantized = run(plan, progress, "running " + plan.describe(model));
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
        metrics.samples(),
        reference());
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

  /** Fails before any run when a layer the plan changes cannot be written back. */
  private void checkReplaceable(PrecisionPlan plan) throws EvalException {
    for (Layer layer : plan.quantizedLayers(model)) {
      if (!FakeQuantizedWeights.isPlain(model, layer)) {
        Optional<String> why = patcher().refusal(layer.name());
        if (why.isPresent()) {
          throw new EvalException(
              "layer '"
                  + layer.name()
                  + "' cannot be changed for measured accuracy: "
                  + why.get()
                  + "; leave it at FP32 in the plan");
        }
      }
    }
  }

  private WeightPatcher patcher() throws EvalException {
    synchronized (this) {
      if (patcher == null) {
        try {
          patcher = WeightPatcher.open(model.source());
        } catch (ModelFormatException e) {
          throw new EvalException(e.getMessage(), e);
        }
      }
      return patcher;
    }
  }

  private float[][] run(PrecisionPlan plan, EvalProgress progress, String step)
      throws EvalException, InterruptedException {
    progress.update(0, 1, "quantizing weights");
    List<FakeQuantizedWeights.Replacement> replacements =
        FakeQuantizedWeights.compute(model, plan, quantizers);
    OrtRunner.Source source = source(replacements);
    try (OrtRunner runner = new OrtRunner(env, source, options.threads())) {
      return runner.run(data, task, batch.size(), progress, step);
    } catch (OrtException | IllegalStateException e) {
      throw RunFailure.of(model, data, batch, e);
    }
  }

  /**
   * The file with the replacements given as initializers when they are all plain FP32 initializers,
   * else the model rewritten with them.
   */
  private OrtRunner.Source source(List<FakeQuantizedWeights.Replacement> replacements)
      throws EvalException {
    if (replacements.stream().allMatch(r -> r.plain(model))) {
      return OrtRunner.Source.file(model.source(), replacements);
    }
    Map<String, float[]> values = new LinkedHashMap<>();
    replacements.forEach(r -> values.put(r.layer().name(), r.values()));
    try {
      return OrtRunner.Source.patched(model.source(), patcher().patched(values));
    } catch (ModelFormatException e) {
      throw new EvalException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    quantizers.shutdownNow();
  }
}
