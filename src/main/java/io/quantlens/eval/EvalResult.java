package io.quantlens.eval;

import io.quantlens.analysis.PrecisionPlan;
import java.util.List;

/**
 * Measured effect of a precision plan: the quantized model's outputs against the reference (the
 * model as stored: FP32, or the file's own types when it stores others) on the same data. Metrics
 * that do not apply are NaN: accuracy without labels, top-1 and KL unless the output is class
 * scores, neighbour agreement unless it is an embedding.
 *
 * @param plan the plan evaluated
 * @param task what was compared
 * @param data what it ran on, e.g. {@code 2000 samples, bundled evaluation set (labelled)}
 * @param origin where the data came from
 * @param samples number of samples
 * @param referenceAccuracy FP32 top-1 accuracy against the labels, 0..1
 * @param quantizedAccuracy quantized top-1 accuracy against the labels, 0..1
 * @param top1Agreement share of samples whose top-1 class matches FP32's, 0..1
 * @param meanKlDivergence mean KL(FP32 ‖ quantized) of the softmax distributions, nats
 * @param outputSqnrDb 10·log10(Σy² / Σ(y−ŷ)²) over every compared output value
 * @param meanCosine mean per-sample cosine similarity of the output vectors
 * @param neighbourAgreement share of samples whose nearest other sample (by cosine) is unchanged
 * @param perSample one entry per sample, for drill-down
 * @param reference what the plan is compared with: {@code "FP32"} or {@code "as stored"}
 */
public record EvalResult(
    PrecisionPlan plan,
    EvalTask task,
    String data,
    DataOrigin origin,
    int samples,
    double referenceAccuracy,
    double quantizedAccuracy,
    double top1Agreement,
    double meanKlDivergence,
    double outputSqnrDb,
    double meanCosine,
    double neighbourAgreement,
    List<SampleResult> perSample,
    String reference) {

  public EvalResult {
    perSample = List.copyOf(perSample);
  }

  /** FP32 accuracy minus quantized accuracy, in percentage points (NaN without labels). */
  public double accuracyDropPoints() {
    return (referenceAccuracy - quantizedAccuracy) * 100;
  }

  public boolean hasLabels() {
    return !Double.isNaN(referenceAccuracy);
  }

  /** The samples whose top-1 class changed. */
  public List<SampleResult> flipped() {
    return perSample.stream().filter(SampleResult::flipped).toList();
  }
}
