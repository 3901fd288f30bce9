package io.quantlens.report;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One CSV row per layer quantized alone, worst first; metrics that do not apply are empty. */
public final class SensitivityCsv {
  public static final List<String> COLUMNS =
      List.of(
          "rank",
          "layer",
          "op",
          "params",
          "scheme",
          "samples",
          "data",
          "fp32_accuracy",
          "quantized_accuracy",
          "accuracy_drop_pts",
          "top1_agreement",
          "mean_kl_nats",
          "output_sqnr_db",
          "mean_cosine",
          "neighbour_agreement");

  private SensitivityCsv() {}

  public static void write(SensitivityReport report, Path file) throws IOException {
    List<LayerSensitivity> ranked = report.ranked();
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (int i = 0; i < ranked.size(); i++) {
            LayerSensitivity row = ranked.get(i);
            EvalResult r = row.result();
            csv.printRecord(
                i + 1,
                row.layer().name(),
                row.layer().opType(),
                row.layer().weight().elementCount(),
                report.scheme().id(),
                r.samples(),
                r.origin().name().toLowerCase(java.util.Locale.ROOT),
                NumberText.roundTrip(r.referenceAccuracy()),
                NumberText.roundTrip(r.quantizedAccuracy()),
                NumberText.roundTrip(r.accuracyDropPoints()),
                NumberText.roundTrip(r.top1Agreement()),
                NumberText.roundTrip(r.meanKlDivergence()),
                NumberText.roundTrip(r.outputSqnrDb()),
                NumberText.roundTrip(r.meanCosine()),
                NumberText.roundTrip(r.neighbourAgreement()));
          }
        });
  }
}
