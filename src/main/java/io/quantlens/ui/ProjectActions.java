package io.quantlens.ui;

import io.quantlens.report.Project;
import io.quantlens.report.ProjectJson;
import io.quantlens.session.ModelSources;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;

/**
 * Saves and opens projects: the model, the plan, the hardware, the workload and view settings, in
 * one JSON file written atomically.
 */
final class ProjectActions {
  static final String EXTENSION = ".quantlens.json";

  private final Workbench app;
  private final Messages m;

  ProjectActions(Workbench app) {
    this.app = app;
    this.m = app.model().messages();
  }

  static boolean isProjectFile(Path file) {
    return file.getFileName().toString().endsWith(EXTENSION);
  }

  void saveProject() {
    OpenModel open = app.model().model().get();
    if (open == null) {
      return;
    }
    FileChooser chooser = chooser();
    chooser.setInitialFileName(open.title().replaceFirst("\\.[^.]*$", "") + EXTENSION);
    File file = chooser.showSaveDialog(app.window());
    if (file != null) {
      save(file.toPath());
    }
  }

  void openProject() {
    File file = chooser().showOpenDialog(app.window());
    if (file != null) {
      open(file.toPath());
    }
  }

  /** Writes the project in the background. */
  Task<Path> save(Path file) {
    Project project = current();
    return app.model()
        .writeInBackground(
            m.get("task.saveProject", file.getFileName()),
            file,
            () -> ProjectJson.write(project, file),
            "project.saved",
            "error.saveProject");
  }

  /** Reads the project in the background, then opens its model with its plan. */
  Task<Project> open(Path file) {
    BackgroundTask<Project> task =
        BackgroundTask.of(
            m.get("task.openProject", file.getFileName()), () -> ProjectJson.read(file));
    task.setOnSucceeded(e -> apply(task.getValue()));
    task.setOnFailed(e -> app.model().reportError(ErrorText.of(task.getException())));
    return app.model().executor().submit(task);
  }

  private void apply(Project project) {
    app.costs().byId(project.hardwareId()).ifPresent(app.costs().hardware()::set);
    app.costs().workload().set(project.workload());
    Map<String, String> view = project.view();
    app.darkTheme().set(Boolean.parseBoolean(view.getOrDefault("dark", "false")));
    String selected = view.get("selectedLayer");
    if (selected != null) {
      app.model().selectedLayer().set(selected);
    }
    app.model().open(project.model(), project.plan());
  }

  private Project current() {
    OpenModel open = app.model().model().get();
    Map<String, String> view = new LinkedHashMap<>();
    view.put("dark", Boolean.toString(app.darkTheme().get()));
    String selected = app.model().selectedLayer().get();
    if (selected != null) {
      view.put("selectedLayer", selected);
    }
    boolean sample = ModelSources.samples().stream().anyMatch(s -> s.id().equals(open.source()));
    return new Project(
        sample ? open.source() : open.file().toAbsolutePath().toString(),
        app.model().plan().get(),
        app.costs().hardware().get().id(),
        app.costs().workload().get(),
        view);
  }

  private FileChooser chooser() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(m.get("project.title"));
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(m.get("project.filter"), "*" + EXTENSION));
    return chooser;
  }
}
