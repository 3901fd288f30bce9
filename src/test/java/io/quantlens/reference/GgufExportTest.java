package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufReader;
import io.quantlens.formats.gguf.GgufStoredTensors;
import io.quantlens.model.Model;
import io.quantlens.reference.LlamaCpp.FileType;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code export --to gguf} with a llama.cpp preset against {@code llama_model_quantize} with that
 * file type on the same F16 file: every tensor in the same type with the same values, bit for bit
 * (llama.cpp without an importance matrix quantizes with ggml's reference quantizers, which
 * QuantLens ports), the same file type, and llama.cpp loads the export as it loads its own file.
 */
class GgufExportTest {
  private static LlamaCpp llamaCpp;

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (LlmShape shape :
        List.of(LlamaCppPresetTypesTest.SHAPES.get(1), LlamaCppPresetTypesTest.SHAPES.get(2))) {
      for (FileType type : LlamaCppPresetTypesTest.PRESETS.keySet()) {
        cases.add(Arguments.of(shape, type));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theExportIsWhatLlamaQuantizeWrites(LlmShape shape, FileType type) throws Exception {
    Path f16 = dir.resolve("f16.gguf");
    SyntheticModels.writeGguf(shape, GgmlType.F16, 3, f16, n -> {});
    Path theirs = dir.resolve("llama-quantize.gguf");
    llamaCpp.quantize(f16, theirs, type);
    Path ours = dir.resolve("export.gguf");
    Session session = Session.open(f16);
    String preset = LlamaCppPresetTypesTest.PRESETS.get(type);
    session
        .exports()
        .gguf(
            PlanPresets.byId(preset).orElseThrow().planFor(session.model()),
            Optional.of(preset),
            ours);

    Model a = new GgufReader().read(theirs);
    Model b = new GgufReader().read(ours);
    assertEquals(types(a), types(b));
    assertEquals(
        a.metadata().properties().get("general.file_type"),
        b.metadata().properties().get("general.file_type"));
    // every tensor's stored bytes, not only its decoded values (llama.cpp writes the tensors in
    // its own order; they are matched by name)
    Map<String, GgufStoredTensors.Stored> theirBytes = GgufStoredTensors.read(theirs);
    Map<String, GgufStoredTensors.Stored> ourBytes = GgufStoredTensors.read(ours);
    assertEquals(theirBytes.keySet(), ourBytes.keySet());
    for (Map.Entry<String, GgufStoredTensors.Stored> e : theirBytes.entrySet()) {
      GgufStoredTensors.Stored x = e.getValue();
      GgufStoredTensors.Stored y = ourBytes.get(e.getKey());
      assertEquals(x.type(), y.type(), e.getKey());
      assertArrayEquals(x.shape(), y.shape(), e.getKey());
      assertArrayEquals(x.bytes(), y.bytes(), e.getKey());
    }
    LlamaCpp.LoadedModel loaded = llamaCpp.loadModel(ours);
    assertEquals(llamaCpp.loadModel(theirs), loaded);
  }

  private static Map<String, String> types(Model m) {
    Map<String, String> types = new LinkedHashMap<>();
    m.initializers().forEach(t -> types.put(t.name(), t.dtype().name()));
    return types;
  }
}
