package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.onnx.OnnxTestModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "info",
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(3, p.exitValue(), out);
    assertEquals(
        "quantlens: " + file + ": not enough memory to finish (",
        out.substring(0, out.indexOf('(') + 1),
        out);
    assertEquals(1, out.strip().lines().count(), out);
  }
}
