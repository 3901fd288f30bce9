package io.quantlens.report;

import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.LayerComparison;
import io.quantlens.analysis.compare.Prediction;
import io.quantlens.quant.ErrorStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A comparison as CSV: one row per (artifact, matched layer), with the preset's prediction when one
 * was compared. SQNR is {@code inf} where the artifact holds the original's values exactly.
 */
public final class CompareCsv {
  public static final List<String> COLUMNS =
      List.of(
          "artifact",
          "layer",
          "original",
          "match",
          "stored_form",
          "bits_per_weight",
          "weights",
          "sqnr_db",
          "mse",
          "max_abs_err",
          "cosine",
          "preset",
          "predicted_scheme",
          "predicted_sqnr_db",
          "prediction_agrees");

  private CompareCsv() {}

  public static void write(List<ArtifactComparison> artifacts, Path file) throws IOException {
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (ArtifactComparison a : artifacts) {
            for (LayerComparison l : a.layers()) {
              ErrorStats s = l.stats();
              Optional<Prediction> p = l.prediction();
              csv.printRecord(
                  a.file().toString(),
                  l.pairing().artifact().name(),
                  l.pairing().originalText(),
                  l.pairing().how().name().toLowerCase(java.util.Locale.ROOT),
                  l.storedForm(),
                  NumberText.roundTrip(l.bitsPerWeight()),
                  s.count(),
                  NumberText.roundTripOrInf(s.sqnrDb()),
                  NumberText.roundTrip(s.mse()),
                  NumberText.roundTrip(s.maxAbsError()),
                  NumberText.roundTrip(s.cosine()),
                  a.preset().orElse(""),
                  p.map(x -> x.scheme().id()).orElse(""),
                  p.map(x -> NumberText.roundTripOrInf(x.sqnrDb())).orElse(""),
                  p.flatMap(Prediction::agrees).map(String::valueOf).orElse(""));
            }
          }
        });
  }
}
