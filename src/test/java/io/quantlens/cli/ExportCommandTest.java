package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufReader;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --to gguf} as a user runs it; that its tensors are llama.cpp's own is
 * GgufExportTest's.
 */
class ExportCommandTest {
  @TempDir Path dir;
  private Path f16;

  @BeforeEach
  void write() throws Exception {
    f16 =
        SyntheticModels.writeGguf(LlmShape.TINY, GgmlType.F16, 1, dir.resolve("f16.gguf"), n -> {});
  }

  @Test
  void aSchemeForEveryLayerRetypesEveryMatrixAndKeepsTheNorms() throws Exception {
    Path out = dir.resolve("q8.gguf");
    Cli.Result r = Cli.run("export", f16, out, "--to", "gguf", "--scheme", "q8_0");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Wrote " + out + ": q8_0 16; "), r::toString);
    Model m = new GgufReader().read(out);
    for (Layer l : m.layers()) {
      assertEquals("Q8_0", l.weight().dtype().name(), l.name());
    }
    assertEquals("7", m.metadata().properties().get("general.file_type"));
    // norms stay F32 and the vocabulary is copied whole
    assertEquals(
        "FLOAT32",
        m.initializers().stream()
            .filter(t -> t.name().equals("blk.0.attn_norm.weight"))
            .findFirst()
            .orElseThrow()
            .dtype()
            .name());
    assertEquals(
        new GgufReader().read(f16).metadata().properties().get("tokenizer.ggml.tokens"),
        m.metadata().properties().get("tokenizer.ggml.tokens"));
  }

  @Test
  void whatGgufCannotHoldIsRefusedInOneLine() throws Exception {
    Path out = dir.resolve("x.gguf");
    Cli.Result int4 = Cli.run("export", f16, out, "--to", "gguf", "--scheme", "int4:g32:sym");
    assertEquals(
        "quantlens: token_embd: int4:g32:sym has no GGUF type; GGUF takes ggml types (q8_0, q4_k"
            + " …), fp16 and bf16\n",
        int4.err());
    assertTrue(!Files.exists(out));

    Cli.Result activations =
        Cli.run("export", f16, out, "--to", "gguf", "--scheme", "q8_0", "--activations", "int8");
    assertTrue(
        activations.err().contains("a GGUF file stores weights only"), activations::toString);

    Path safetensors =
        SyntheticModels.writeSafetensors(
            LlmShape.TINY,
            SyntheticModels.SafetensorsType.F16,
            1,
            1,
            dir.resolve("m.safetensors"),
            n -> {});
    Cli.Result hf = Cli.run("export", safetensors, out, "--to", "gguf", "--scheme", "q8_0");
    assertEquals(ExitCodes.BAD_INPUT, hf.exitCode(), hf::toString);
    assertTrue(
        hf.err().contains("a GGUF export rewrites a GGUF file; this is safetensors"), hf::toString);
  }

  @Test
  void anMlxFolderFromTheMlxPresetIsWhatThePresetPredicts() throws Exception {
    Path safetensors =
        SyntheticModels.writeSafetensors(
            LlmShape.TINY,
            SyntheticModels.SafetensorsType.F16,
            1,
            1,
            dir.resolve("m.safetensors"),
            n -> {});
    Path out = dir.resolve("mlx");
    Cli.Result r = Cli.run("export", safetensors, out, "--to", "mlx", "--preset", "mlx-4bit");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Wrote " + out + ": 4-bit g64 16; "), r::toString);
    Cli.Result c = Cli.run("compare", safetensors, out);
    assertEquals(0, c.exitCode(), c::toString);
    assertTrue(
        c.out()
            .lines()
            .anyMatch(l -> l.matches("Preset +mlx-4bit, from the file's own type; 0 layers .*")),
        c::toString);
    Cli.Result gguf =
        Cli.run("export", f16, dir.resolve("x"), "--to", "mlx", "--preset", "mlx-4bit");
    assertTrue(
        gguf.err().contains("an MLX export rewrites a safetensors checkpoint; this is GGUF"),
        gguf::toString);
  }

  @Test
  void anExistingFileIsKeptWithoutForceAndTheSourceIsNeverTheTarget() throws Exception {
    Path out = dir.resolve("kept.gguf");
    Files.writeString(out, "mine");
    Cli.Result r = Cli.run("export", f16, out, "--to", "gguf", "--scheme", "q8_0");
    assertTrue(r.exitCode() != 0, r::toString);
    assertEquals("mine", Files.readString(out));
    Cli.Result self = Cli.run("export", f16, f16, "--to", "gguf", "--scheme", "q8_0", "--force");
    assertTrue(self.exitCode() != 0, self::toString);
    assertEquals(LlmShape.TINY.parameterCount(), new GgufReader().read(f16).totalParameterCount());
  }
}
