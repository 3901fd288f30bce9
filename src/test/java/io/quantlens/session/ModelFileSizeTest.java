package io.quantlens.session;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.Comparer;
import io.quantlens.analysis.compare.LayerMatcher;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.formats.openvino.IrWriter;
import io.quantlens.formats.safetensors.ByteSource;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.formats.safetensors.TensorSpec;
import io.quantlens.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file size a model's summary (View ▸ Model information, compare's File size column) shows
 * counts every file the model reads: ONNX external data, safetensors shards, an IR's .bin.
 */
class ModelFileSizeTest {
  @TempDir Path dir;

  @Test
  void anOnnxModelCountsItsExternalDataFilesOnce() throws Exception {
    float[] w = new float[64 * 16];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.cos(i * 0.3);
    }
    float[] w2 = new float[16 * 16];
    java.util.Arrays.fill(w2, 0.5f);
    // w in a.bin; w2 and w3 (its first 16 values) both in b.bin: two data files, b.bin once
    Files.write(dir.resolve("a.bin"), OnnxTestModel.floatBytes(w));
    Files.write(dir.resolve("b.bin"), OnnxTestModel.floatBytes(w2));
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 2, 64).output("y", FLOAT, 2, 16).output("z", FLOAT, 2, 1);
    m.initializer(OnnxTestModel.external("w", FLOAT, new long[] {64, 16}, "a.bin", 0, 4096L));
    m.initializer(OnnxTestModel.external("w2", FLOAT, new long[] {16, 16}, "b.bin", 0, 1024L));
    m.initializer(OnnxTestModel.external("w3", FLOAT, new long[] {16, 1}, "b.bin", 0, 64L));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("xw"));
    m.node("MatMul", "mm2", List.of("xw", "w2"), List.of("y"));
    m.node("MatMul", "mm3", List.of("xw", "w3"), List.of("z"));
    Path source = m.write(dir.resolve("ext.onnx"));
    Model model = ModelFiles.open(source);
    assertEquals(
        List.of(source, dir.resolve("a.bin").toRealPath(), dir.resolve("b.bin").toRealPath()),
        model.files());
    long total = Files.size(source) + 4096 + 1024;
    assertEquals(total, model.fileBytes());
    assertEquals(fact(total, 3), fileSize(model));

    // compare's File size column: the artifact with external data against the same graph inline
    OnnxTestModel inline = new OnnxTestModel();
    inline.input("x", FLOAT, 2, 64).output("y", FLOAT, 2, 16).output("z", FLOAT, 2, 1);
    inline.initializer(OnnxTestModel.floats("w", new long[] {64, 16}, w));
    inline.initializer(OnnxTestModel.floats("w2", new long[] {16, 16}, w2));
    inline.initializer(
        OnnxTestModel.floats("w3", new long[] {16, 1}, java.util.Arrays.copyOf(w2, 16)));
    inline.node("MatMul", "mm", List.of("x", "w"), List.of("xw"));
    inline.node("MatMul", "mm2", List.of("xw", "w2"), List.of("y"));
    inline.node("MatMul", "mm3", List.of("xw", "w3"), List.of("z"));
    Model original = ModelFiles.open(inline.write(dir.resolve("inline.onnx")));
    ArtifactComparison c =
        new Comparer(original, new AnalysisCache(), 1)
            .compare(
                model,
                LayerMatcher.match(original, model),
                Optional.empty(),
                AnalysisProgress.NONE,
                () -> false);
    assertEquals(total, c.fileBytes());
    // a single file: its own size, as before
    assertEquals(fact(Files.size(dir.resolve("inline.onnx")), 1), fileSize(original));
  }

  @Test
  void aShardedCheckpointCountsItsIndexAndEveryShard() throws Exception {
    Path index =
        SafetensorsWriter.writeSharded(
            dir,
            List.of(
                List.of(floats("model.layers.0.mlp.up_proj.weight", 3, 2)),
                List.of(floats("model.layers.1.mlp.up_proj.weight", 4, 2))),
            Map.of("format", "pt"));
    Path first = dir.resolve("model-00001-of-00002.safetensors");
    Path second = dir.resolve("model-00002-of-00002.safetensors");
    Model model = ModelFiles.open(index);
    assertEquals(List.of(index, first, second), model.files());
    long total = Files.size(index) + Files.size(first) + Files.size(second);
    assertEquals(fact(total, 3), fileSize(model));
  }

  @Test
  void anOpenVinoIrCountsItsBinFile() throws Exception {
    Path xml =
        IrWriter.int8AsymPerChannel(
            dir.resolve("openvino_model.xml"), "w", "__module.fc/aten::linear/MatMul");
    Path bin = dir.resolve("openvino_model.bin");
    Model model = ModelFiles.open(xml);
    assertEquals(List.of(xml, bin), model.files());
    assertEquals(fact(Files.size(xml) + Files.size(bin), 2), fileSize(model));
    // in the window's Vietnamese: dots group the thousands, "byte trong 2 tệp"
    String vi =
        ModelFacts.of(model, io.quantlens.text.Language.VIETNAMESE.messages()).stream()
            .filter(f -> f.key().equals("fileSize"))
            .findFirst()
            .orElseThrow()
            .value();
    assertEquals(
        String.format(
                java.util.Locale.ROOT, "%,d byte trong 2 tệp", Files.size(xml) + Files.size(bin))
            .replace(',', '.'),
        vi);
  }

  private static String fact(long bytes, int files) {
    String size = String.format(java.util.Locale.ROOT, "%,d bytes", bytes);
    return files == 1 ? size : size + " in " + files + " files";
  }

  private static String fileSize(Model model) {
    return ModelFacts.of(model, io.quantlens.text.Language.ENGLISH.messages()).stream()
        .filter(f -> f.key().equals("fileSize"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  private static TensorSpec floats(String name, long rows, long columns) {
    float[] values = new float[(int) (rows * columns)];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25f - 1;
    }
    return new TensorSpec(name, "F32", new long[] {rows, columns}, ByteSource.float32(values));
  }
}
