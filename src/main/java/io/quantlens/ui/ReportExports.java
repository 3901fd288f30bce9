package io.quantlens.ui;

import io.quantlens.analysis.PlanSummary;
import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.ChartExport;
import io.quantlens.cost.CostComparison;
import io.quantlens.eval.EvalResult;
import io.quantlens.report.CostCsv;
import io.quantlens.report.EvalCsv;
import io.quantlens.report.LayerTableCsv;
import io.quantlens.report.PlanJson;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The layer table as CSV, and the report folder: every chart as PNG, SVG and CSV plus the table,
 * the plan, the cost and the measured accuracy, written in one go in the background.
 */
final class ReportExports {
  static final int REPORT_WIDTH = 1200;
  static final int REPORT_HEIGHT = 700;
  static final double REPORT_SCALE = 2;

  private final Workbench app;
  private final ChartExports charts;
  private final Messages m;

  ReportExports(Workbench app, ChartExports charts) {
    this.app = app;
    this.charts = charts;
    this.m = app.model().messages();
  }

  void exportTable() {
    if (app.model().summary().get() == null) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle(m.get("export.title", "CSV"));
    chooser.setInitialFileName("layers.csv");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    File file = chooser.showSaveDialog(app.window());
    if (file != null) {
      writeTable(file.toPath());
    }
  }

  void writeTable(Path file) {
    PlanSummary summary = app.model().summary().get();
    var sensitivity = new HashMap<>(app.accuracy().sensitivity());
    var scheme = app.accuracy().sensitivityScheme().get();
    charts.run(
        file,
        () -> LayerTableCsv.write(summary, sensitivity, scheme == null ? null : scheme.id(), file));
  }

  void exportReportFolder() {
    if (app.model().summary().get() == null) {
      return;
    }
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(m.get("export.folderTitle"));
    File folder = chooser.showDialog(app.window());
    if (folder != null) {
      exportInto(folder.toPath(), this::confirmReplace);
    }
  }

  /**
   * Writes the report into {@code folder} once {@code replace} agrees to replace the report files
   * already there (asked only when there are some); null when it does not.
   */
  Task<Path> exportInto(Path folder, Predicate<List<Path>> replace) {
    List<Path> existing = reportFiles(folder).stream().filter(Files::exists).toList();
    if (!existing.isEmpty() && !replace.test(existing)) {
      return null;
    }
    return writeReportFolder(folder);
  }

  /** The files a report written now would put in {@code folder}. */
  List<Path> reportFiles(Path folder) {
    List<Path> files = new ArrayList<>();
    for (var c : app.charts()) {
      if (c.chart().get() != null) {
        for (String ext : List.of(".png", ".svg", ".csv")) {
          files.add(folder.resolve(c.name() + ext));
        }
      }
    }
    files.add(folder.resolve("layers.csv"));
    files.add(folder.resolve("plan.json"));
    if (app.costs().cost().get() != null) {
      files.add(folder.resolve("cost.csv"));
    }
    if (app.accuracy().result().get() != null) {
      files.add(folder.resolve("accuracy.csv"));
    }
    return files;
  }

  private boolean confirmReplace(List<Path> existing) {
    String names =
        existing.stream()
                .limit(6)
                .map(p -> p.getFileName().toString())
                .reduce((a, b) -> a + ", " + b)
                .orElse("")
            + (existing.size() > 6 ? ", …" : "");
    Alert alert =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            m.get("export.replace", existing.size(), existing.get(0).getParent(), names),
            ButtonType.OK,
            ButtonType.CANCEL);
    alert.initOwner(app.window());
    alert.setHeaderText(m.get("export.replaceTitle"));
    return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }

  /** Writes the report into {@code folder} (created if needed); returns the background task. */
  Task<Path> writeReportFolder(Path folder) {
    PlanSummary summary = app.model().summary().get();
    var sensitivity = new HashMap<>(app.accuracy().sensitivity());
    var scheme = app.accuracy().sensitivityScheme().get();
    var plan = app.model().plan().get();
    CostComparison cost = app.costs().cost().get();
    EvalResult accuracy = app.accuracy().result().get();
    List<NamedChart> shown =
        app.charts().stream()
            .filter(p -> p.chart().get() != null)
            .map(
                p ->
                    new NamedChart(
                        p.name(), p.chart().get(), Math.max(REPORT_HEIGHT, p.exportHeight())))
            .toList();
    BackgroundTask<Path> task =
        BackgroundTask.of(
            m.get("task.report", folder.getFileName()),
            t -> {
              Files.createDirectories(folder);
              int done = 0;
              int total = shown.size() + 4;
              for (NamedChart c : shown) {
                Path base = folder.resolve(c.name());
                var image =
                    ChartExports.onFxThread(
                        () ->
                            ChartExport.image(
                                c.chart().chart(), REPORT_WIDTH, c.height(), REPORT_SCALE));
                ChartExport.writePng(image, base.resolveSibling(c.name() + ".png"));
                String svg =
                    ChartExports.onFxThread(
                        () -> ChartExport.svgDocument(c.chart().chart(), REPORT_WIDTH, c.height()));
                ChartExport.writeSvg(svg, base.resolveSibling(c.name() + ".svg"));
                ChartExport.csv(c.chart(), base.resolveSibling(c.name() + ".csv"));
                t.progress(++done, total);
              }
              LayerTableCsv.write(
                  summary,
                  sensitivity,
                  scheme == null ? null : scheme.id(),
                  folder.resolve("layers.csv"));
              t.progress(++done, total);
              PlanJson.write(plan, folder.resolve("plan.json"));
              t.progress(++done, total);
              if (cost != null) {
                CostCsv.write(cost, folder.resolve("cost.csv"));
              }
              t.progress(++done, total);
              if (accuracy != null) {
                EvalCsv.write(accuracy, folder.resolve("accuracy.csv"));
              }
              t.progress(total, total);
              return folder;
            });
    task.setOnSucceeded(e -> app.model().notice(m.get("export.done", folder)));
    task.setOnFailed(
        e ->
            app.model()
                .reportError(m.get("error.export", folder, ErrorText.of(task.getException()))));
    return app.model().executor().submit(task);
  }

  private record NamedChart(String name, BuiltChart chart, int height) {}
}
