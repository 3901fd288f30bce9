package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A preset's plan is made in the background, shows in the status bar and can be cancelled. */
class PresetInBackgroundTest extends WorkbenchTest {
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);

  /** A preset that ranks layers forever, as a huge model feels, until its thread is interrupted. */
  private final PlanPreset endless =
      new PlanPreset(
          "endless",
          "Endless ranking",
          "Reads weights until cancelled.",
          "this test",
          model -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
              Thread.onSpinWait();
            }
            interrupted.countDown();
            throw new CancellationException("cancelled");
          });

  @Test
  void cancellingAPresetFromTheStatusBarStopsItAndKeepsThePlan(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    fx(() -> app.plans().setScheme(java.util.List.of("fc1"), Scheme.parse("int8:channel:sym")));
    fixture.waitForIdle();
    PrecisionPlan before = onFx(() -> app.plans().plan().get());

    fx(() -> app.actions().applyPreset(endless));
    assertTrue(started.await(10, TimeUnit.SECONDS), "the preset runs in the background");
    WorkbenchFixture.waitUntil(5, () -> app.statusView().isVisible());
    assertEquals(
        app.messages().get("task.preset", "Endless ranking"),
        WorkbenchWindowTest.valueText(robot, "#statusWork"));
    fixture.screenshot("07-preset-running");

    robot.clickOn("#cancelTask");
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "cancel interrupts the preset's thread");
    fixture.waitForIdle();
    assertEquals(before, onFx(() -> app.plans().plan().get()));
    assertEquals(
        app.messages().get("undo.setLayer", "fc1", "int8:channel:sym"),
        onFx(() -> app.plans().undoDescription()));
    assertFalse(onFx(() -> app.plans().canRedo().get()));
  }

  @Test
  void aQuickPresetLandsAsOneUndoStep() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    PlanPreset int8 = PlanPresets.byId("int8").orElseThrow();

    fx(() -> app.actions().applyPreset(int8));
    WorkbenchFixture.waitUntil(10, () -> !PrecisionPlan.fp32().equals(app.plans().plan().get()));
    fixture.waitForIdle();

    assertEquals(
        int8.planFor(onFx(() -> app.workspace().opened().get().analysis().model())),
        onFx(() -> app.plans().plan().get()));
    assertEquals(
        app.messages().get("undo.preset", int8.name()), onFx(() -> app.plans().undoDescription()));
    fx(() -> app.plans().undo());
    fixture.waitForIdle();
    assertEquals(PrecisionPlan.fp32(), onFx(() -> app.plans().plan().get()));
  }
}
