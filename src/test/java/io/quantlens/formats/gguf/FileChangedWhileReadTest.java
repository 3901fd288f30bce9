package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.testing.SmallHeapCli;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
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
    Thread.sleep(2000); // the analysis of a gigabyte is under way
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
}
