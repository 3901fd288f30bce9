package io.quantlens.ui.export;

import io.quantlens.report.ReportReadme;
import io.quantlens.report.ReportSummary.ReportFile;
import io.quantlens.report.ReportSummaryJson;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The files of a report folder in the order they are written, each with a line saying what it holds
 * (the list {@code README.txt} and {@code summary.json} give). docs/exports.md describes their
 * columns and fields.
 */
final class ReportFileList {
  static final String LAYERS = "layers.csv";
  static final String PLAN = "plan.json";
  static final String COST = "cost.csv";
  static final String ACCURACY = "accuracy.csv";
  static final String SAMPLES = "accuracy-samples.csv";

  private ReportFileList() {}

  /** The files for these charts, with cost and accuracy files when those are known. */
  static List<ReportFile> of(List<ChartPane> charts, boolean cost, boolean accuracy) {
    List<ReportFile> files = new ArrayList<>();
    for (ChartPane pane : charts) {
      String what = title(pane);
      files.add(new ReportFile(pane.fileName("png"), what + ", PNG for print and slides"));
      files.add(new ReportFile(pane.fileName("svg"), what + ", SVG with text kept as text"));
      files.add(new ReportFile(pane.fileName("csv"), "the data drawn in " + what));
    }
    files.add(
        new ReportFile(
            LAYERS, "one row per layer: shape, scheme, weight SQNR, error statistics, size"));
    files.add(
        new ReportFile(PLAN, "the precision plan with the model it is for (quantlens --plan)"));
    if (cost) {
      files.add(
          new ReportFile(COST, "estimated size, DRAM traffic, time and energy per layer and plan"));
    }
    if (accuracy) {
      files.add(
          new ReportFile(
              ACCURACY, "measured accuracy of the plan: one row per metric that applies"));
      files.add(new ReportFile(SAMPLES, "measured outputs per evaluated sample"));
    }
    files.add(new ReportFile(ReportSummaryJson.FILE, "what this report is of, for programs"));
    files.add(new ReportFile(ReportReadme.FILE, "what this report is of, for people"));
    return files;
  }

  /** {@code "Weight SQNR per layer (dB)" of mnist-cnn.onnx}. */
  private static String title(ChartPane pane) {
    JFreeChart chart = pane.chart().get().chart();
    String title = chart.getTitle() == null ? pane.name() : chart.getTitle().getText();
    String caption = pane.subject().caption();
    return "\"" + title + "\"" + (caption.isEmpty() ? "" : " of " + caption);
  }
}
