package io.quantlens.ui.export;

import io.quantlens.analysis.PlanSummary;
import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.ChartExport;
import io.quantlens.cost.CostComparison;
import io.quantlens.eval.EvalResult;
import io.quantlens.report.CostCsv;
import io.quantlens.report.EvalCsv;
import io.quantlens.report.LayerTableCsv;
import io.quantlens.report.PlanJson;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import io.quantlens.ui.text.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import javafx.concurrent.Task;

/**
 * The layer table as CSV, and the report folder: every chart as PNG, SVG and CSV plus the table,
 * the plan, the cost and the measured accuracy, written in one go in the background.
 */
public final class ReportExports {
  public static final int REPORT_WIDTH = 1200;
  public static final int REPORT_HEIGHT = 700;
  public static final double REPORT_SCALE = 2;

  private final PlanEditor plans;
  private final AccuracyState accuracy;
  private final CostState costs;
  private final ChartPanes panes;
  private final ChartExports charts;
  private final Services services;
  private final Messages m;
  private final Dialogs dialogs;

  public ReportExports(
      Services services,
      PlanEditor plans,
      AccuracyState accuracy,
      CostState costs,
      ChartPanes panes,
      ChartExports charts,
      Dialogs dialogs) {
    this.plans = plans;
    this.accuracy = accuracy;
    this.costs = costs;
    this.panes = panes;
    this.charts = charts;
    this.services = services;
    this.m = services.messages();
    this.dialogs = dialogs;
  }

  public void exportTable() {
    if (plans.summary().get() == null) {
      return;
    }
    dialogs
        .saveFile(
            m.get("export.title", "CSV"),
            "layers.csv",
            List.of(new Dialogs.FileType("CSV", "*.csv")))
        .ifPresent(this::writeTable);
  }

  public void writeTable(Path file) {
    PlanSummary summary = plans.summary().get();
    var sensitivity = new HashMap<>(accuracy.sensitivity());
    var scheme = accuracy.sensitivityScheme().get();
    charts.run(
        file,
        () -> LayerTableCsv.write(summary, sensitivity, scheme == null ? null : scheme.id(), file));
  }

  public void exportReportFolder() {
    if (plans.summary().get() == null) {
      return;
    }
    dialogs.folder(m.get("export.folderTitle")).ifPresent(f -> exportInto(f, this::confirmReplace));
  }

  /**
   * Writes the report into {@code folder} once {@code replace} agrees to replace the report files
   * already there (asked only when there are some); null when it does not.
   */
  public Task<Path> exportInto(Path folder, Predicate<List<Path>> replace) {
    List<Path> existing = reportFiles(folder).stream().filter(Files::exists).toList();
    if (!existing.isEmpty() && !replace.test(existing)) {
      return null;
    }
    return writeReportFolder(folder);
  }

  /** The files a report written now would put in {@code folder}. */
  public List<Path> reportFiles(Path folder) {
    List<Path> files = new ArrayList<>();
    for (var c : panes.all()) {
      if (c.chart().get() != null) {
        for (String ext : List.of(".png", ".svg", ".csv")) {
          files.add(folder.resolve(c.name() + ext));
        }
      }
    }
    files.add(folder.resolve("layers.csv"));
    files.add(folder.resolve("plan.json"));
    if (costs.cost().get() != null) {
      files.add(folder.resolve("cost.csv"));
    }
    if (accuracy.result().get() != null) {
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
    return dialogs.confirm(
        m.get("export.replaceTitle"),
        m.get("export.replace", existing.size(), existing.get(0).getParent(), names));
  }

  /** Writes the report into {@code folder} (created if needed); returns the background task. */
  public Task<Path> writeReportFolder(Path folder) {
    PlanSummary summary = plans.summary().get();
    var sensitivity = new HashMap<>(accuracy.sensitivity());
    var scheme = accuracy.sensitivityScheme().get();
    var plan = plans.plan().get();
    CostComparison cost = costs.cost().get();
    EvalResult measured = accuracy.result().get();
    List<NamedChart> shown =
        panes.all().stream()
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
              if (measured != null) {
                EvalCsv.write(measured, folder.resolve("accuracy.csv"));
              }
              t.progress(total, total);
              return folder;
            });
    task.setOnSucceeded(e -> services.notices().notice(m.get("export.done", folder)));
    task.setOnFailed(
        e ->
            services
                .notices()
                .error(m.get("error.export", folder, ErrorText.of(task.getException()))));
    return services.tasks().submit(task);
  }

  private record NamedChart(String name, BuiltChart chart, int height) {}
}
