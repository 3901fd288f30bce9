package io.quantlens.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.quantlens.session.ModelSources;
import io.quantlens.text.Language;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.dialogs.FxDialogs;
import io.quantlens.ui.project.ProjectActions;
import io.quantlens.ui.state.RecentFiles;
import io.quantlens.ui.state.SavedLanguage;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.task.FxTaskRunner;
import io.quantlens.ui.task.TaskRunner;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The workbench window: opens the model given on the command line, or the bundled MNIST sample, and
 * analyses it in the background.
 */
public final class WorkbenchApp extends Application {
  /** The window's size on a screen large enough for it. */
  public static final Dimension2D PREFERRED = new Dimension2D(1440, 900);

  /**
   * How long a plan change waits before accuracy is measured again: a burst of clicks runs once.
   */
  static final Duration MEASURE_DELAY = Duration.millis(250);

  private TaskRunner tasks;

  @Override
  public void start(Stage stage) {
    tasks = new FxTaskRunner(2);
    SavedLanguage language = SavedLanguage.inUserConfig();
    LaunchArguments args = LaunchArguments.of(getParameters().getRaw());
    Workbench workbench =
        show(
            stage,
            Workbench.services(
                tasks,
                MEASURE_DELAY,
                args.language().orElseGet(() -> language.orElse(Locale.getDefault()))),
            RecentFiles.inUserConfig(),
            language,
            null);
    args.unusable()
        .ifPresent(
            a ->
                workbench
                    .services()
                    .notices()
                    .error(workbench.messages().get("launch.unusableArgument", a)));
    String model = args.model().orElse(ModelSources.DEFAULT_SAMPLE);
    if (ProjectActions.isProjectFile(java.nio.file.Path.of(model))) {
      workbench.openDropped(java.nio.file.Path.of(model)); // a project opened from the desktop
    } else {
      workbench.workspace().open(model, null);
    }
  }

  /**
   * Builds the workbench on {@code stage} with its theme, shortcuts and timing log, and shows it;
   * {@code dialogs} null for the platform's own.
   */
  public static Workbench show(
      Stage stage, Services services, RecentFiles recent, Dialogs dialogs) {
    return show(stage, services, recent, SavedLanguage.inMemory(), dialogs);
  }

  /** As above, a language switch kept in {@code language} for the next start. */
  public static Workbench show(
      Stage stage, Services services, RecentFiles recent, SavedLanguage language, Dialogs dialogs) {
    WindowFonts.load();
    Workbench workbench =
        new Workbench(
            stage,
            services,
            recent,
            dialogs == null ? new FxDialogs(() -> stage, services.messages()) : dialogs);
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Dimension2D size = initialSize(screen);
    Scene scene = new Scene(workbench.root(), size.getWidth(), size.getHeight());
    scene
        .getStylesheets()
        .add(
            Objects.requireNonNull(
                    WorkbenchApp.class.getResource("/io/quantlens/ui/css/quantlens.css"))
                .toExternalForm());
    stage.setScene(scene);
    install(stage, scene, workbench, language);
    var icon = WorkbenchApp.class.getResourceAsStream("/io/quantlens/ui/icons/quantlens-256.png");
    if (icon != null) {
      stage.getIcons().add(new Image(icon));
    }
    if (size.getWidth() < PREFERRED.getWidth() || size.getHeight() < PREFERRED.getHeight()) {
      // A small screen: the window takes all of it rather than hanging over its edges.
      stage.setX(screen.getMinX());
      stage.setY(screen.getMinY());
      stage.setMaximized(true);
    }
    stage.show();
    return workbench;
  }

  /** The workbench now on {@code stage}: a language switch replaces the one {@link #show} made. */
  public static Workbench current(Stage stage) {
    return (Workbench) stage.getProperties().get(Workbench.class);
  }

  /** Puts {@code workbench} in {@code scene}: theme, timing, title, language switch. */
  private static void install(Stage stage, Scene scene, Workbench workbench, SavedLanguage saved) {
    stage.getProperties().put(Workbench.class, workbench);
    scene.setRoot(workbench.root());
    applyTheme(scene, workbench.appearance().dark().get());
    workbench.appearance().dark().addListener((obs, old, dark) -> applyTheme(scene, dark));
    workbench.setTiming(new UiTiming(scene));
    Runnable title =
        () ->
            stage.setTitle(
                workbench.workspace().opened().get() == null
                    ? workbench.messages().get("app.title")
                    : workbench
                        .messages()
                        .get("app.titleWith", workbench.workspace().opened().get().title()));
    title.run();
    workbench.workspace().opened().addListener((obs, old, now) -> title.run());
    workbench.onLanguageSwitch(
        language -> {
          saved.save(language);
          rebuild(stage, scene, workbench, language, saved);
        });
  }

  /**
   * The window again in {@code language}: a new workbench on the same stage, which reopens the
   * model with the plan, hardware, workload, view and undo history of the old one.
   */
  private static void rebuild(
      Stage stage, Scene scene, Workbench old, Language language, SavedLanguage saved) {
    var snapshot = old.projects().snapshot();
    boolean toolchainsShown = old.toolchainsWindow().isShowing();
    old.toolchains().cancel();
    old.closeSideWindows();
    Workbench fresh = new Workbench(stage, old.servicesIn(language), old.recent(), old.dialogs());
    fresh.appearance().dark().set(old.appearance().dark().get());
    install(stage, scene, fresh, saved);
    fresh.plans().continueHistory(old.plans());
    fresh.continueToolchains(old, toolchainsShown);
    if (snapshot != null) {
      fresh.projects().restore(snapshot);
    }
  }

  /**
   * The window's first size: {@link #PREFERRED} where the screen's usable area holds it, else that
   * area (a 1024×700 screen would otherwise show a 1440×900 window centred with its menu bar and
   * status bar off the screen).
   */
  public static Dimension2D initialSize(Rectangle2D screen) {
    return new Dimension2D(
        Math.min(PREFERRED.getWidth(), screen.getWidth()),
        Math.min(PREFERRED.getHeight(), screen.getHeight()));
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
    if (tasks != null) {
      tasks.close();
    }
  }
}
