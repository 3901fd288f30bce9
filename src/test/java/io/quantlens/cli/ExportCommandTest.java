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
 * GgufExportTest's (from GGUF) and HfGgufExportTest's (from safetensors).
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
    Cli.Result hf = Cli.run("export", safetensors, out, "--to", "gguf", "--scheme", "int4:g32:sym");
    assertEquals(ExitCodes.USAGE, hf.exitCode(), hf::toString);
    assertEquals(
        "quantlens: lm_head: int4:g32:sym has no GGUF type; GGUF takes ggml types (q8_0, q4_k"
            + " …), fp16 and bf16\n",
        hf.err());
  }

  @Test
  void aHuggingFaceCheckpointIsConvertedWithOneWarningForItsMissingTokenizer() throws Exception {
    Path hf = Files.createDirectories(dir.resolve("tiny-hf"));
    SyntheticModels.writeSafetensors(
        LlmShape.TINY, SyntheticModels.SafetensorsType.F16, 2, 1, hf, n -> {});
    Path out = dir.resolve("tiny-q8.gguf");
    Cli.Result r = Cli.run("export", hf, out, "--to", "gguf", "--preset", "llama-q8_0");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Wrote " + out + ": q8_0 16; "), r::toString);
    assertEquals(
        "Warning: "
            + out
            + " carries no real tokenizer (the checkpoint has no tokenizer.model QuantLens reads):"
            + " llama.cpp loads it, but its text is meaningless.\n",
        r.err());
    Model m = new GgufReader().read(out);
    assertEquals("llama", m.metadata().properties().get("general.architecture"));
    assertEquals("7", m.metadata().properties().get("general.file_type"));
    assertEquals(21, m.initializers().size());
  }

  @Test
  void aCheckpointWithoutConfigOrOfAnotherArchitectureIsRefusedInOneLine() throws Exception {
    Path hf = Files.createDirectories(dir.resolve("hf"));
    SyntheticModels.writeSafetensors(
        LlmShape.TINY,
        SyntheticModels.SafetensorsType.F16,
        1,
        1,
        hf.resolve("model.safetensors"),
        n -> {});
    Path config = hf.resolve("config.json");
    String llama = Files.readString(config);
    Files.writeString(config, llama.replace("LlamaForCausalLM", "GPT2LMHeadModel"));
    Path out = dir.resolve("x.gguf");
    Cli.Result gpt2 = Cli.run("export", hf, out, "--to", "gguf", "--scheme", "q8_0");
    assertEquals(ExitCodes.BAD_INPUT, gpt2.exitCode(), gpt2::toString);
    assertEquals(
        "quantlens: "
            + config.toAbsolutePath()
            + ": architecture GPT2LMHeadModel cannot be converted to GGUF; QuantLens converts"
            + " LlamaForCausalLM, MistralForCausalLM (llama) and Phi3ForCausalLM (phi3)\n",
        gpt2.err());

    Files.delete(config);
    Cli.Result none = Cli.run("export", hf, out, "--to", "gguf", "--scheme", "q8_0");
    assertEquals(ExitCodes.BAD_INPUT, none.exitCode(), none::toString);
    assertEquals(
        "quantlens: "
            + hf.toAbsolutePath()
            + ": has no config.json; converting a Hugging Face checkpoint to GGUF needs its"
            + " configuration\n",
        none.err());
    assertTrue(!Files.exists(out));
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
