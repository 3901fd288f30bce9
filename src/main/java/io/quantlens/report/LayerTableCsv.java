package io.quantlens.report;

import io.quantlens.analysis.PlanSummary;
import io.quantlens.eval.LayerSensitivity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The workbench's layer table as CSV: one row per layer under the current plan, in model order,
 * with the sensitivity scan's loss where one was measured. SQNR is {@code inf} for FP32 layers.
 */
public final class LayerTableCsv {
  public static final List<String> COLUMNS =
      List.of(
          "layer",
          "op",
          "shape",
          "params",
          "scheme",
          "sqnr_db",
          "bits_per_weight",
          "stored_bytes",
          "clipped_fraction",
          "sensitivity_scheme",
          "sensitivity_loss");

  private LayerTableCsv() {}

  /**
   * @param sensitivity layer name → its sensitivity result (may be empty)
   * @param sensitivityScheme the scheme the scan used, or null
   */
  public static void write(
      PlanSummary summary,
      Map<String, LayerSensitivity> sensitivity,
      String sensitivityScheme,
      Path file)
      throws IOException {
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (PlanSummary.LayerRow row : summary.layers()) {
            LayerSensitivity s = sensitivity.get(row.layer().name());
            csv.printRecord(
                row.layer().name(),
                row.layer().opType(),
                row.layer().weight().shapeText(),
                row.layer().parameterCount(),
                row.scheme().id(),
                NumberText.roundTripOrInf(row.sqnrDb()),
                NumberText.roundTrip(row.bitsPerWeight()),
                row.storedBytes(),
                NumberText.roundTrip(row.clippedFraction()),
                s == null ? "" : sensitivityScheme,
                s == null ? "" : NumberText.roundTrip(s.primaryLoss()));
          }
        });
  }
}
