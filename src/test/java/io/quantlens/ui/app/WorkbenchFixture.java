package io.quantlens.ui.app;

import static org.junit.jupiter.api.Assertions.fail;

import io.quantlens.ui.state.RecentFiles;
import io.quantlens.ui.task.FxTaskRunner;
import io.quantlens.ui.task.TaskRunner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the workbench on a TestFX stage and waits for its background work. */
public final class WorkbenchFixture {
  public static final Path SAMPLES = Path.of(System.getProperty("basedir", "."), "sample-models");
  public static final Path MNIST = SAMPLES.resolve("mnist-cnn").resolve("mnist-cnn.onnx");
  public static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "screenshots");

  final TaskRunner executor = new FxTaskRunner(2);
  final NoDialogs dialogs = new NoDialogs();
  final Workbench app;

  /**
   * A workbench with no recent-files store, that measures accuracy right after a plan change (no
   * debounce to sleep through), and whose file dialogs fail the test if anything opens one.
   */
  WorkbenchFixture(Stage stage) {
    app =
        WorkbenchApp.show(
            stage,
            Workbench.services(executor, Duration.ZERO, io.quantlens.text.Language.ENGLISH),
            RecentFiles.inMemory(),
            dialogs);
  }

  /** Opens {@code model} and waits until it is analysed and its cost and accuracy are known. */
  void open(Path model) throws TimeoutException {
    Platform.runLater(() -> app.workspace().open(model.toString(), null));
    waitUntil(60, () -> app.plans().summary().get() != null);
    waitForIdle();
  }

  /**
   * Waits until no background task runs and no measurement is pending: the measurement a plan
   * change asks for starts after the FX events in flight, so those are drained first.
   */
  void waitForIdle() throws TimeoutException {
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(120, () -> executor.running().isEmpty() && !app.accuracy().running().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  public static void waitUntil(int seconds, BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
  }

  public static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void fx(Runnable action) {
    onFx(
        () -> {
          action.run();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Resizes the window and waits until it has laid out and redrawn at the new size. */
  void resize(double width, double height) throws TimeoutException {
    fx(
        () -> {
          app.stage().setWidth(width);
          app.stage().setHeight(height);
        });
    waitForIdle();
  }

  /** Saves the window as {@code target/screenshots/NAME.png}. */
  void screenshot(String name) {
    WaitForAsyncUtils.waitForFxEvents();
    save(name, onFx(() -> app.root().getScene().snapshot(null)));
  }

  /** Saves another window of the workbench (the accuracy window) as {@code NAME.png}. */
  void screenshot(String name, javafx.stage.Window window) {
    WaitForAsyncUtils.waitForFxEvents();
    save(name, onFx(() -> window.getScene().snapshot(null)));
  }

  /** Saves the newest popup window (a popover, a menu) as {@code NAME.png}. */
  void screenshotPopup(String name) {
    WaitForAsyncUtils.waitForFxEvents();
    save(
        name,
        onFx(
            () -> {
              var windows = javafx.stage.Window.getWindows();
              return windows.get(windows.size() - 1).getScene().snapshot(null);
            }));
  }

  /**
   * Saves the window with its open popups (a combo box's list, a tooltip) drawn where they show, as
   * {@code NAME.png}: a scene snapshot alone leaves them out.
   */
  void screenshotWithPopups(String name) {
    WaitForAsyncUtils.waitForFxEvents();
    BufferedImage image =
        onFx(
            () -> {
              javafx.scene.Scene scene = app.root().getScene();
              BufferedImage base = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
              java.awt.Graphics2D g = base.createGraphics();
              double left = scene.getWindow().getX() + scene.getX();
              double top = scene.getWindow().getY() + scene.getY();
              for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w instanceof javafx.stage.PopupWindow && w.isShowing()) {
                  // The root on a transparent fill: a popup's scene snapshot fills it white.
                  javafx.scene.Parent root = w.getScene().getRoot();
                  javafx.scene.SnapshotParameters clear = new javafx.scene.SnapshotParameters();
                  clear.setFill(javafx.scene.paint.Color.TRANSPARENT);
                  BufferedImage popup = SwingFXUtils.fromFXImage(root.snapshot(clear, null), null);
                  javafx.geometry.Bounds at = root.getBoundsInParent();
                  g.drawImage(
                      popup,
                      (int) Math.round(w.getX() + w.getScene().getX() + at.getMinX() - left),
                      (int) Math.round(w.getY() + w.getScene().getY() + at.getMinY() - top),
                      null);
                }
              }
              g.dispose();
              return base;
            });
    try {
      Files.createDirectories(SCREENSHOTS);
      ImageIO.write(image, "png", SCREENSHOTS.resolve(name + ".png").toFile());
    } catch (IOException e) {
      fail("cannot save screenshot " + name + ": " + e);
    }
  }

  /** Saves {@code image} as {@code NAME.png}; may be called on the FX thread. */
  static void save(String name, WritableImage image) {
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    try {
      Files.createDirectories(SCREENSHOTS);
      ImageIO.write(buffered, "png", SCREENSHOTS.resolve(name + ".png").toFile());
    } catch (IOException e) {
      fail("cannot save screenshot " + name + ": " + e);
    }
  }

  void close() {
    executor.close();
  }
}
