package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.onnx.OnnxTestModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A graph without weight layers opens, but the commands that need weights stop with one line. */
class WeightlessModelTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"analyze", "eval", "cost", "sensitivity"})
  void commandsThatNeedWeightsExitThreeWithTheReason(String command) throws Exception {
    Path file = relu();
    Cli.Result r =
        command.equals("sensitivity")
            ? Cli.run(command, file.toString(), "--scheme", "int8")
            : Cli.run(command, file.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(
        r.err().startsWith("quantlens: " + file + ": no weight layer found: the graph has Relu ×1"),
        r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"info"})
  void infoStillDescribesIt(String command) throws Exception {
    Cli.Result r = Cli.run(command, relu().toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("Layers     0"), r::toString);
    assertTrue(r.out().contains("Note       no weight layer found"), r::toString);
  }

  private Path relu() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", OnnxTestModel.FLOAT, 1, 2).output("y", OnnxTestModel.FLOAT, 1, 2);
    m.node("Relu", "r", List.of("x"), List.of("y"));
    return m.write(dir.resolve("relu.onnx"));
  }
}
