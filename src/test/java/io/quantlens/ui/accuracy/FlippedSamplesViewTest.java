package io.quantlens.ui.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.SampleResult;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.text.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The flipped-samples view for inputs that are not pictures, and before there is anything. */
@ExtendWith(ApplicationExtension.class)
class FlippedSamplesViewTest {
  private static final Messages M = Messages.forLocale(Locale.ENGLISH);
  private static final int SAMPLES = 1300;

  private final ObjectProperty<EvalResult> result = new SimpleObjectProperty<>();
  private final ObjectProperty<EvalData> data = new SimpleObjectProperty<>();
  private final BooleanProperty running = new SimpleBooleanProperty();

  @Start
  void start(Stage stage) {
    FlippedSamplesView view =
        new FlippedSamplesView(new FlippedSamplesModel(result, data, running), M);
    stage.setScene(new Scene(view, 640, 400));
    stage.show();
  }

  private static EvalResult measured(EvalTask.Kind kind, List<SampleResult> perSample) {
    return new EvalResult(
        PrecisionPlan.fp32(),
        new EvalTask("out", kind, null),
        SAMPLES + " samples",
        DataOrigin.FOLDER,
        SAMPLES,
        0.9,
        0.9,
        0.99,
        0.001,
        30,
        0.99,
        Double.NaN,
        perSample,
        Evaluator.FP32);
  }

  private static SampleResult sample(int index, long label, int reference, int quantized) {
    return new SampleResult(index, label, reference, quantized, 0.01, 0.99, -1, -1);
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private void show(EvalData d, EvalResult r) throws Exception {
    onFx(
        () -> {
          data.set(d);
          result.set(r);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void withoutPicturesTheFlippedSamplesAreListedByNumberWithTheirClasses(FxRobot robot)
      throws Exception {
    EvalData tokens =
        new EvalData(
            Map.of("input_ids", NpyArray.ofLongs(new long[] {SAMPLES, 16}, new long[SAMPLES * 16])),
            new long[SAMPLES],
            SAMPLES,
            DataOrigin.FOLDER,
            null);
    show(
        tokens,
        measured(
            EvalTask.Kind.CLASSIFIER,
            List.of(
                sample(0, 1, 1, 1), // kept
                sample(1, 2, 2, 0), // the plan loses the label
                sample(2, 0, 1, 0), // the plan finds it
                sample(1234, 1, 0, 2)))); // wrong either way

    List<Node> tiles =
        onFx(
            () -> List.copyOf(robot.lookup("#flippedTiles").queryAs(FlowPane.class).getChildren()));
    assertEquals(List.of("flipped-1", "flipped-2", "flipped-1234"), ids(tiles));
    assertEquals(List.of("#1", "#2", "#1234"), onFx(() -> texts(tiles, 0)));
    assertEquals(List.of("2 → 2 → 0 ✗", "0 → 1 → 0 ✓", "1 → 0 → 2"), onFx(() -> texts(tiles, 1)));
    assertEquals(
        "3 of 1,300 samples change class under fp32: 1 now wrong (✗), 1 now right (✓)."
            + " Under each: label → FP32 class → plan class.",
        onFx(() -> robot.lookup("#flippedHeader").queryAs(Label.class).getText()));
  }

  @Test
  void beforeAMeasurementAndForOutputsWithoutClassesTheViewSaysWhy(FxRobot robot) throws Exception {
    assertEquals(
        "Not measured yet: Plan ▸ Measure accuracy now (Ctrl+M), or change the plan.",
        onFx(() -> robot.lookup("#flippedHeader").queryAs(Label.class).getText()));
    onFx(
        () -> {
          running.set(true);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(
        "Measuring…", onFx(() -> robot.lookup("#flippedHeader").queryAs(Label.class).getText()));
    EvalData features =
        new EvalData(
            Map.of("x", NpyArray.ofFloats(new long[] {SAMPLES, 4}, new float[SAMPLES * 4])),
            null,
            SAMPLES,
            DataOrigin.FOLDER,
            null);
    show(features, measured(EvalTask.Kind.EMBEDDING, List.of(sample(0, -1, -1, -1))));
    assertEquals(
        "No classes to flip: the mean-pooled sentence embedding of output 'out' is compared.",
        onFx(() -> robot.lookup("#flippedHeader").queryAs(Label.class).getText()));
    assertEquals(
        0,
        (int)
            onFx(() -> robot.lookup("#flippedTiles").queryAs(FlowPane.class).getChildren().size()));
  }

  private static List<String> ids(List<Node> tiles) {
    return tiles.stream().map(Node::getId).toList();
  }

  private static List<String> texts(List<Node> tiles, int child) {
    return tiles.stream()
        .map(t -> ((Label) ((VBox) t).getChildren().get(child)).getText())
        .toList();
  }
}
