package io.quantlens.ui;

import static org.junit.jupiter.api.Assertions.fail;

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
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the workbench on a TestFX stage and waits for its background work. */
final class WorkbenchFixture {
  static final Path SAMPLES = Path.of(System.getProperty("basedir", "."), "sample-models");
  static final Path MNIST = SAMPLES.resolve("mnist-cnn").resolve("mnist-cnn.onnx");
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "screenshots");

  final TaskExecutor executor = new TaskExecutor(2);
  final Workbench app;

  WorkbenchFixture(Stage stage) {
    app = WorkbenchApp.show(stage, executor, RecentFiles.inMemory());
  }

  /** Opens {@code model} and waits until it is analysed and its cost and accuracy are known. */
  void open(Path model) throws TimeoutException {
    Platform.runLater(() -> app.model().open(model.toString(), null));
    waitUntil(60, () -> app.model().summary().get() != null);
    waitForIdle();
  }

  /** Waits until no background task runs and the accuracy debounce has fired. */
  void waitForIdle() throws TimeoutException {
    WaitForAsyncUtils.sleep(
        (long) AccuracyViewModel.DEBOUNCE.toMillis() + 100, TimeUnit.MILLISECONDS);
    waitUntil(120, () -> executor.running().isEmpty() && !app.accuracy().running().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  static void waitUntil(int seconds, BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
  }

  static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void fx(Runnable action) {
    onFx(
        () -> {
          action.run();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Saves the window as {@code target/screenshots/NAME.png}. */
  void screenshot(String name) {
    WaitForAsyncUtils.waitForFxEvents();
    save(name, onFx(() -> app.root().getScene().snapshot(null)));
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

  private static void save(String name, WritableImage image) {
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
