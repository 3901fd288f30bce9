package io.quantlens.formats;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.formats.safetensors.MlxFiles;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder opens as the one model it holds, the same model as its file opened directly. */
class ModelFolderTest {
  /** W [3, 2] of a MatMul, stored in an external data file as ONNX Runtime GenAI folders do. */
  private static final float[] W = {1.5f, -2f, 0.25f, 4f, -0.5f, 3f};

  @TempDir Path dir;

  private static float[] values(Layer layer) {
    float[] v = new float[(int) layer.weight().elementCount()];
    layer.weight().reader().read(0, v, 0, v.length);
    return v;
  }

  /** Same layers, names, shapes and every weight value. */
  private static void assertSameModel(Model expected, Model actual) {
    assertEquals(expected.source(), actual.source());
    assertEquals(expected.layers().size(), actual.layers().size());
    for (int i = 0; i < expected.layers().size(); i++) {
      Layer e = expected.layers().get(i);
      Layer a = actual.layers().get(i);
      assertEquals(e.name(), a.name());
      assertArrayEquals(e.weight().shape(), a.weight().shape());
      assertArrayEquals(values(e), values(a), e.name());
    }
  }

  /** model.onnx whose weight lives in model.onnx.data, with its genai_config.json. */
  private Path genaiFolder(String decoderName) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("phi-int4"));
    Files.write(folder.resolve("model.onnx.data"), OnnxTestModel.floatBytes(W));
    new OnnxTestModel()
        .input("x", FLOAT, 1, 3)
        .output("y", FLOAT, 1, 2)
        .initializer(
            OnnxTestModel.external("W", FLOAT, new long[] {3, 2}, "model.onnx.data", 0, 24L))
        .node("MatMul", "lm_head/MatMul", List.of("x", "W"), List.of("y"))
        .write(folder.resolve("model.onnx"));
    config(folder, decoderName);
    return folder;
  }

  private static void config(Path folder, String decoderName) throws IOException {
    Files.writeString(
        folder.resolve(ModelFolder.GENAI_CONFIG),
        "{\"model\": {\"type\": \"phi\", \"context_length\": 2048,"
            + " \"decoder\": {\"filename\": \""
            + decoderName
            + "\", \"num_hidden_layers\": 1}},"
            + " \"search\": {\"max_length\": 20}}");
  }

  private static String error(Path folder) {
    return assertThrows(ModelFormatException.class, () -> ModelFiles.open(folder)).getMessage();
  }

  @Test
  void anOnnxRuntimeGenAiFolderOpensItsDecoder() throws Exception {
    Path folder = genaiFolder("model.onnx");
    Model viaFolder = ModelFiles.open(folder);
    Model direct = ModelFiles.open(folder.resolve("model.onnx"));
    assertSameModel(direct, viaFolder);
    assertArrayEquals(W, values(viaFolder.layers().get(0)));
    assertEquals("phi", viaFolder.metadata().properties().get("genai.model.type"));
    assertEquals("model.onnx", viaFolder.metadata().properties().get("genai.decoder.filename"));
    assertEquals("ONNX", viaFolder.metadata().format());
  }

  @Test
  void anMlxFolderOpensLikeItsSafetensorsFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("mlx-4bit"));
    Path file = MlxFiles.twoLayerModel(folder);
    Files.writeString(folder.resolve("tokenizer.json"), "{}");
    Model viaFolder = ModelFiles.open(folder);
    assertSameModel(ModelFiles.open(file), viaFolder);
    // config.json beside the weights still applies: down_proj dequantizes at 8 bits, group 32
    Layer down =
        viaFolder.layers().stream()
            .filter(l -> l.name().equals("model.layers.0.mlp.down_proj"))
            .findFirst()
            .orElseThrow();
    assertArrayEquals(MlxFiles.expected(8, 64, 8, 32), values(down));
  }

  @Test
  void aShardedFolderOpensThroughItsIndex() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("sharded"));
    float[] a = {1, 2, 3, 4};
    float[] b = {-1, 0.5f, 8, 2};
    Path index =
        SafetensorsWriter.writeSharded(
            folder,
            List.of(
                List.of(MlxFiles.f32("model.a.weight", new long[] {2, 2}, a)),
                List.of(MlxFiles.f32("model.b.weight", new long[] {2, 2}, b))),
            Map.of());
    Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"llama\"}");
    Model viaFolder = ModelFiles.open(folder);
    assertEquals(index, viaFolder.source());
    assertSameModel(ModelFiles.open(index), viaFolder);
    assertEquals(2, viaFolder.layers().size());
  }

  @Test
  void aFolderWithOneModelFileOpensIt() throws Exception {
    Path folder = genaiFolder("model.onnx");
    Files.delete(folder.resolve(ModelFolder.GENAI_CONFIG));
    Files.writeString(folder.resolve("README.md"), "weights");
    Model viaFolder = ModelFiles.open(folder);
    assertSameModel(ModelFiles.open(folder.resolve("model.onnx")), viaFolder);
    assertFalse(viaFolder.metadata().properties().containsKey("genai.decoder.filename"));
  }

  @Test
  void emptyAndAmbiguousFoldersSayWhatTheyHold() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(
        empty
            + ": no model in this folder (looked for genai_config.json, *.safetensors.index.json,"
            + " *.onnx, *.gguf, *.safetensors, *.xml with its .bin; found nothing)",
        error(empty));
    Path two = Files.createDirectories(dir.resolve("two"));
    Files.copy(genaiFolder("model.onnx").resolve("model.onnx"), two.resolve("a.onnx"));
    Files.copy(two.resolve("a.onnx"), two.resolve("b.onnx"));
    assertEquals(
        two
            + ": 2 model files and no genai_config.json to choose, open one of them: a.onnx, b.onnx",
        error(two));
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Files.writeString(shards.resolve("model-00001-of-00002.safetensors"), "x");
    Files.writeString(shards.resolve("model-00002-of-00002.safetensors"), "x");
    assertEquals(
        shards
            + ": 2 model files and no model.safetensors.index.json to join them, open one of them:"
            + " model-00001-of-00002.safetensors, model-00002-of-00002.safetensors",
        error(shards));
  }

  @Test
  void genaiConfigNamingAMissingFile() throws Exception {
    Path folder = genaiFolder("decoder.onnx");
    Path config = folder.resolve(ModelFolder.GENAI_CONFIG);
    assertEquals(
        config + ": model.decoder.filename 'decoder.onnx' does not exist in " + folder,
        error(folder));
  }

  @Test
  void genaiConfigEscapingTheFolder() throws Exception {
    Files.copy(genaiFolder("model.onnx").resolve("model.onnx"), dir.resolve("outside.onnx"));
    Path folder = dir.resolve("phi-int4");
    config(folder, "../outside.onnx");
    Path config = folder.resolve(ModelFolder.GENAI_CONFIG);
    assertEquals(
        config + ": model.decoder.filename '../outside.onnx' resolves outside the model's folder",
        error(folder));
  }

  @Test
  void aSymlinkOutOfTheFolderIsRefused() throws Exception {
    Path outside =
        Files.copy(genaiFolder("model.onnx").resolve("model.onnx"), dir.resolve("o.onnx"));
    Path folder = Files.createDirectories(dir.resolve("linked"));
    Files.createSymbolicLink(folder.resolve("model.onnx"), outside);
    String message = error(folder);
    assertTrue(
        message.startsWith(folder.resolve("model.onnx") + ": resolves outside the model's folder"),
        message);
  }

  @Test
  void malformedGenaiConfig() throws Exception {
    Path folder = genaiFolder("model.onnx");
    Path config = folder.resolve(ModelFolder.GENAI_CONFIG);
    Files.writeString(config, "{\"model\": {\"decoder\": {\"filename\": \"model.onnx\"}");
    String broken = error(folder);
    assertTrue(broken.startsWith(config + ": not valid JSON: "), broken);
    assertEquals(1, broken.lines().count(), broken);
    Files.writeString(config, "{\"model\": {\"decoder\": {\"filename\": 7}}}");
    assertEquals(
        config + ": model.decoder.filename is missing or not a file name (found 7)", error(folder));
    Files.writeString(config, "{\"search\": {}}");
    assertEquals(
        config + ": model.decoder.filename is missing or not a file name (found null)",
        error(folder));
  }
}
