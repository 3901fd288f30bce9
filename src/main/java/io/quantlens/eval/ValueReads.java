package io.quantlens.eval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.quantlens.formats.onnx.WeightPatcher;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.util.Set;

/**
 * Reads values inside the model as stored: runs it with them added to its outputs over the
 * calibration samples and hands each tensor to a sink, batch by batch. Calibration, activation
 * profiles and bias correction all read their activations this way.
 */
record ValueReads(
    OrtEnvironment env,
    Model model,
    EvalData data,
    CalibrationSplit split,
    int batch,
    int threads) {

  /** Runs once over the split; {@code what} names the work in a failure ("calibration"). */
  void collect(
      WeightPatcher patcher,
      Set<String> values,
      OrtRunner.ValueSink sink,
      EvalProgress progress,
      String step,
      String what)
      throws EvalException, InterruptedException {
    OrtRunner.Source source;
    try {
      source = OrtRunner.Source.patched(model.source(), patcher.withOutputs(values));
    } catch (ModelFormatException e) {
      throw new EvalException(e.getMessage(), e);
    }
    try (OrtRunner runner = new OrtRunner(env, source, threads)) {
      runner.collect(data, split.from(), split.to(), batch, values, sink, progress, step);
    } catch (OrtException | IllegalStateException e) {
      throw new EvalException(what + " failed: " + e.getMessage(), e);
    }
  }
}
