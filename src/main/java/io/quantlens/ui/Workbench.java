package io.quantlens.ui;

import io.quantlens.model.InputDims;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Builds the window's view models and views and wires them together. Tests build one on a stage of
 * their own; {@link WorkbenchApp} builds one for the real window.
 */
final class Workbench {
  /** The scheme a sensitivity scan probes each layer with. */
  static final Scheme SENSITIVITY_SCHEME = Scheme.parse("int4:g32:sym");

  private final Stage stage;
  private final WorkbenchModel model;
  private final CostViewModel costs;
  private final AccuracyViewModel accuracy;
  private final DetailViewModel detail;
  private final LayerTableModel tableModel;
  private final BooleanProperty darkTheme = new SimpleBooleanProperty();
  private final List<ChartPane> charts = new ArrayList<>();
  private final WorkbenchActions actions;
  private final ChartExports chartExports;
  private final ReportExports exports;
  private final ProjectActions projects;
  private final LayerTableView tableView;
  private final DetailView detailView;
  private final DashboardView dashboardView;
  private final StatusView statusView;
  private final MainView root;

  Workbench(Stage stage, TaskExecutor executor, RecentFiles recent) {
    this.stage = stage;
    Messages messages = Messages.forLocale(Locale.getDefault());
    model = new WorkbenchModel(executor, messages, recent);
    costs = new CostViewModel(model);
    accuracy = new AccuracyViewModel(model);
    // Generated inputs take the workload's sizes: the model runs at the shapes it is costed at.
    costs
        .workload()
        .addListener((obs, old, now) -> accuracy.inputDims().set(new InputDims(now.dims())));
    detail = new DetailViewModel(model);
    tableModel = new LayerTableModel(model, accuracy);
    actions = new WorkbenchActions(model, stage);
    chartExports = new ChartExports(model, this::window);
    tableView = new LayerTableView(model, tableModel, new SchemeConverter());
    detailView = new DetailView(detail, chartExports, this);
    dashboardView = new DashboardView(this, chartExports);
    exports = new ReportExports(this, chartExports);
    projects = new ProjectActions(this);
    statusView = new StatusView(model);
    root = new MainView(this);
    new Notices(model, root);
  }

  Parent root() {
    return root;
  }

  Stage stage() {
    return stage;
  }

  Window window() {
    return stage;
  }

  WorkbenchModel model() {
    return model;
  }

  CostViewModel costs() {
    return costs;
  }

  AccuracyViewModel accuracy() {
    return accuracy;
  }

  DetailViewModel detail() {
    return detail;
  }

  LayerTableModel tableModel() {
    return tableModel;
  }

  WorkbenchActions actions() {
    return actions;
  }

  ReportExports exports() {
    return exports;
  }

  ProjectActions projects() {
    return projects;
  }

  LayerTableView tableView() {
    return tableView;
  }

  DetailView detailView() {
    return detailView;
  }

  DashboardView dashboardView() {
    return dashboardView;
  }

  StatusView statusView() {
    return statusView;
  }

  BooleanProperty darkTheme() {
    return darkTheme;
  }

  void registerChart(ChartPane pane) {
    charts.add(pane);
  }

  /** Every chart in the window, for the report folder. */
  List<ChartPane> charts() {
    return List.copyOf(charts);
  }

  void scanSensitivity() {
    if (model.model().get() != null) {
      accuracy.scanSensitivity(SENSITIVITY_SCHEME);
    }
  }

  /** A dropped project file opens as a project, anything else as a model. */
  void openDropped(Path file) {
    if (ProjectActions.isProjectFile(file)) {
      projects.open(file);
    } else {
      actions.open(file);
    }
  }

  void showModelInfo() {
    OpenModel open = model.model().get();
    if (open != null) {
      new ModelInfoDialog(this, open.session().model()).show();
    }
  }

  void showSettings() {
    new SettingsDialog(this).showAndWait();
  }

  void quit() {
    stage.close();
  }
}
