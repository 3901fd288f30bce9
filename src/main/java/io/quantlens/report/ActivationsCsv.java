package io.quantlens.report;

import io.quantlens.eval.ActivationProfile;
import io.quantlens.eval.LayerActivation;
import io.quantlens.eval.LayerError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One CSV row per layer of the activation view (docs/activations.md#the-activation-view); values
 * that do not apply are empty.
 */
public final class ActivationsCsv {
  public static final List<String> COLUMNS =
      List.of(
          "layer",
          "op",
          "input",
          "weight_scheme",
          "activation_scheme",
          "min",
          "max",
          "range_min",
          "range_max",
          "clipped_share",
          "activation_sqnr_db",
          "channels",
          "max_median_ratio",
          "outlier_channels",
          "excess_kurtosis",
          "local_sqnr_db",
          "accumulated_sqnr_db",
          "smoothed");

  private ActivationsCsv() {}

  public static void write(
      List<LayerActivation> rows,
      java.util.function.Function<String, String> weightScheme,
      Path file)
      throws IOException {
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (LayerActivation row : rows) {
            ActivationProfile p = row.profile();
            LayerError e = row.error();
            csv.printRecord(
                row.layer().name(),
                row.layer().opType(),
                p == null ? "" : p.value(),
                weightScheme.apply(row.layer().name()),
                p == null ? "" : p.scheme().id(),
                p == null ? "" : NumberText.roundTrip(p.histogram().min()),
                p == null ? "" : NumberText.roundTrip(p.histogram().max()),
                p == null || p.calibrated() == null
                    ? ""
                    : NumberText.roundTrip(p.calibrated().min()),
                p == null || p.calibrated() == null
                    ? ""
                    : NumberText.roundTrip(p.calibrated().max()),
                p == null ? "" : NumberText.roundTrip(p.clippedShare()),
                p == null ? "" : NumberText.roundTripOrInf(p.sqnrDb()),
                p == null ? "" : p.channels().size(),
                p == null ? "" : NumberText.roundTrip(p.maxMedianRatio()),
                p == null
                    ? ""
                    : p.outlierChannels().stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(" ")),
                p == null ? "" : NumberText.roundTrip(p.excessKurtosis()),
                e == null ? "" : NumberText.roundTripOrInf(e.localSqnrDb()),
                e == null ? "" : NumberText.roundTripOrInf(e.accumulatedSqnrDb()),
                p == null ? "" : p.smoothed());
          }
        });
  }
}
