package io.quantlens.ui.export;

import io.quantlens.report.ReportReadme;
import io.quantlens.report.ReportSummary.ReportFile;
import io.quantlens.report.ReportSummaryJson;
import io.quantlens.text.Messages;
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
  static List<ReportFile> of(Messages m, List<ChartPane> charts, boolean cost, boolean accuracy) {
    List<ReportFile> files = new ArrayList<>();
    for (ChartPane pane : charts) {
      String what = title(m, pane);
      files.add(new ReportFile(pane.fileName("png"), m.get("report.file.png", what)));
      files.add(new ReportFile(pane.fileName("svg"), m.get("report.file.svg", what)));
      files.add(new ReportFile(pane.fileName("csv"), m.get("report.file.csv", what)));
    }
    files.add(new ReportFile(LAYERS, m.get("report.file.layers")));
    files.add(new ReportFile(PLAN, m.get("report.file.plan")));
    if (cost) {
      files.add(new ReportFile(COST, m.get("report.file.cost")));
    }
    if (accuracy) {
      files.add(new ReportFile(ACCURACY, m.get("report.file.accuracy")));
      files.add(new ReportFile(SAMPLES, m.get("report.file.samples")));
    }
    files.add(new ReportFile(ReportSummaryJson.FILE, m.get("report.file.summary")));
    files.add(new ReportFile(ReportReadme.FILE, m.get("report.file.readme")));
    return files;
  }

  /** {@code "Weight SQNR per layer (dB)" of mnist-cnn.onnx}. */
  private static String title(Messages m, ChartPane pane) {
    JFreeChart chart = pane.chart().get().chart();
    String title = chart.getTitle() == null ? pane.name() : chart.getTitle().getText();
    String caption = pane.subject().caption();
    return caption.isEmpty()
        ? m.get("report.file.chart", title)
        : m.get("report.file.chartOf", title, caption);
  }
}
