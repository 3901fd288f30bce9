package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench MODEL --forward N} on a generated decoder, and its refusals. */
class ForwardBenchTest {
  @TempDir Path dir;

  @Test
  void timesTheForwardPassOfAGeneratedGguf() {
    Path gguf = dir.resolve("tiny.gguf");
    assertEquals(0, Cli.run("generate", "--shape", "tiny", "--type", "q8_0", gguf).exitCode());
    Cli.Result r =
        Cli.run(
            "bench", gguf, "--forward", "12", "--threads", "2", "--warmup", "0", "--repeat", "1");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out().contains("Forward pass       llama, 2 blocks, width 256; 2 threads\n"), r.out());
    assertTrue(r.out().contains(" tokens/s (12 tokens in "), r.out());
    assertTrue(r.out().contains(" tokens/s (8 tokens, each a run of its own)"), r.out());
  }

  @Test
  void safetensorsWithoutConfigJsonAreRefusedInOneLine() throws Exception {
    Path st = dir.resolve("tiny.safetensors");
    assertEquals(0, Cli.run("generate", "--shape", "tiny", st).exitCode());
    // generate writes a config.json beside the weights; a bare checkpoint has none
    assertTrue(java.nio.file.Files.deleteIfExists(dir.resolve("config.json")));
    Cli.Result r = Cli.run("bench", st, "--forward", "4");
    assertTrue(r.exitCode() != 0, r.toString());
    assertEquals(1, r.errLines().size(), r.toString());
    assertTrue(r.err().contains("config.json"), r.toString());
  }
}
