package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.ValueInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  // MiniLM as exported: both axes of every token input are named "batch".
  private static final List<ValueInfo> MINI_LM =
      List.of(
          new ValueInfo("input_ids", "INT64", List.of("batch", "batch")),
          new ValueInfo("attention_mask", "INT64", List.of("batch", "batch")),
          new ValueInfo("token_type_ids", "INT64", List.of("batch", "batch")));
  private static final ValueInfo IMAGE =
      new ValueInfo("pixels", "FLOAT", List.of("N", "3", "height", "width"));

  @Test
  void defaultsGiveBatchOneSequence128AndImageSide224() {
    Workload w = Workload.defaults();

    assertArrayEquals(new long[] {1, 128}, w.resolve(MINI_LM.get(0)));
    assertArrayEquals(new long[] {1, 3, 224, 224}, w.resolve(IMAGE));
    assertArrayEquals(
        new long[] {1, 128, 1},
        w.resolve(new ValueInfo("x", "FLOAT", List.of("b", "seq_len", "extra"))));
  }

  @Test
  void userSetValuesWinAndFixedDimsStay() {
    Workload w = new Workload(4, Map.of("sequence", 32L, "height", 64L));

    assertArrayEquals(new long[] {4, 32}, w.resolve(MINI_LM.get(1)));
    assertArrayEquals(new long[] {4, 3, 64, 224}, w.resolve(IMAGE));
    assertArrayEquals(
        new long[] {1, 28}, w.resolve(new ValueInfo("x", "FLOAT", List.of("1", "28"))));
  }

  @Test
  void describeSaysWhereEachValueCameFrom() {
    String text = new Workload(2, Map.of("height", 96L)).describe(List.of(IMAGE));

    assertEquals(
        String.join(
            "\n",
            "pixels[0] batch = 2 (batch)",
            "pixels[1] 3 = 3 (fixed)",
            "pixels[2] height = 96 (user-set)",
            "pixels[3] width = 224 (default image side)"),
        text);
  }

  @Test
  void unknownDimensionNamesTheKnownOnes() {
    Workload w = new Workload(1, Map.of("seq", 64L));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> w.checkAgainst(List.of(IMAGE)));

    assertTrue(e.getMessage().contains("seq"), e.getMessage());
    assertTrue(e.getMessage().contains("height, width"), e.getMessage());
    assertEquals(Set.of("sequence"), Workload.symbolicDims(MINI_LM));
  }

  @Test
  void nonPositiveValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Workload(0, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new Workload(1, Map.of("height", 0L)));
  }
}
