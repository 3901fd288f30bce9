package io.quantlens.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.quantlens.session.ModelSources;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The workbench window: opens the model given on the command line, or the bundled MNIST sample, and
 * analyses it in the background.
 */
public final class WorkbenchApp extends Application {
  private TaskExecutor executor;

  @Override
  public void start(Stage stage) {
    executor = new TaskExecutor(2);
    Workbench workbench = show(stage, executor, RecentFiles.inUserConfig());
    List<String> args = getParameters().getRaw();
    workbench.model().open(args.isEmpty() ? ModelSources.DEFAULT_SAMPLE : args.get(0), null);
  }

  /**
   * Builds the workbench on {@code stage} with its theme, shortcuts and timing log, and shows it.
   */
  static Workbench show(Stage stage, TaskExecutor executor, RecentFiles recent) {
    Workbench workbench = new Workbench(stage, executor, recent);
    Scene scene = new Scene(workbench.root(), 1440, 900);
    scene
        .getStylesheets()
        .add(
            Objects.requireNonNull(WorkbenchApp.class.getResource("css/quantlens.css"))
                .toExternalForm());
    applyTheme(scene, workbench.darkTheme().get());
    workbench.darkTheme().addListener((obs, old, dark) -> applyTheme(scene, dark));
    new UiTiming(workbench.model(), scene);
    stage.setScene(scene);
    stage.setTitle(workbench.model().messages().get("app.title"));
    var icon = WorkbenchApp.class.getResourceAsStream("icons/quantlens-256.png");
    if (icon != null) {
      stage.getIcons().add(new Image(icon));
    }
    workbench
        .model()
        .model()
        .addListener(
            (obs, old, now) ->
                stage.setTitle(
                    now == null
                        ? workbench.model().messages().get("app.title")
                        : workbench.model().messages().get("app.titleWith", now.title())));
    stage.show();
    return workbench;
  }

  private static void applyTheme(Scene scene, boolean dark) {
    Application.setUserAgentStylesheet(
        dark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
    scene.getRoot().getStyleClass().remove("dark");
    if (dark) {
      scene.getRoot().getStyleClass().add("dark");
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.close();
    }
  }
}
