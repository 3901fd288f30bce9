package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.biterrors.StoredForm;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The lessons that measure the open model (5, 7, 8): a measurement under way can be cancelled, and
 * the page is back where it was with no result and no error.
 */
class LessonMeasurementsTest extends WorkbenchTest {
  @Test
  void cancellingEachLessonsMeasurementStopsItAndLeavesThePageIdle() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    Messages m = fixture.app.messages();
    List<String> errors = new ArrayList<>();
    fx(() -> fixture.app.services().notices().onError(errors::add));
    cancel(stage, 5, "lesson5Measure", m.get("task.bitErrors"), m.get("lesson5.none"), true);
    cancel(stage, 7, "lesson7Check", m.get("task.claims"), m.get("lesson7.none"), false);
    cancel(stage, 8, "lesson8Measure", m.get("task.mixedPrecision"), m.get("lesson8.none"), true);
    assertEquals(List.of(), errors);
    assertNull(onFx(() -> fixture.app.services().notices().lastError().get()));
  }

  @Test
  void lessonFiveTriesTheChosenStoredFormOnTheWholeModel() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(4));
    @SuppressWarnings("unchecked")
    ComboBox<StoredForm> form =
        onFx(() -> (ComboBox<StoredForm>) stage.getScene().lookup("#lesson5Form"));
    Button tryIt = onFx(() -> (Button) stage.getScene().lookup("#lesson5Try"));
    assertEquals(StoredForm.INT8, onFx(form::getValue));
    assertEquals(false, onFx(tryIt::isDisable));
    fx(tryIt::fire);
    fixture.waitForIdle();
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("int8:tensor:sym")),
        onFx(() -> fixture.app.plans().plan().get()),
        "INT8 with one symmetric scale per tensor, as the lesson stores it");
    fx(() -> form.setValue(StoredForm.FP16));
    fx(tryIt::fire);
    fixture.waitForIdle();
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("fp16")), onFx(() -> fixture.app.plans().plan().get()));
    fx(() -> form.setValue(StoredForm.INT4));
    fx(tryIt::fire);
    fixture.waitForIdle();
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("int4:tensor:sym")),
        onFx(() -> fixture.app.plans().plan().get()));
    assertNull(onFx(tryIt::getTooltip));

    fx(() -> form.setValue(StoredForm.FP32));
    assertEquals(true, onFx(tryIt::isDisable), "FP32 has nothing to apply");
    assertEquals(
        fixture.app.messages().get("lesson5.fp32Tip"), onFx(() -> tryIt.getTooltip().getText()));
    fixture.screenshot("46-lesson-bit-errors-try", stage);
    fx(() -> fixture.app.plans().undo());
    fixture.waitForIdle();
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("fp16")),
        onFx(() -> fixture.app.plans().plan().get()),
        "each try is one undoable step");
  }

  /**
   * Starts lesson {@code n}'s measurement, cancels it once it runs ({@code inLoop}: once it has
   * finished a first unit of work), and checks the page is idle, shows no result, and the work
   * stopped.
   */
  private void cancel(
      Stage stage, int n, String buttonId, String title, String none, boolean inLoop)
      throws Exception {
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(n - 1));
    Button measure = onFx(() -> (Button) stage.getScene().lookup("#" + buttonId));
    Button cancel = onFx(() -> (Button) stage.getScene().lookup("#lesson" + n + "Cancel"));
    Label numbers = onFx(() -> (Label) stage.getScene().lookup("#lesson" + n + "Numbers"));
    Node progress = onFx(() -> stage.getScene().lookup("#lesson" + n + "Progress").getParent());
    assertEquals(false, onFx(cancel::isVisible), "no Cancel while idle");
    // Started, looked at and (for a short measurement) cancelled in one pulse of the FX thread: a
    // loaded machine may otherwise finish a short measurement before the next pulse looks.
    List<Object> seen =
        onFx(
            () -> {
              measure.fire();
              Task<?> started = running(title);
              List<Object> state =
                  new ArrayList<>(
                      List.of(
                          started == null ? "not running" : started,
                          cancel.isVisible(),
                          progress.isVisible(),
                          measure.isDisable()));
              if (!inLoop && started != null) {
                cancel.fire();
              }
              return state;
            });
    assertTrue(seen.get(0) instanceof Task<?>, title);
    Task<?> task = (Task<?>) seen.get(0);
    assertEquals(List.of(true, true, true), seen.subList(1, 4), "Cancel, progress, Measure off");
    if (inLoop) {
      WorkbenchFixture.waitUntil(60, () -> task.getProgress() > 0);
      fx(cancel::fire);
    }
    assertEquals(Worker.State.CANCELLED, onFx(task::getState));
    assertEquals(false, onFx(cancel::isVisible), "the page is idle again");
    assertEquals(false, onFx(progress::isVisible));
    assertEquals(false, onFx(measure::isDisable));
    assertEquals(none, onFx(numbers::getText));
    double at = onFx(task::getProgress);
    Thread.sleep(1500);
    fixture.waitForIdle();
    assertEquals(at, onFx(task::getProgress), "the work stopped when cancelled");
    assertEquals(none, onFx(numbers::getText), "no result arrives after the cancel");
    assertTrue(at < 1, String.valueOf(at));
  }

  private Task<?> running(String title) {
    return fixture.executor.running().stream()
        .filter(t -> title.equals(t.getTitle()))
        .findFirst()
        .orElse(null);
  }
}
