package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.StorageConvention;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a precision plan does to a model's weights, re-summed from an existing analysis without
 * reading a weight: one row per analysed layer in model order, and model totals.
 *
 * <p>The model SQNR is 10·log10(Σx² / Σ(x−x̂)²) over every analysed weight, each layer adding
 * count·meanSquare of signal and count·mse of noise; FP32 layers add signal and no noise.
 *
 * @param plan the plan summarised
 * @param layers one row per analysed layer, in model order
 * @param weights weights over all rows
 * @param fp32Bytes bytes the weights take as float32
 * @param storedBytes bytes the weights take under the plan (see {@link StorageConvention})
 * @param sqnrDb model SQNR in dB; +Inf when every layer is exact
 */
public record PlanSummary(
    PrecisionPlan plan,
    List<LayerRow> layers,
    long weights,
    long fp32Bytes,
    long storedBytes,
    double sqnrDb) {

  /** The FP32 scheme: kept weights, no quantization. */
  private static final Scheme FP32 = PrecisionPlan.FP32;

  /** Bits of a float32 weight, as {@link StorageConvention} counts FP32. */
  private static final int FP32_BITS = 32;

  public PlanSummary {
    layers = List.copyOf(layers);
  }

  /**
   * One layer under the plan.
   *
   * @param layer the layer
   * @param scheme the scheme the plan gives it
   * @param weights weights in the layer's weight tensor
   * @param sqnrDb the layer's weight SQNR in dB; +Inf for FP32
   * @param bitsPerWeight effective bits per weight, scales and zero points included; 32 for FP32
   * @param storedBytes bytes of the quantized weight tensor; 4 per weight for FP32
   * @param clippedFraction share of weights clipped; 0 for FP32
   * @param result the analysis result the row comes from, or {@code null} for FP32
   */
  public record LayerRow(
      Layer layer,
      Scheme scheme,
      long weights,
      double sqnrDb,
      double bitsPerWeight,
      long storedBytes,
      double clippedFraction,
      QuantResult result) {

    public boolean isFp32() {
      return result == null;
    }
  }

  /**
   * Sums the plan over the analysis.
   *
   * @throws IllegalArgumentException when the plan gives a layer a scheme (other than FP32) the
   *     analysis lacks; {@link #missingSchemes} lists them so they can be analysed first
   */
  public static PlanSummary of(ModelAnalysis analysis, PrecisionPlan plan) {
    List<LayerRow> rows = new ArrayList<>(analysis.layers().size());
    double signal = 0;
    double noise = 0;
    long weights = 0;
    long fp32Bytes = 0;
    long storedBytes = 0;
    for (LayerAnalysis layer : analysis.layers()) {
      Scheme scheme = plan.schemeFor(layer.layer().name());
      LayerRow row = scheme.equals(FP32) ? fp32Row(layer) : quantizedRow(analysis, layer, scheme);
      // Every result of a layer saw the same weights, so any of them gives its signal power.
      ErrorStats reference = layer.results().get(0).stats();
      signal += reference.meanSquare() * reference.count();
      if (!row.isFp32()) {
        ErrorStats s = row.result().stats();
        noise += s.mse() * s.count();
      }
      weights += row.weights();
      fp32Bytes += fp32Bytes(row.weights());
      storedBytes += row.storedBytes();
      rows.add(row);
    }
    return new PlanSummary(
        plan, rows, weights, fp32Bytes, storedBytes, ErrorStats.sqnrDb(signal, noise));
  }

  /**
   * Schemes the plan gives some analysed layer, FP32 excepted, that the analysis has not computed,
   * in model order of first use. Analysing them too (a session's cache makes that incremental) lets
   * {@link #of} sum the plan.
   */
  public static Set<Scheme> missingSchemes(ModelAnalysis analysis, PrecisionPlan plan) {
    Set<Scheme> missing = new LinkedHashSet<>();
    for (LayerAnalysis layer : analysis.layers()) {
      Scheme scheme = plan.schemeFor(layer.layer().name());
      if (!scheme.equals(FP32) && !analysis.schemes().contains(scheme)) {
        missing.add(scheme);
      }
    }
    return Collections.unmodifiableSet(missing);
  }

  /** Effective bits per weight of the whole plan, 8·storedBytes / weights (NaN for no weights). */
  public double bitsPerWeight() {
    return weights == 0 ? Double.NaN : 8.0 * storedBytes / weights;
  }

  /** How many times smaller than FP32 the weights are under the plan. */
  public double compression() {
    return (double) fp32Bytes / storedBytes;
  }

  /** Rows whose layer the plan quantizes (every scheme but FP32). */
  public long quantizedLayerCount() {
    return layers.stream().filter(r -> !r.isFp32()).count();
  }

  private static LayerRow fp32Row(LayerAnalysis layer) {
    long count = layer.weights().count();
    return new LayerRow(
        layer.layer(), FP32, count, Double.POSITIVE_INFINITY, FP32_BITS, fp32Bytes(count), 0, null);
  }

  private static LayerRow quantizedRow(ModelAnalysis analysis, LayerAnalysis layer, Scheme scheme) {
    if (!analysis.schemes().contains(scheme)) {
      throw new IllegalArgumentException(
          "layer '"
              + layer.layer().name()
              + "' is planned at "
              + scheme.id()
              + ", which the analysis does not include; analyse it first");
    }
    QuantResult r = layer.result(scheme);
    ErrorStats s = r.stats();
    return new LayerRow(
        layer.layer(),
        scheme,
        s.count(),
        s.sqnrDb(),
        r.bitsPerWeight(),
        r.storedBytes(),
        s.clippedFraction(),
        r);
  }

  private static long fp32Bytes(long weights) {
    return weights * FP32_BITS / 8;
  }
}
