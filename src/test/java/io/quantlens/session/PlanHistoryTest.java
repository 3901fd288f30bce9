package io.quantlens.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanHistoryTest {
  private static final Scheme INT8 = Scheme.parse("int8");
  private static final Scheme INT4 = Scheme.parse("int4:g32:sym");
  private static final PrecisionPlan P0 = PrecisionPlan.fp32();
  private static final PrecisionPlan P1 = P0.with("a", INT8);
  private static final PrecisionPlan P2 = P1.with("b", INT4);

  @Test
  void undoAndRedoWalkThroughTheChanges() {
    PlanHistory h = new PlanHistory(P0);
    assertFalse(h.canUndo());
    assertFalse(h.canRedo());
    assertEquals(Optional.empty(), h.undoDescription());

    assertTrue(h.apply(P1, "a → int8"));
    assertTrue(h.apply(P2, "b → int4"));
    assertEquals(P2, h.current());
    assertEquals(Optional.of("b → int4"), h.undoDescription());

    assertTrue(h.undo());
    assertEquals(P1, h.current());
    assertEquals(Optional.of("a → int8"), h.undoDescription());
    assertEquals(Optional.of("b → int4"), h.redoDescription());

    assertTrue(h.undo());
    assertEquals(P0, h.current());
    assertFalse(h.canUndo());
    assertFalse(h.undo(), "nothing left to undo");
    assertEquals(P0, h.current());

    assertTrue(h.redo());
    assertEquals(P1, h.current());
    assertTrue(h.redo());
    assertEquals(P2, h.current());
    assertFalse(h.canRedo());
    assertFalse(h.redo());
    assertEquals(Optional.of("b → int4"), h.undoDescription());
  }

  @Test
  void anEqualPlanIsNoStep() {
    PlanHistory h = new PlanHistory(P0);
    List<PrecisionPlan> heard = new ArrayList<>();
    h.addListener(heard::add);
    assertFalse(h.apply(PrecisionPlan.fp32(), "nothing"));
    assertFalse(h.canUndo());
    assertEquals(List.of(), heard);
    h.apply(P1, "a → int8");
    assertFalse(h.apply(P0.with("a", Scheme.parse("int8:channel:sym")), "same again"));
    assertEquals(1, h.undoSize());
  }

  @Test
  void aNewChangeClearsRedo() {
    PlanHistory h = new PlanHistory(P0);
    h.apply(P1, "a → int8");
    h.undo();
    assertTrue(h.canRedo());
    h.apply(P0.with("c", INT4), "c → int4");
    assertFalse(h.canRedo());
    assertEquals(Optional.empty(), h.redoDescription());
    h.undo();
    assertEquals(P0, h.current());
  }

  @Test
  void onlyTheLast200StepsAreKept() {
    PlanHistory h = new PlanHistory(P0);
    for (int i = 1; i <= 250; i++) {
      h.apply(P0.with("layer" + i, INT8), "step " + i);
    }
    assertEquals(200, h.undoSize());
    int undone = 0;
    while (h.undo()) {
      undone++;
    }
    assertEquals(200, undone);
    // Step 51 is the oldest kept: undoing it leads back to the plan step 50 made.
    assertEquals(P0.with("layer50", INT8), h.current());
    assertEquals(Optional.of("step 51"), h.redoDescription());
  }

  @Test
  void listenersHearEveryChangeAfterItHappens() {
    PlanHistory h = new PlanHistory(P0);
    List<PrecisionPlan> heard = new ArrayList<>();
    h.addListener(
        plan -> {
          assertEquals(plan, h.current(), "the change is made before listeners hear of it");
          heard.add(plan);
        });
    h.apply(P1, "1");
    h.apply(P2, "2");
    h.undo();
    h.redo();
    h.undo();
    h.undo();
    h.undo(); // nothing to undo: no call
    assertEquals(List.of(P1, P2, P1, P2, P1, P0), heard);
  }

  @Test
  void resetStartsOverAndRemovedListenersHearNothing() {
    PlanHistory h = new PlanHistory(P0);
    List<PrecisionPlan> heard = new ArrayList<>();
    Consumer<PrecisionPlan> listener = heard::add;
    h.addListener(listener);
    h.apply(P1, "1");
    h.reset(P2);
    assertEquals(P2, h.current());
    assertFalse(h.canUndo());
    assertFalse(h.canRedo());
    assertEquals(List.of(P1, P2), heard);
    h.removeListener(listener);
    h.apply(P0, "back");
    assertEquals(List.of(P1, P2), heard);
  }

  @Test
  void aDetachedCopyKeepsTheStepsAndNotTheListeners() {
    PlanHistory h = new PlanHistory(P0);
    List<PrecisionPlan> heard = new ArrayList<>();
    h.addListener(heard::add);
    PrecisionPlan p1 = P0.with("a", INT8);
    PrecisionPlan p2 = p1.with("b", INT4);
    h.apply(p1, "a to int8");
    h.apply(p2, "b to int4");
    h.undo();
    heard.clear();

    PlanHistory copy = h.detached();
    assertEquals(p1, copy.current());
    assertEquals("a to int8", copy.undoDescription().orElseThrow());
    assertEquals("b to int4", copy.redoDescription().orElseThrow());
    copy.undo();
    assertEquals(P0, copy.current());
    assertEquals(p1, h.current(), "the original stays where it was");
    assertEquals(List.of(), heard, "the original's listeners hear nothing of the copy");
  }
}
