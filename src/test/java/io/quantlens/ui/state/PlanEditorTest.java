package io.quantlens.ui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import io.quantlens.ui.task.ImmediateTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The window's state driven without a stage or worker threads: tasks run at once on the FX thread,
 * and each step waits only for the FX events that hand their results over.
 */
class PlanEditorTest {
  private static final Path MNIST =
      Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn", "mnist-cnn.onnx");
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");
  private static final Scheme INT3 = Scheme.parse("int3:g64:asym");

  @BeforeAll
  static void startFx() {
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException alreadyRunning) {
      // Another test of this JVM started the toolkit.
    }
  }

  @Test
  void editsAreUndoableAndSummedByTheEngine() throws Exception {
    ModelAnalysis direct =
        Session.open(MNIST)
            .analyze(
                new AnalysisOptions(List.of(INT8, INT3), AnalysisOptions.DEFAULT_BINS, 1),
                (d, t) -> {},
                () -> false);
    double fc1Int8 = sqnr(direct, "fc1", INT8);
    double conv2Int3 = sqnr(direct, "conv2", INT3);

    State state = State.create();
    ImmediateTaskRunner tasks = state.tasks();
    UserNotices notices = state.notices();
    Workspace workspace = state.workspace();
    PlanEditor plans = state.plans();

    step(tasks, () -> workspace.open(MNIST.toString(), null));
    assertNull(notices.lastError().get());
    assertEquals("conv1", onFx(() -> workspace.selectedLayer().get()));
    assertEquals(PrecisionPlan.fp32(), onFx(() -> plans.plan().get()));
    assertFalse(onFx(() -> plans.canUndo().get()));

    step(tasks, () -> plans.setScheme(List.of("fc1"), INT8));
    assertEquals(INT8, onFx(() -> plans.plan().get().schemeFor("fc1")));
    assertEquals(fc1Int8, onFx(() -> row(plans, "fc1")), 0.0);
    step(tasks, plans::pin);

    // Not analysed when the model opened: analysed first, then applied.
    step(tasks, () -> plans.setScheme(List.of("conv2"), INT3));
    assertTrue(onFx(() -> workspace.schemes().contains(INT3)));
    assertEquals(conv2Int3, onFx(() -> row(plans, "conv2")), 0.0);
    assertEquals(INT8, onFx(() -> plans.pinned().get().schemeFor("fc1")));
    assertEquals(PrecisionPlan.FP32, onFx(() -> plans.pinned().get().schemeFor("conv2")));
    assertEquals("Set conv2 to int3:g64:asym", onFx(plans::undoDescription));

    step(tasks, plans::undo);
    assertEquals(PrecisionPlan.FP32, onFx(() -> plans.plan().get().schemeFor("conv2")));
    assertTrue(onFx(() -> plans.canRedo().get()));
    step(tasks, plans::undo);
    assertEquals(PrecisionPlan.fp32(), onFx(() -> plans.plan().get()));
    assertFalse(onFx(() -> plans.canUndo().get()));
    assertNull(notices.lastError().get());
  }

  @Test
  void twoEditsWaitingForTheirAnalysesBothLandInOrder() throws Exception {
    Scheme nf4 = Scheme.parse("nf4");
    Scheme int5 = Scheme.parse("int5:g32:sym");
    State state = State.create();
    ImmediateTaskRunner tasks = state.tasks();
    UserNotices notices = state.notices();
    Workspace workspace = state.workspace();
    PlanEditor plans = state.plans();
    step(tasks, () -> workspace.open(MNIST.toString(), null));

    // Both asked for before either scheme is analysed: the second must not start from the plan
    // the first had not changed yet, nor be lost when the first's analysis replaces the model.
    step(
        tasks,
        () -> {
          plans.setScheme(List.of("conv1"), nf4);
          plans.setScheme(List.of("fc2"), int5);
        });
    assertEquals(nf4, onFx(() -> plans.plan().get().schemeFor("conv1")));
    assertEquals(int5, onFx(() -> plans.plan().get().schemeFor("fc2")));
    assertEquals("Set fc2 to int5:g32:sym", onFx(plans::undoDescription));
    step(tasks, plans::undo);
    assertEquals(nf4, onFx(() -> plans.plan().get().schemeFor("conv1")));
    assertEquals(PrecisionPlan.FP32, onFx(() -> plans.plan().get().schemeFor("fc2")));
    assertNull(notices.lastError().get());
  }

  /** The window's state on tasks that run at once, with no stage. */
  private record State(
      ImmediateTaskRunner tasks, UserNotices notices, Workspace workspace, PlanEditor plans) {
    static State create() throws Exception {
      ImmediateTaskRunner tasks = new ImmediateTaskRunner();
      UserNotices notices = new UserNotices();
      Services services =
          new Services(tasks, Messages.forLocale(Locale.ENGLISH), notices, Duration.ZERO);
      Workspace workspace = onFx(() -> new Workspace(services, RecentFiles.inMemory()));
      PlanEditor plans = onFx(() -> new PlanEditor(workspace));
      return new State(tasks, notices, workspace, plans);
    }
  }

  /** Runs {@code action} on the FX thread, then lets every task it started hand its result over. */
  private static void step(ImmediateTaskRunner tasks, Runnable action) throws Exception {
    onFx(
        () -> {
          action.run();
          return null;
        });
    for (int i = 0; i < 100 && onFx(() -> !tasks.running().isEmpty()); i++) {
      // Each round trip runs the FX events queued before it: finished tasks' handlers, which may
      // submit more.
    }
    assertTrue(onFx(() -> tasks.running().isEmpty()), "tasks still running");
  }

  private static double row(PlanEditor plans, String layer) {
    return plans.summary().get().layers().stream()
        .filter(r -> r.layer().name().equals(layer))
        .findFirst()
        .orElseThrow()
        .sqnrDb();
  }

  private static double sqnr(ModelAnalysis analysis, String layer, Scheme scheme) {
    return analysis.layers().stream()
        .filter(l -> l.layer().name().equals(layer))
        .findFirst()
        .orElseThrow()
        .result(scheme)
        .stats()
        .sqnrDb();
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            done.complete(work.call());
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    return done.get(120, TimeUnit.SECONDS);
  }
}
