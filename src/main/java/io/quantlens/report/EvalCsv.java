package io.quantlens.report;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.SampleResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured accuracy as CSV: the summary, one row per metric that applies ({@link #writeSummary}),
 * and one row per evaluated sample for drill-down: which samples flipped and by how much ({@link
 * #write}). Numbers are Java's round-trip text, never localised; docs/exports.md lists the columns.
 */
public final class EvalCsv {
  public static final List<String> SUMMARY_COLUMNS =
      List.of("metric", "value", "unit", "plan", "reference", "samples", "data");

  public static final List<String> COLUMNS =
      List.of(
          "sample",
          "label",
          "fp32_class",
          "quantized_class",
          "flipped",
          "kl_nats",
          "cosine",
          "fp32_neighbour",
          "quantized_neighbour");

  private EvalCsv() {}

  /** One summary metric: its name in the file, its value, and its unit. */
  public record Metric(String name, double value, String unit) {
    /** The value as the file writes it: a count as a whole number, {@code inf} for infinity. */
    public String text() {
      return unit.equals(SAMPLES) ? Long.toString((long) value) : NumberText.roundTripOrInf(value);
    }
  }

  private static final String SAMPLES = "samples";

  /**
   * The summary metrics that apply to {@code result}, in file order: accuracies and their drop with
   * labels, top-1 agreement and KL for class scores, neighbour agreement for embeddings, output
   * SQNR and cosine always.
   */
  public static List<Metric> summary(EvalResult result) {
    List<Metric> rows = new ArrayList<>();
    add(rows, "reference_accuracy", result.referenceAccuracy(), "fraction");
    add(rows, "plan_accuracy", result.quantizedAccuracy(), "fraction");
    add(rows, "accuracy_drop", result.accuracyDropPoints(), "percentage points");
    add(rows, "top1_agreement", result.top1Agreement(), "fraction");
    add(rows, "mean_kl", result.meanKlDivergence(), "nats");
    add(rows, "neighbour_agreement", result.neighbourAgreement(), "fraction");
    add(rows, "output_sqnr", result.outputSqnrDb(), "dB");
    add(rows, "mean_cosine", result.meanCosine(), "cosine");
    if (!Double.isNaN(result.top1Agreement())) {
      add(rows, "flipped_samples", result.flipped().size(), SAMPLES);
    }
    return rows;
  }

  private static void add(List<Metric> rows, String name, double value, String unit) {
    if (!Double.isNaN(value)) {
      rows.add(new Metric(name, value, unit));
    }
  }

  /**
   * Writes the summary rows; every row repeats the plan ({@code planText}), what it is compared
   * with, the sample count and the data, so a row read alone still says what it measures.
   */
  public static void writeSummary(EvalResult result, String planText, Path file)
      throws IOException {
    CsvFiles.write(
        file,
        SUMMARY_COLUMNS,
        csv -> {
          for (Metric metric : summary(result)) {
            csv.printRecord(
                metric.name(),
                metric.text(),
                metric.unit(),
                planText,
                result.reference(),
                result.samples(),
                result.data());
          }
        });
  }

  /** Writes one row per sample. */
  public static void write(EvalResult result, Path file) throws IOException {
    boolean classes = !Double.isNaN(result.top1Agreement());
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (SampleResult s : result.perSample()) {
            csv.printRecord(
                s.index(),
                CsvFiles.index(s.label()),
                CsvFiles.index(s.referenceClass()),
                CsvFiles.index(s.quantizedClass()),
                classes ? Boolean.toString(s.flipped()) : "",
                NumberText.roundTrip(s.klDivergence()),
                NumberText.roundTrip(s.cosine()),
                CsvFiles.index(s.referenceNeighbour()),
                CsvFiles.index(s.quantizedNeighbour()));
          }
        });
  }
}
