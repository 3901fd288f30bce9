package io.quantlens.ui.export;

import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.ChartExport;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.FileWrites;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;

/**
 * Saves one chart as PNG (size and scale chosen), SVG or CSV, in the background; the figures in the
 * light {@link PrintStyle}, named by model and layer.
 */
public final class ChartExports {
  /** Width and height in points, and the pixel scale, of a PNG export. */
  record PngSize(int width, int height, double scale) {}

  private final FileWrites writes;
  private final Messages m;
  private final Dialogs dialogs;
  private final Supplier<Window> owner;

  public ChartExports(FileWrites writes, Messages m, Dialogs dialogs, Supplier<Window> owner) {
    this.writes = writes;
    this.m = m;
    this.dialogs = dialogs;
    this.owner = owner;
  }

  void png(ChartPane pane) {
    if (pane.chart().get() == null) {
      return;
    }
    askPngSize((int) Math.max(640, pane.getWidth()), (int) Math.max(400, pane.getHeight()))
        .ifPresent(
            size ->
                choose(pane.fileName("png"), "PNG", "*.png")
                    .ifPresent(file -> writePng(pane, file, size)));
  }

  /** Writes the pane's chart in the print style as a PNG of {@code size}. */
  Task<Path> writePng(ChartPane pane, Path file, PngSize size) {
    Printed chart = Printed.of(pane);
    return run(
        file,
        () ->
            ChartExport.writePng(
                chart.draw(c -> ChartExport.image(c, size.width(), size.height(), size.scale())),
                file));
  }

  void svg(ChartPane pane) {
    if (pane.chart().get() == null) {
      return;
    }
    int w = (int) Math.max(640, pane.getWidth());
    int h = (int) Math.max(400, pane.getHeight());
    choose(pane.fileName("svg"), "SVG", "*.svg")
        .ifPresent(
            file -> {
              Printed chart = Printed.of(pane);
              run(
                  file,
                  () ->
                      ChartExport.writeSvg(
                          chart.draw(c -> ChartExport.svgDocument(c, w, h)), file));
            });
  }

  void csv(ChartPane pane) {
    BuiltChart chart = pane.chart().get();
    if (chart == null) {
      return;
    }
    choose(pane.fileName("csv"), "CSV", "*.csv")
        .ifPresent(file -> run(file, () -> ChartExport.csv(chart, file)));
  }

  private Optional<PngSize> askPngSize(int width, int height) {
    Dialog<PngSize> dialog = new Dialog<>();
    dialog.initOwner(owner.get());
    dialog.setTitle(m.get("export.pngTitle"));
    Spinner<Integer> w = new Spinner<>(100, 10000, width, 10);
    Spinner<Integer> h = new Spinner<>(100, 10000, height, 10);
    Spinner<Double> scale = new Spinner<>(0.5, 4.0, 2.0, 0.5);
    for (Spinner<?> s : List.of(w, h, scale)) {
      s.setEditable(true);
    }
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.addRow(0, new Label(m.get("export.width")), w);
    grid.addRow(1, new Label(m.get("export.height")), h);
    grid.addRow(2, new Label(m.get("export.scale")), scale);
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    io.quantlens.ui.dialogs.DialogButtons.label(dialog.getDialogPane(), m);
    dialog.setResultConverter(
        b -> b == ButtonType.OK ? new PngSize(w.getValue(), h.getValue(), scale.getValue()) : null);
    return dialog.showAndWait();
  }

  private Optional<Path> choose(String suggested, String kind, String pattern) {
    return dialogs.saveFile(
        m.get("export.title", kind), suggested, List.of(new Dialogs.FileType(kind, pattern)));
  }

  /** Writes in the background; a failure is reported with the file's name. */
  Task<Path> run(Path file, FileWrites.Work work) {
    return writes.write(
        m.get("task.export", file.getFileName()), file, work, "export.done", "error.export");
  }

  /**
   * The chart a pane shows at the moment the user asks, drawn later in the print style: on the FX
   * thread, which owns it, while only the file writing stays in the background.
   */
  record Printed(ChartPane pane, BuiltChart shown, ChartSubject subject) {
    /** Call on the FX thread. */
    static Printed of(ChartPane pane) {
      return new Printed(pane, pane.chart().get(), pane.subject());
    }

    <T> T draw(Function<JFreeChart, T> draw) throws Exception {
      return onFxThread(
          () -> PrintStyle.drawn(shown.chart(), subject, pane.style(), pane.fontScale(), draw));
    }
  }

  static <T> T onFxThread(Callable<T> work) throws Exception {
    if (Platform.isFxApplicationThread()) {
      return work.call();
    }
    FutureTask<T> task = new FutureTask<>(work);
    Platform.runLater(task);
    return task.get();
  }
}
