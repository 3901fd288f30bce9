package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quantlens.testing.SmallHeapCli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model cut short while `analyze` reads it (another program replacing or truncating it): the
 * JVM's fault on the mapping ends the command in one line naming the file, instead of killing the
 * analysis threads and leaving the command waiting forever.
 */
class FileChangedWhileReadTest {
  @TempDir Path dir;

  @Test
  void aModelTruncatedDuringAnalysisEndsInOneLine() throws Exception {
    long weights = 1L << 28; // 1 GB of F32 zeros, a hole in a sparse file
    Path file =
        RawGguf.header(3, 1, 0)
            .tensor("blk.0.ffn_up.weight", 0, 0, 1L << 13, weights >> 13)
            .padTo(32)
            .write(dir.resolve("big.gguf"));
    long header;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      header = f.length();
      f.setLength(header + weights * 4);
    }
    Process p = SmallHeapCli.start("512m", "analyze", file.toString());
    awaitMapped(p, file, header + weights * 4); // the analysis of a gigabyte is under way
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(header + 16);
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command ended");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(3, p.exitValue(), out);
    assertEquals(
        "quantlens: "
            + file
            + ": the file changed while it was read (truncated or replaced); try again",
        out.lines().reduce((a, b) -> b).orElse(""),
        out);
    assertTrue(out.lines().noneMatch(l -> l.contains("Exception in thread")), out);
  }

  /**
   * Waits until the command has mapped the whole file, so that cutting it now happens while it is
   * read, however slowly a loaded machine starts the JVM. Linux lists a process's mappings in
   * /proc/PID/maps; elsewhere it waits 2 s as before.
   */
  private static void awaitMapped(Process p, Path file, long size) throws Exception {
    if (!Files.isDirectory(Path.of("/proc", "self"))) {
      Thread.sleep(2000);
      return;
    }
    Path maps = Path.of("/proc", Long.toString(p.pid()), "maps");
    String path = file.toRealPath().toString();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        fail("the command ended before it mapped " + path + ": " + output(p));
      }
      try {
        if (mappedBytes(Files.readString(maps), path) >= size) {
          return;
        }
      } catch (IOException e) {
        // the process is ending; isAlive says so on the next turn
      }
      Thread.sleep(10);
    }
    fail("the command did not map all of " + path + " within 60 s");
  }

  /** Bytes of {@code path} mapped, from lines "start-end perms offset dev inode path". */
  private static long mappedBytes(String maps, String path) {
    long bytes = 0;
    for (String line : maps.lines().toList()) {
      if (line.endsWith(" " + path)) {
        String[] range = line.substring(0, line.indexOf(' ')).split("-");
        bytes += Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
      }
    }
    return bytes;
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
