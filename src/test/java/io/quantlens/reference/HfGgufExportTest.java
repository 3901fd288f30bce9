package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufStoredTensors;
import io.quantlens.formats.gguf.GgufStoredTensors.Stored;
import io.quantlens.reference.LlamaCpp.FileType;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.session.PlanExports;
import io.quantlens.session.Session;
import io.quantlens.testing.SafetensorsStored;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code export --to gguf} from a Hugging Face safetensors checkpoint against llama.cpp: {@code
 * generate} writes the same weights as an HF folder (F16 safetensors and config.json) and as an F16
 * GGUF file; llama.cpp's {@code llama_model_quantize} quantizes the GGUF file with the preset's
 * file type, QuantLens converts the HF folder with the preset. Every tensor must have the same
 * name, type, shape and bytes in both, and llama.cpp must load the conversion as it loads its own
 * file. The four shapes are LlamaCppPresetTypesTest's: grouped-query Llama (one key/value head), a
 * narrow Llama whose rows fall back to 32-weight blocks, Phi-3, and a tied Phi-3 with partial
 * rotary embeddings.
 */
class HfGgufExportTest {
  private static LlamaCpp llamaCpp;

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (LlmShape shape : LlamaCppPresetTypesTest.SHAPES) {
      for (FileType type : List.of(FileType.Q8_0, FileType.Q4_0, FileType.Q4_K_M)) {
        cases.add(Arguments.of(shape, type));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theConversionIsWhatLlamaQuantizeWritesFromTheSameWeights(LlmShape shape, FileType type)
      throws Exception {
    Path hf = Files.createDirectories(dir.resolve("hf"));
    SyntheticModels.writeSafetensors(
        shape, SyntheticModels.SafetensorsType.F16, 1, 5, hf.resolve("model.safetensors"), n -> {});
    Path f16 = dir.resolve("f16.gguf");
    SyntheticModels.writeGguf(shape, GgmlType.F16, 5, f16, n -> {});
    Path theirs = dir.resolve("llama-quantize.gguf");
    llamaCpp.quantize(f16, theirs, type);

    Path ours = dir.resolve("converted.gguf");
    Session session = Session.open(hf);
    String preset = LlamaCppPresetTypesTest.PRESETS.get(type);
    PlanExports.GgufExport written =
        session
            .exports()
            .gguf(
                PlanPresets.byId(preset).orElseThrow().planFor(session.model()),
                Optional.of(preset),
                ours);
    assertFalse(written.realTokenizer());

    Map<String, Stored> a = GgufStoredTensors.read(theirs);
    Map<String, Stored> b = GgufStoredTensors.read(ours);
    Map<String, SafetensorsStored.Stored> source =
        SafetensorsStored.read(hf.resolve("model.safetensors"));
    assertEquals(a.keySet(), b.keySet());
    int norms = 0;
    for (Map.Entry<String, Stored> e : a.entrySet()) {
      Stored x = e.getValue();
      Stored y = b.get(e.getKey());
      assertEquals(x.type(), y.type(), e.getKey());
      assertArrayEquals(x.shape(), y.shape(), e.getKey());
      if (x.type().equals("F32")) {
        // generate's GGUF keeps norms at float32 precision, its F16 safetensors rounds them to
        // F16: the conversion must hold the F16 values exactly, llama.cpp's within F16 rounding.
        float[] hfValues = source.get(huggingFaceNorm(e.getKey())).floats();
        float[] converted = floats(y.bytes());
        float[] quantized = floats(x.bytes());
        assertArrayEquals(hfValues, converted, 0f, e.getKey());
        for (int i = 0; i < hfValues.length; i++) {
          assertEquals(hfValues[i], quantized[i], Math.abs(hfValues[i]) * 0x1p-11f, e.getKey());
        }
        norms++;
      } else {
        assertArrayEquals(x.bytes(), y.bytes(), e.getKey() + " " + x.type() + " bytes");
      }
    }
    assertEquals(2 * shape.layers() + 1, norms);
    Map<String, String> theirMeta = properties(theirs);
    Map<String, String> ourMeta = properties(ours);
    assertEquals(theirMeta.get("general.file_type"), ourMeta.get("general.file_type"));
    assertEquals("2", ourMeta.get("general.quantization_version"));

    LlamaCpp.LoadedModel loaded = llamaCpp.loadModel(ours);
    assertEquals(llamaCpp.loadModel(theirs), loaded);
  }

  private static Map<String, String> properties(Path gguf) throws Exception {
    return new io.quantlens.formats.gguf.GgufReader().read(gguf).metadata().properties();
  }

  /** The Hugging Face name of a GGUF norm (gguf-py's tensor map, by hand). */
  private static String huggingFaceNorm(String gguf) {
    if (gguf.equals("output_norm.weight")) {
      return "model.norm.weight";
    }
    String[] parts = gguf.split("\\.");
    String norm = parts[2].equals("attn_norm") ? "input_layernorm" : "post_attention_layernorm";
    return "model.layers." + parts[1] + "." + norm + ".weight";
  }

  private static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
