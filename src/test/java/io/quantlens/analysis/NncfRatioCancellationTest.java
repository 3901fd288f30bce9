package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The NNCF ratio preset reads every eligible weight; an interrupt (a cancel) stops the reading. */
class NncfRatioCancellationTest {
  private static final PlanPreset RATIO = PlanPresets.byId("nncf-int4-sym-r0.8").orElseThrow();

  private final AtomicInteger reads = new AtomicInteger();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  /** A [256, 256] MatMul whose reader counts its reads and may interrupt the reading thread. */
  private Layer matMul(String name, boolean interrupts) {
    Tensor weight =
        new Tensor(
            name + ".weight",
            DType.FLOAT32,
            new long[] {256, 256},
            (start, dst, off, count) -> {
              reads.incrementAndGet();
              Arrays.fill(dst, off, off + count, 0.01f * name.length());
              if (interrupts) {
                Thread.currentThread().interrupt();
              }
            });
    return new Layer(name, "MatMul", weight, null, 0);
  }

  @Test
  void anInterruptStopsTheRankingBeforeTheNextWeightIsRead() {
    Model m =
        model(matMul("a", true), matMul("bb", true), matMul("ccc", true), matMul("out", true));

    CancellationException stop = assertThrows(CancellationException.class, () -> RATIO.planFor(m));

    assertEquals(1, reads.get(), "three ratio-defining weights, only the first was read");
    assertTrue(stop.getMessage().contains("bb"), stop.getMessage());
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the caller");
  }

  @Test
  void withoutAnInterruptEveryRatioDefiningWeightIsRead() {
    Model m = model(matMul("a", false), matMul("bb", false), matMul("out", false));

    PrecisionPlan plan = RATIO.planFor(m);

    assertEquals(2, reads.get(), "a and bb; out is the last MatMul and not ranked");
    assertEquals(NncfPresets.INT8_ASYM, plan.schemeFor("out"));
  }
}
