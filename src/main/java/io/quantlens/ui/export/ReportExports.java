package io.quantlens.ui.export;

import io.quantlens.analysis.PlanDescription;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.ChartExport;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.Workload;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.model.Model;
import io.quantlens.report.BuildInfo;
import io.quantlens.report.CostCsv;
import io.quantlens.report.EvalCsv;
import io.quantlens.report.LayerTableCsv;
import io.quantlens.report.ModelIdentity;
import io.quantlens.report.PlanJson;
import io.quantlens.report.ReportReadme;
import io.quantlens.report.ReportSummary;
import io.quantlens.report.ReportSummary.ReportFile;
import io.quantlens.report.ReportSummaryJson;
import io.quantlens.session.ModelFacts;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.concurrent.Task;

/**
 * The layer table as CSV, and the report folder: every chart in the print style as PNG, SVG and
 * CSV, named by model and layer, plus the table, the plan naming its model, the cost, the measured
 * accuracy (summary and per sample), and {@code summary.json} and {@code README.txt} saying what it
 * all is of; written in one go in the background.
 */
public final class ReportExports {
  public static final int REPORT_WIDTH = 1200;
  public static final int REPORT_HEIGHT = 700;
  public static final double REPORT_SCALE = 2;

  private final Workspace workspace;
  private final PlanEditor plans;
  private final AccuracyState accuracy;
  private final CostState costs;
  private final ChartPanes panes;
  private final ChartExports charts;
  private final Services services;
  private final Messages m;
  private final Dialogs dialogs;

  public ReportExports(
      Workspace workspace,
      PlanEditor plans,
      AccuracyState accuracy,
      CostState costs,
      ChartPanes panes,
      ChartExports charts,
      Dialogs dialogs) {
    this.workspace = workspace;
    this.plans = plans;
    this.accuracy = accuracy;
    this.costs = costs;
    this.panes = panes;
    this.charts = charts;
    this.services = workspace.services();
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
            ReportFileList.LAYERS,
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
    return fileList().stream().map(f -> folder.resolve(f.name())).toList();
  }

  private List<ReportFile> fileList() {
    return ReportFileList.of(m, shownCharts(), costs.cost().get() != null, measured() != null);
  }

  private List<ChartPane> shownCharts() {
    return panes.all().stream().filter(p -> p.chart().get() != null).toList();
  }

  /** The measured accuracy, when it is of the plan shown. */
  private EvalResult measured() {
    EvalResult result = accuracy.result().get();
    return result != null && result.plan().equals(plans.plan().get()) ? result : null;
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

  /** A chart of the report, with the files it goes to. */
  private record ReportChart(
      ChartExports.Printed chart, int height, String png, String svg, String csv) {}

  /** What the report is of, read on the FX thread before the background work starts. */
  private record Contents(
      OpenModel open,
      PlanSummary summary,
      PrecisionPlan plan,
      Map<String, LayerSensitivity> sensitivity,
      String sensitivityScheme,
      CostComparison cost,
      EvalResult measured,
      HardwareProfile hardware,
      Workload workload,
      CostAssumptions assumptions,
      List<ReportChart> charts,
      List<ReportFile> files) {}

  /** Writes the report into {@code folder} (created if needed); returns the background task. */
  public Task<Path> writeReportFolder(Path folder) {
    var scheme = accuracy.sensitivityScheme().get();
    Contents c =
        new Contents(
            workspace.opened().get(),
            plans.summary().get(),
            plans.plan().get(),
            Map.copyOf(accuracy.sensitivity()),
            scheme == null ? null : scheme.id(),
            costs.cost().get(),
            measured(),
            costs.hardware().get(),
            costs.workload().get(),
            costs.assumptions().get(),
            shownCharts().stream()
                .map(
                    p ->
                        new ReportChart(
                            ChartExports.Printed.of(p),
                            Math.max(REPORT_HEIGHT, p.exportHeight()),
                            p.fileName("png"),
                            p.fileName("svg"),
                            p.fileName("csv")))
                .toList(),
            fileList());
    BackgroundTask<Path> task =
        BackgroundTask.of(m.get("task.report", folder.getFileName()), t -> write(c, folder, t, m));
    task.setOnSucceeded(e -> services.notices().notice(m.get("export.done", folder)));
    task.setOnFailed(
        e ->
            services
                .notices()
                .error(
                    m.get(
                        "error.export",
                        folder,
                        ErrorText.of(task.getException(), services.messages()))));
    return services.tasks().submit(task);
  }

  private static Path write(Contents c, Path folder, BackgroundTask<Path> t, Messages m)
      throws Exception {
    Files.createDirectories(folder);
    int done = 0;
    int total = c.charts().size() + 6;
    Model model = c.open().session().model();
    ModelIdentity identity = ModelIdentity.of(c.open().file());
    t.progress(++done, total);
    for (ReportChart chart : c.charts()) {
      int h = chart.height();
      ChartExport.writePng(
          chart.chart().draw(p -> ChartExport.image(p, REPORT_WIDTH, h, REPORT_SCALE)),
          folder.resolve(chart.png()));
      ChartExport.writeSvg(
          chart.chart().draw(p -> ChartExport.svgDocument(p, REPORT_WIDTH, h)),
          folder.resolve(chart.svg()));
      ChartExport.csv(chart.chart().shown(), folder.resolve(chart.csv()));
      t.progress(++done, total);
    }
    LayerTableCsv.write(
        c.summary(), c.sensitivity(), c.sensitivityScheme(), folder.resolve(ReportFileList.LAYERS));
    t.progress(++done, total);
    PlanJson.write(c.plan(), identity, folder.resolve(ReportFileList.PLAN));
    t.progress(++done, total);
    if (c.cost() != null) {
      CostCsv.write(c.cost(), folder.resolve(ReportFileList.COST));
    }
    t.progress(++done, total);
    String planText = c.plan().describe(model);
    if (c.measured() != null) {
      EvalCsv.writeSummary(c.measured(), planText, folder.resolve(ReportFileList.ACCURACY));
      EvalCsv.write(c.measured(), folder.resolve(ReportFileList.SAMPLES));
    }
    t.progress(++done, total);
    ReportSummary summary =
        new ReportSummary(
            BuildInfo.version(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            identity,
            c.open().source(),
            ModelFacts.formatText(model.metadata()),
            model.layers().size(),
            model.layerParameterCount(),
            c.plan(),
            planText,
            c.hardware().id(),
            c.hardware().name(),
            c.workload(),
            c.assumptions(),
            c.measured(),
            c.files());
    ReportSummaryJson.write(summary, folder.resolve(ReportSummaryJson.FILE));
    ReportReadme.write(
        summary, PlanDescription.of(c.plan(), model, m), m, folder.resolve(ReportReadme.FILE));
    t.progress(total, total);
    return folder;
  }
}
