package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File ▸ Export quantized model writes the plan as the open model's toolchain file. */
class ModelExportWindowTest extends WorkbenchTest {
  @TempDir Path temp;

  @Test
  void aGgufModelWithTheQ4KmPresetIsWrittenAsLlamaQuantizeWouldWriteIt() throws Exception {
    Path f16 =
        SyntheticModels.writeGguf(
            LlmShape.TINY, GgmlType.F16, 2, temp.resolve("tiny.gguf"), n -> {});
    fixture.open(f16);
    apply("llama-q4_k_m");
    Path out = temp.resolve("tiny-q4_k_m.gguf");
    fixture.dialogs.answerSave(out);
    fx(() -> fixture.app.modelExports().exportModel());
    WorkbenchFixture.waitUntil(60, () -> Files.exists(out));
    fixture.waitForIdle();
    Model written = ModelFiles.open(out);
    assertEquals(Map.of("Q4_K", 13L, "Q6_K", 3L), types(written));
    assertEquals("15", written.metadata().properties().get("general.file_type"));
  }

  @Test
  void aSafetensorsModelWithTheMlxPresetIsWrittenAsAnMlxFolder() throws Exception {
    Path source =
        SyntheticModels.writeSafetensors(
            LlmShape.TINY,
            SyntheticModels.SafetensorsType.F16,
            1,
            2,
            temp.resolve("m.safetensors"),
            n -> {});
    fixture.open(source);
    apply("mlx-4bit");
    Path folder = Files.createDirectories(temp.resolve("mlx"));
    fixture.dialogs.answerFolder(folder);
    fx(() -> fixture.app.modelExports().exportModel());
    WorkbenchFixture.waitUntil(60, () -> Files.exists(folder.resolve("config.json")));
    fixture.waitForIdle();
    Model written = ModelFiles.open(folder);
    assertEquals(Map.of("UINT4", 16L), types(written));
    assertEquals(
        "MLX affine 4-bit, group 64 (scales and biases F16)", written.layers().get(0).storage());
  }

  @Test
  void aSafetensorsCheckpointIsConvertedToGgufWithANoticeAboutItsTokenizer() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("tiny-hf"));
    SyntheticModels.writeSafetensors(
        LlmShape.TINY,
        SyntheticModels.SafetensorsType.F16,
        1,
        2,
        folder.resolve("model.safetensors"),
        n -> {});
    fixture.open(folder);
    apply("llama-q4_k_m");
    List<String> notices = new ArrayList<>();
    fx(() -> fixture.app.services().notices().onNotice(notices::add));
    Path out = temp.resolve("tiny-q4_k_m.gguf");
    fixture.dialogs.answerSave(out);
    fx(() -> fixture.app.modelExports().exportGguf());
    WorkbenchFixture.waitUntil(60, () -> Files.exists(out));
    fixture.waitForIdle();
    Model written = ModelFiles.open(out);
    assertEquals(Map.of("Q4_K", 13L, "Q6_K", 3L), types(written));
    assertEquals("15", written.metadata().properties().get("general.file_type"));
    WorkbenchFixture.waitUntil(10, () -> notices.size() >= 2);
    assertEquals(
        List.of(
            out + " written",
            out
                + " carries no real tokenizer (the checkpoint has no tokenizer.model QuantLens"
                + " reads): llama.cpp loads it, but its text is meaningless."),
        notices);
  }

  @Test
  void anOnnxModelWithTheInt8PresetIsWrittenAsQdq() throws Exception {
    Path source = io.quantlens.session.Session.open("mnist-cnn").model().source();
    Path copy = Files.copy(source, temp.resolve("mnist-cnn.onnx"));
    fixture.open(copy);
    apply("int8");
    Path out = temp.resolve("mnist-int8.onnx");
    fixture.dialogs.answerSave(out);
    fx(() -> fixture.app.modelExports().exportModel());
    WorkbenchFixture.waitUntil(60, () -> Files.exists(out));
    fixture.waitForIdle();
    Model written = ModelFiles.open(out);
    assertEquals(Map.of("INT8", 4L), types(written));
    assertEquals(
        "DequantizeLinear INT8, per channel (16 on its axis), zero point 0",
        written.layers().get(0).storage());
  }

  @Test
  void anOpenVinoIrWithTheNncfInt4PresetIsWrittenAsNncfWouldStoreIt() throws Exception {
    Path source = io.quantlens.session.OpenVinoExportTest.threeMatMuls(temp.resolve("m.xml"));
    fixture.open(source);
    apply("nncf-int4-sym");
    Path out = temp.resolve("m-nncf.xml");
    fixture.dialogs.answerSave(out);
    fx(() -> fixture.app.modelExports().exportModel());
    WorkbenchFixture.waitUntil(60, () -> Files.exists(out));
    fixture.waitForIdle();
    Model written = ModelFiles.open(out);
    assertEquals(Map.of("INT4", 2L, "UINT8", 1L), types(written));
    assertEquals(
        "NNCF int4_sym g128, 4.125 bits per weight",
        written.layers().get(0).storage().substring(0, 41));
  }

  private void apply(String preset) throws Exception {
    fx(() -> fixture.app.plans().applyPreset(PlanPresets.byId(preset).orElseThrow()));
    fixture.waitForIdle();
  }

  private static Map<String, Long> types(Model m) {
    Map<String, Long> types = new TreeMap<>();
    for (Layer l : m.layers()) {
      types.merge(l.weight().dtype().name(), 1L, Long::sum);
    }
    return types;
  }
}
