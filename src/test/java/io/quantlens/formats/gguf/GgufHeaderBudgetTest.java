package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.testing.SmallHeapCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small file whose header lists more entries than a quarter of the heap can hold is refused
 * before they are read, in one line stating the limit (here in a 64 MiB JVM: 40,000 empty tensors
 * in a 1.5 MB GGUF, a 2 MB safetensors header).
 */
class GgufHeaderBudgetTest {
  @TempDir Path dir;

  private static String run(Path file) throws Exception {
    SmallHeapCli.Result r = SmallHeapCli.run("64m", "info", file.toString());
    assertEquals(3, r.exitCode(), r.output());
    assertEquals(1, r.output().strip().lines().count(), r.output());
    return r.output().strip();
  }

  @Test
  void manyEmptyTensors() throws Exception {
    int n = 40_000;
    RawGguf g = RawGguf.header(3, n, 0);
    for (int i = 0; i < n; i++) {
      g.tensor("t" + i, 0, 0, 0);
    }
    Path file = g.padTo(32).write(dir.resolve("many.gguf"));
    String out = run(file);
    assertTrue(
        out.startsWith(
            "quantlens: " + file + ": the header's 40000 tensors and 0 metadata keys would take"),
        out);
    assertTrue(out.contains("more than a quarter of the Java heap (64 MiB)"), out);
  }

  @Test
  void aLargeSafetensorsHeader() throws Exception {
    StringBuilder json = new StringBuilder("{\"__metadata__\": {");
    for (int i = 0; json.length() < 2_000_000; i++) {
      json.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": \"v\"");
    }
    json.append("}}");
    byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[8 + header.length];
    java.nio.ByteBuffer.wrap(file)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(header.length)
        .put(header);
    Path path = Files.write(dir.resolve("big-header.safetensors"), file);
    String out = run(path);
    assertTrue(out.contains("-byte JSON header would take about"), out);
  }
}
