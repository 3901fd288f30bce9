package io.quantlens.ui.project;

import io.quantlens.report.Project;
import io.quantlens.report.ProjectJson;
import io.quantlens.session.ModelSources;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.FileWrites;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.concurrent.Task;

/**
 * Saves and opens projects: the model, the plan, the hardware, the workload and view settings, in
 * one JSON file written atomically.
 */
public final class ProjectActions {
  public static final String EXTENSION = ".quantlens.json";

  private final Workspace workspace;
  private final PlanEditor plans;
  private final CostState costs;
  private final Appearance appearance;
  private final FileWrites writes;
  private final Services services;
  private final Messages m;
  private final Dialogs dialogs;

  public ProjectActions(
      Workspace workspace,
      PlanEditor plans,
      CostState costs,
      Appearance appearance,
      FileWrites writes,
      Dialogs dialogs) {
    this.workspace = workspace;
    this.plans = plans;
    this.costs = costs;
    this.appearance = appearance;
    this.writes = writes;
    this.services = workspace.services();
    this.m = services.messages();
    this.dialogs = dialogs;
  }

  public static boolean isProjectFile(Path file) {
    return file.getFileName().toString().endsWith(EXTENSION);
  }

  public void saveProject() {
    OpenModel open = workspace.opened().get();
    if (open == null) {
      return;
    }
    dialogs
        .saveFile(
            m.get("project.title"),
            open.title().replaceFirst("\\.[^.]*$", "") + EXTENSION,
            projectType())
        .ifPresent(this::save);
  }

  public void openProject() {
    dialogs.openFile(m.get("project.title"), projectType()).ifPresent(this::open);
  }

  /** Writes the project in the background. */
  public Task<Path> save(Path file) {
    Project project = current();
    return writes.write(
        m.get("task.saveProject", file.getFileName()),
        file,
        () -> ProjectJson.write(project, file),
        "project.saved",
        "error.saveProject");
  }

  /** Reads the project in the background, then opens its model with its plan. */
  public Task<Project> open(Path file) {
    BackgroundTask<Project> task =
        BackgroundTask.of(
            m.get("task.openProject", file.getFileName()), () -> ProjectJson.read(file));
    task.setOnSucceeded(e -> apply(task.getValue()));
    task.setOnFailed(
        e -> services.notices().error(ErrorText.of(task.getException(), services.messages())));
    return services.tasks().submit(task);
  }

  /** The model, plan, hardware, workload and view as they are now; null with no model open. */
  public Project snapshot() {
    return workspace.opened().get() == null ? null : current();
  }

  /** Opens {@code project}'s model with its plan, hardware, workload and view. */
  public void restore(Project project) {
    apply(project);
  }

  private void apply(Project project) {
    costs.byId(project.hardwareId()).ifPresent(costs.hardware()::set);
    costs.workload().set(project.workload());
    Map<String, String> view = project.view();
    appearance.dark().set(Boolean.parseBoolean(view.getOrDefault("dark", "false")));
    String selected = view.get("selectedLayer");
    if (selected != null) {
      workspace.select(selected);
    }
    workspace.open(project.model(), project.plan());
  }

  private Project current() {
    OpenModel open = workspace.opened().get();
    Map<String, String> view = new LinkedHashMap<>();
    view.put("dark", Boolean.toString(appearance.dark().get()));
    String selected = workspace.selectedLayer().get();
    if (selected != null) {
      view.put("selectedLayer", selected);
    }
    boolean sample = ModelSources.samples().stream().anyMatch(s -> s.id().equals(open.source()));
    return new Project(
        sample ? open.source() : open.file().toAbsolutePath().toString(),
        plans.plan().get(),
        costs.hardware().get().id(),
        costs.workload().get(),
        view);
  }

  private List<Dialogs.FileType> projectType() {
    return List.of(new Dialogs.FileType(m.get("project.filter"), "*" + EXTENSION));
  }
}
