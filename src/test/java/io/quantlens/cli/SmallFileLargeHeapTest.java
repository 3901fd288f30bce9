package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.testing.SmallHeapCli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 15 MB ONNX file of a million empty initializers (found by fuzzing) needs more heap to parse
 * than a 128 MiB JVM has: the command ends in one line naming the file, not an uncaught
 * OutOfMemoryError.
 */
class SmallFileLargeHeapTest {
  @TempDir Path dir;

  @Test
  void runningOutOfHeapIsOneLineNamingTheFile() throws Exception {
    OnnxTestModel m = new OnnxTestModel().input("x", OnnxTestModel.FLOAT, 1);
    for (int i = 0; i < 1_000_000; i++) {
      m.initializer(OnnxTestModel.floats("t" + i, new long[] {0}));
    }
    Path file =
        m.node("Relu", "r", List.of("x"), List.of("y"))
            .output("y", OnnxTestModel.FLOAT, 1)
            .write(dir.resolve("million.onnx"));
    SmallHeapCli.Result r = SmallHeapCli.run("128m", "info", file.toString());
    String out = r.output();
    assertEquals(3, r.exitCode(), out);
    assertEquals(
        "quantlens: " + file + ": not enough memory to finish (",
        out.substring(0, out.indexOf('(') + 1),
        out);
    assertEquals(1, out.strip().lines().count(), out);
  }
}
