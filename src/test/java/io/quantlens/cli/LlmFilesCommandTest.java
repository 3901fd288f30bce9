package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on generated GGUF and safetensors files, as a user runs them. */
class LlmFilesCommandTest {
  @TempDir Path dir;

  @Test
  void generateThenInfoCostAndEvalOnGguf() {
    Path file = dir.resolve("tiny.gguf");
    Cli.Result generated = Cli.run("generate", file, "--shape", "tiny", "--type", "q8_0");
    assertEquals(0, generated.exitCode(), generated.err());
    assertTrue(generated.out().contains("1,836,288 weights"), generated.out());

    Cli.Result info = Cli.run("info", file);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("Format     GGUF (version 3)"), info.out());
    assertTrue(info.out().contains("llama.context_length = 256"), info.out());
    assertTrue(info.out().contains("file type = 7 (MOSTLY_Q8_0)"), info.out());
    // The embedding and output (512 × 256) and 2 blocks of q, o (256²), k, v (128 × 256) and the
    // three MLP matrices (256 × 768),
    // stored as q8_0: 34 bytes per 32.
    long matrices = 2L * 512 * 256 + 2L * (2L * 256 * 256 + 2L * 128 * 256 + 3L * 256 * 768);
    assertTrue(info.out().contains(String.format("Q8_0     %,d", matrices / 32 * 34)), info.out());

    // llama.cpp's Q4_K_M rules on 2 blocks: use_more_bits(1, 2) holds (1 ≥ 7·2/8), so block 1's
    // attn_v and ffn_down, and the output, get q6_k.
    Cli.Result cost = Cli.run("cost", file, "--preset", "llama-q4_k_m", "--dim", "tokens=1");
    assertEquals(0, cost.exitCode(), cost.err());
    assertTrue(cost.out().matches("(?s).*blk\\.1\\.attn_v +q6_k.*"), cost.out());
    assertTrue(cost.out().matches("(?s).*blk\\.0\\.attn_v +q4_k.*"), cost.out());
    assertTrue(cost.out().matches("(?s).*\\noutput +q6_k.*"), cost.out());
    assertTrue(cost.out().contains("tokens = 1"), cost.out());

    Cli.Result eval = Cli.run("eval", file);
    assertEquals(ExitCodes.BAD_INPUT, eval.exitCode());
    assertTrue(eval.err().contains("measured accuracy needs an ONNX model"), eval.err());

    Cli.Result unknown = Cli.run("cost", file, "--preset", "q5");
    assertEquals(ExitCodes.USAGE, unknown.exitCode());
    assertTrue(unknown.err().contains("llama-q4_k_m"), unknown.err());
  }

  @Test
  void shardedSafetensorsAnalyse() {
    Cli.Result generated = Cli.run("generate", dir, "--shape", "tiny", "--shards", "2");
    assertEquals(0, generated.exitCode(), generated.err());
    Path index = dir.resolve("model.safetensors.index.json");
    Cli.Result analyze = Cli.run("analyze", index, "--schemes", "q4_0,int8");
    assertEquals(0, analyze.exitCode(), analyze.err());
    assertTrue(analyze.out().contains("model.layers.1.mlp.down_proj"), analyze.out());
  }

  @Test
  void generateWritesAScaledDownPhiModel() {
    Path file = dir.resolve("phi.gguf");
    Cli.Result generated =
        Cli.run("generate", file, "--shape", "phi3-tiny", "--layers", "3", "--type", "q8_0");
    assertEquals(0, generated.exitCode(), generated.err());
    // 2·512·256 + 3·(512·256 + 256² + 1536·256 + 768·256 + 2·256) + 256.
    long weights =
        2L * 512 * 256 + 3L * (512 * 256 + 256 * 256 + 1536 * 256 + 768 * 256 + 512) + 256;
    assertTrue(generated.out().contains(String.format("%,d weights", weights)), generated.out());

    Cli.Result info = Cli.run("info", file);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("general.architecture = phi3"), info.out());
    assertTrue(info.out().contains("phi3.block_count = 3"), info.out());

    Cli.Result none = Cli.run("generate", dir.resolve("none.gguf"), "--layers", "0");
    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertTrue(none.err().contains("--layers"), none.err());
  }
}
