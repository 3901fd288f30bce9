package io.quantlens.ui.app;

import io.quantlens.model.InputDims;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import io.quantlens.ui.accuracy.AccuracyWindow;
import io.quantlens.ui.accuracy.FlippedSamplesModel;
import io.quantlens.ui.accuracy.FlippedSamplesView;
import io.quantlens.ui.accuracy.SensitivityView;
import io.quantlens.ui.accuracy.SensitivityViewModel;
import io.quantlens.ui.activations.ActivationsView;
import io.quantlens.ui.dashboard.DashboardView;
import io.quantlens.ui.detail.DetailView;
import io.quantlens.ui.detail.DetailViewModel;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.dialogs.ModelInfoDialog;
import io.quantlens.ui.dialogs.SettingsDialog;
import io.quantlens.ui.export.ChartExports;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.export.ModelExports;
import io.quantlens.ui.export.ReportExports;
import io.quantlens.ui.lessons.LessonsWindow;
import io.quantlens.ui.project.ProjectActions;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.ActivationState;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.FileWrites;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.RecentFiles;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.UserNotices;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.table.LayerTableModel;
import io.quantlens.ui.table.LayerTableView;
import io.quantlens.ui.task.TaskRunner;
import io.quantlens.ui.toolchains.ToolchainsModel;
import io.quantlens.ui.toolchains.ToolchainsView;
import io.quantlens.ui.toolchains.ToolchainsWindow;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The one place the window is put together: state first, then the views over it, then the links
 * between them. Tests build one on a stage of their own; {@link WorkbenchApp} builds the real one.
 */
public final class Workbench {
  private final Stage stage;
  private final Services services;
  private final Appearance appearance = new Appearance();
  private final Workspace workspace;
  private final PlanEditor plans;
  private final CostState costs;
  private final AccuracyState accuracy;
  private final ActivationState activations;
  private final DetailViewModel detail;
  private final LayerTableModel tableModel;
  private final ChartPanes charts;
  private final ReportExports exports;
  private final ModelExports modelExports;
  private final ProjectActions projects;
  private final WorkbenchActions actions;
  private final LayerTableView tableView;
  private final DetailView detailView;
  private final DashboardView dashboardView;
  private final StatusView statusView;
  private final SensitivityViewModel sensitivity;
  private final FlippedSamplesModel flipped;
  private final SensitivityView sensitivityView;
  private final FlippedSamplesView flippedView;
  private final ActivationsView activationsView;
  private final AccuracyWindow accuracyWindow;
  private final LessonsWindow lessonsWindow;
  private final ToolchainsModel toolchains;
  private final ToolchainsWindow toolchainsWindow;
  private final MainView root;
  private final RecentFiles recent;
  private final Dialogs dialogs;
  private java.util.function.Consumer<Language> languageSwitch = language -> {};
  private UiTiming timing;

  /**
   * @param settings where background work runs and how long a plan change waits to be measured
   * @param dialogs how the user is asked for files and confirmations (a scripted one in tests)
   */
  public Workbench(Stage stage, Services settings, RecentFiles recent, Dialogs dialogs) {
    this.stage = stage;
    this.services = settings;
    this.recent = recent;
    this.dialogs = dialogs;
    Messages m = services.messages();
    workspace = new Workspace(services, recent);
    plans = new PlanEditor(workspace);
    costs = new CostState(workspace, plans);
    accuracy = new AccuracyState(workspace, plans);
    activations = new ActivationState(workspace, plans, accuracy);
    detail = new DetailViewModel(workspace, plans);
    tableModel = new LayerTableModel(workspace, plans, accuracy);

    FileWrites writes = new FileWrites(services);
    ChartExports chartExports = new ChartExports(writes, m, dialogs, this::window);
    charts =
        new ChartPanes(
            chartExports,
            appearance,
            m,
            () -> workspace.opened().get() == null ? "" : workspace.opened().get().title(),
            () -> detail.layer().get() == null ? null : detail.layer().get().layer().name());
    exports = new ReportExports(workspace, plans, accuracy, costs, charts, chartExports, dialogs);
    modelExports = new ModelExports(workspace, plans, dialogs);
    projects = new ProjectActions(workspace, plans, costs, appearance, writes, dialogs);
    actions = new WorkbenchActions(workspace, plans, dialogs);

    tableView = new LayerTableView(workspace, plans, tableModel, dialogs, m);
    detailView = new DetailView(detail, charts, m);
    dashboardView = new DashboardView(workspace, plans, costs, accuracy, charts, m);
    statusView = new StatusView(workspace, plans);
    sensitivity = new SensitivityViewModel(workspace, accuracy, m);
    flipped = FlippedSamplesModel.of(accuracy);
    sensitivityView = new SensitivityView(sensitivity, charts, m);
    flippedView = new FlippedSamplesView(flipped, m);
    activationsView = new ActivationsView(activations, workspace, charts, m);
    accuracyWindow =
        new AccuracyWindow(
            stage,
            sensitivityView,
            flippedView,
            activationsView,
            workspace.opened(),
            appearance,
            m);
    lessonsWindow =
        new LessonsWindow(
            stage,
            appearance,
            m,
            charts,
            workspace.opened(),
            workspace.selectedLayer(),
            (plan, lesson) -> {
              plans.apply(plan, m.get("undo.lessonPlan", lesson));
              stage.toFront();
            },
            new io.quantlens.ui.state.BitErrorState(workspace, accuracy),
            costs::costOf,
            new io.quantlens.ui.state.ClaimsState(workspace, accuracy, costs::costOf),
            new io.quantlens.ui.state.MixedPrecisionState(workspace, accuracy));
    toolchains = new ToolchainsModel(workspace);
    toolchainsWindow =
        new ToolchainsWindow(
            stage,
            new ToolchainsView(toolchains, charts, dialogs, m),
            workspace.opened(),
            appearance,
            m);
    root = new MainView(this);

    // Generated inputs take the workload's sizes: the model runs at the shapes it is costed at.
    costs
        .workload()
        .addListener((obs, old, now) -> accuracy.inputDims().set(new InputDims(now.dims())));
    new Notices(services.notices(), m, root);
  }

  /** The services of the real window: the given runner, the system's language, a short wait. */
  public static Services services(TaskRunner tasks, javafx.util.Duration measureDelay) {
    return services(tasks, measureDelay, Language.of(Locale.getDefault()));
  }

  /** The services in {@code language}. */
  public static Services services(
      TaskRunner tasks, javafx.util.Duration measureDelay, Language language) {
    return new Services(tasks, language.messages(), new UserNotices(), measureDelay);
  }

  /** The same services in {@code language}. */
  Services servicesIn(Language language) {
    return services(services.tasks(), services.measureDelay(), language);
  }

  RecentFiles recent() {
    return recent;
  }

  Dialogs dialogs() {
    return dialogs;
  }

  /** View ▸ Language: rebuilds the window in {@code language}, keeping the model and the plan. */
  public void switchLanguage(Language language) {
    if (language != services.messages().language()) {
      languageSwitch.accept(language);
    }
  }

  void onLanguageSwitch(java.util.function.Consumer<Language> action) {
    this.languageSwitch = action;
  }

  /** Closes the windows this workbench opened beside the main one. */
  void closeSideWindows() {
    for (javafx.stage.Stage side :
        new javafx.stage.Stage[] {
          accuracyWindow.stage(), lessonsWindow.stage(), toolchainsWindow.stage()
        }) {
      if (side != null) {
        side.close();
      }
    }
  }

  /** Times plan changes and opening to the screen. */
  void setTiming(UiTiming timing) {
    this.timing = timing;
    workspace.setTiming(timing);
    plans.setTiming(timing);
  }

  /** The timing set by {@link WorkbenchApp#show}, or null. */
  UiTiming timing() {
    return timing;
  }

  public Parent root() {
    return root;
  }

  public Stage stage() {
    return stage;
  }

  Window window() {
    return stage;
  }

  public Services services() {
    return services;
  }

  public Messages messages() {
    return services.messages();
  }

  public Workspace workspace() {
    return workspace;
  }

  public PlanEditor plans() {
    return plans;
  }

  public CostState costs() {
    return costs;
  }

  public AccuracyState accuracy() {
    return accuracy;
  }

  public DetailViewModel detail() {
    return detail;
  }

  public LayerTableModel tableModel() {
    return tableModel;
  }

  public WorkbenchActions actions() {
    return actions;
  }

  public ReportExports exports() {
    return exports;
  }

  public ModelExports modelExports() {
    return modelExports;
  }

  public ProjectActions projects() {
    return projects;
  }

  public LayerTableView tableView() {
    return tableView;
  }

  public DetailView detailView() {
    return detailView;
  }

  public DashboardView dashboardView() {
    return dashboardView;
  }

  public StatusView statusView() {
    return statusView;
  }

  public Appearance appearance() {
    return appearance;
  }

  public ChartPanes charts() {
    return charts;
  }

  public SensitivityViewModel sensitivity() {
    return sensitivity;
  }

  public FlippedSamplesModel flipped() {
    return flipped;
  }

  public SensitivityView sensitivityView() {
    return sensitivityView;
  }

  public FlippedSamplesView flippedView() {
    return flippedView;
  }

  public ActivationState activations() {
    return activations;
  }

  public ActivationsView activationsView() {
    return activationsView;
  }

  public AccuracyWindow accuracyWindow() {
    return accuracyWindow;
  }

  public LessonsWindow lessonsWindow() {
    return lessonsWindow;
  }

  public ToolchainsModel toolchains() {
    return toolchains;
  }

  public ToolchainsWindow toolchainsWindow() {
    return toolchainsWindow;
  }

  /** View ▸ Compare with toolchain files…: the open model against the files toolchains made. */
  public void showToolchains() {
    toolchainsWindow.show();
  }

  /**
   * After a language switch: {@code old}'s toolchain files, preset and mapping, and its window
   * again if it was open.
   */
  void continueToolchains(Workbench old, boolean wasShowing) {
    toolchains.carryOver(old.toolchains);
    if (wasShowing) {
      showToolchains();
    }
  }

  /** Help ▸ Lessons and the toolbar's Teach button. */
  public void showLessons() {
    lessonsWindow.show();
  }

  /** Plan ▸ Sensitivity…: the ranking, with the probe scheme to choose before a scan. */
  public void showSensitivity() {
    accuracyWindow.showSensitivity();
  }

  /** Plan ▸ Flipped samples…: the samples whose class the current plan changes. */
  public void showFlipped() {
    accuracyWindow.showFlipped();
  }

  /** Plan ▸ Activations…: each layer's input and its local and accumulated output error. */
  public void showActivations() {
    accuracyWindow.showActivations();
  }

  /** A dropped project file opens as a project, anything else as a model. */
  public void openDropped(Path file) {
    if (ProjectActions.isProjectFile(file)) {
      projects.open(file);
    } else {
      actions.open(file);
    }
  }

  void showModelInfo() {
    OpenModel open = workspace.opened().get();
    if (open != null) {
      new ModelInfoDialog(window(), messages(), open.session().model()).show();
    }
  }

  void showSettings() {
    settingsDialog().showAndWait();
  }

  SettingsDialog settingsDialog() {
    return new SettingsDialog(window(), workspace, costs, accuracy, services);
  }

  void quit() {
    stage.close();
  }
}
