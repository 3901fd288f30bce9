package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.onnx.OnnxTestModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs of absurd fixed sizes end in one line naming the file, not an overflow or OOM. */
class AbsurdShapesTest {
  @TempDir Path dir;

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1500, 3000})
  void squareFixedInputsEvaluateAndCostInA256MiBHeap(int side) throws Exception {
    // found by fuzzing: eval ran out of memory at 1500², cost overflowed an int at 3000²
    Path model =
        new OnnxTestModel()
            .input("x", OnnxTestModel.FLOAT, side, side)
            .initializer(OnnxTestModel.floats("w", new long[] {side, 4}, new float[side * 4]))
            .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
            .output("y", OnnxTestModel.FLOAT, side, 4)
            .write(dir.resolve("square" + side + ".onnx"));
    for (String command : new String[] {"eval", "cost"}) {
      var r = io.quantlens.testing.SmallHeapCli.run("256m", command, model.toString());
      assertEquals(0, r.exitCode(), command + ": " + r.output());
    }
  }

  @Test
  void anInputOfTwoToTheFortyValuesIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Path model =
        new OnnxTestModel()
            .input("x", OnnxTestModel.FLOAT, 1, 1L << 40)
            .initializer(OnnxTestModel.floats("w", new long[] {4, 4}, new float[16]))
            .node("Relu", "relu", List.of("x"), List.of("y"))
            .node("MatMul", "mm", List.of("y", "w"), List.of("z"))
            .output("z", OnnxTestModel.FLOAT, 1, 4)
            .write(dir.resolve("huge.onnx"));
    Cli.Result r = Cli.run("eval", model);
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertFalse(r.hasStackTrace(), r.err());
    assertTrue(
        r.err().startsWith("quantlens: " + model + ": generated inputs would need more than"),
        r.err());
    assertTrue(r.err().contains("input 'x' [64, 1099511627776]"), r.err());
  }
}
