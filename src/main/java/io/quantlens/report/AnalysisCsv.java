package io.quantlens.report;

import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.QuantResult;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.GroupParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One CSV row per (tensor, scheme). Floating-point numbers are printed with Java's round-trip
 * formatting, so they parse back to the same float or double; scale and zero point are filled for
 * per-tensor integer schemes only.
 */
public final class AnalysisCsv {
  public static final List<String> COLUMNS =
      List.of(
          "layer",
          "tensor",
          "op",
          "shape",
          "params",
          "scheme",
          "bits_per_weight",
          "sqnr_db",
          "mse",
          "max_abs_err",
          "mean_err",
          "cosine",
          "clipped_frac",
          "scale",
          "zero_point");

  private AnalysisCsv() {}

  public static void write(ModelAnalysis analysis, Path file) throws IOException {
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (LayerAnalysis layer : analysis.layers()) {
            for (QuantResult r : layer.results()) {
              csv.printRecord(row(layer, r));
            }
          }
        });
  }

  static List<Object> row(LayerAnalysis layer, QuantResult r) {
    ErrorStats s = r.stats();
    GroupParams p = r.tensorParams();
    String scale = "";
    String zeroPoint = "";
    if (p != null) {
      scale = Float.toString(p.scale());
      zeroPoint = Integer.toString(p.zeroPoint());
    } else if (!Float.isNaN(r.tensorNf4Scale())) {
      scale = Float.toString(r.tensorNf4Scale());
    }
    return List.of(
        layer.layer().name(),
        layer.layer().weight().name(),
        layer.layer().opType(),
        shapeText(layer.layer().weight().shape()),
        layer.layer().weight().elementCount(),
        r.scheme().id(),
        Double.toString(r.bitsPerWeight()),
        Double.toString(s.sqnrDb()),
        Double.toString(s.mse()),
        Double.toString(s.maxAbsError()),
        Double.toString(s.meanError()),
        Double.toString(s.cosine()),
        Double.toString(s.clippedFraction()),
        scale,
        zeroPoint);
  }

  /** Dimensions joined by {@code x}, e.g. {@code 384x1536}. */
  public static String shapeText(long[] shape) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : "x").append(shape[i]);
    }
    return s.toString();
  }
}
