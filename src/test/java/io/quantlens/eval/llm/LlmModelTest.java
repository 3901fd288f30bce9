package io.quantlens.eval.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.model.ModelFormatException;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hyperparameters read from each kind of file, and the one-line refusals. */
class LlmModelTest {
  @TempDir Path dir;

  @Test
  void ggufMetadataGivesTheShape() throws Exception {
    LlmShape s = LlamaCppLogitsTest.PHI4_LIKE;
    Path gguf = SyntheticModels.writeGguf(s, GgmlType.F32, 1, dir.resolve("m.gguf"), n -> {});
    LlmConfig c = LlmModel.of(ModelFiles.open(gguf)).config();
    assertEquals(new LlmConfig(LlmFamily.PHI3, 600, 256, 512, 2, 8, 2, 24, 10000.0, 1e-5f), c);
    assertEquals(RopeStyle.NEOX, c.family().rope());
    assertEquals(64, c.kvWidth());
  }

  @Test
  void configJsonGivesTheSameShapeAsGguf() throws Exception {
    LlmShape s = LlamaCppLogitsTest.PHI4_LIKE;
    Path gguf = SyntheticModels.writeGguf(s, GgmlType.F32, 1, dir.resolve("m.gguf"), n -> {});
    Path st =
        SyntheticModels.writeSafetensors(
            s,
            SyntheticModels.SafetensorsType.F32,
            1,
            1,
            dir.resolve("model.safetensors"),
            n -> {});
    // generate wrote the shape's config.json beside the weights
    assertEquals(
        LlmModel.of(ModelFiles.open(gguf)).config(), LlmModel.of(ModelFiles.open(st)).config());
  }

  @Test
  void safetensorsWithoutConfigJsonAreRefusedNamingIt() throws Exception {
    Path st =
        SyntheticModels.writeSafetensors(
            LlmShape.TINY,
            SyntheticModels.SafetensorsType.F32,
            1,
            1,
            dir.resolve("model.safetensors"),
            n -> {});
    // generate writes a config.json beside the weights; a bare checkpoint has none
    java.nio.file.Files.delete(dir.resolve("config.json"));
    var model = ModelFiles.open(st);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> LlmModel.of(model));
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void rotaryScalingIsRefused() throws Exception {
    Path st =
        SyntheticModels.writeSafetensors(
            LlmShape.TINY,
            SyntheticModels.SafetensorsType.F32,
            1,
            1,
            dir.resolve("model.safetensors"),
            n -> {});
    // generate wrote the shape's config.json beside the weights
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replaceFirst("\\{", "{\"rope_scaling\": {\"type\": \"longrope\"},"));
    var model = ModelFiles.open(st);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> LlmModel.of(model));
    assertTrue(e.getMessage().contains("rope_scaling"), e.getMessage());
    assertEquals(config.toAbsolutePath(), e.file().toAbsolutePath());
  }
}
