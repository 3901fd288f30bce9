package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model in three shards, opened through its index. */
class SafetensorsShardedTest {
  @TempDir Path dir;

  @Test
  void threeShardsReadAsOneModel() throws Exception {
    Path index = writeThreeShards();
    assertEquals(dir.resolve("model.safetensors.index.json"), index);
    for (int i = 1; i <= 3; i++) {
      assertTrue(Files.isRegularFile(dir.resolve("model-0000" + i + "-of-00003.safetensors")));
    }
    Model model = ModelFiles.open(index);
    assertEquals(index, model.source());
    assertEquals(
        List.of(
            "model.embed_tokens.weight",
            "model.layers.0.mlp.up_proj.weight",
            "model.layers.0.mlp.up_proj.bias",
            "model.layers.1.mlp.up_proj.weight",
            "model.layers.2.mlp.up_proj.weight",
            "model.norm.weight",
            "lm_head.weight"),
        model.initializers().stream().map(Tensor::name).toList());
    assertEquals(
        List.of(
            "lm_head",
            "model.embed_tokens",
            "model.layers.0.mlp.up_proj",
            "model.layers.1.mlp.up_proj",
            "model.layers.2.mlp.up_proj"),
        model.layers().stream().map(Layer::name).toList());
    for (int layer = 0; layer < 3; layer++) {
      float[] values =
          SafetensorsRoundTripTest.values(model, "model.layers." + layer + ".mlp.up_proj.weight");
      assertArrayEquals(pattern(layer, 6), values);
    }
    assertArrayEquals(
        new float[] {0.5f, -0.5f},
        SafetensorsRoundTripTest.values(model, "model.layers.0.mlp.up_proj.bias"));
    Map<String, String> properties = model.metadata().properties();
    long expectedTotal = 4L * (8 + 6 + 2 + 6 + 6 + 2 + 8);
    assertEquals(String.valueOf(expectedTotal), properties.get("total_size"));
    assertEquals("pt", properties.get("format"));
    assertEquals("pt", model.metadata().producer());
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes().toString());
  }

  @Test
  void missingShard() throws Exception {
    Path index = writeThreeShards();
    Files.delete(dir.resolve("model-00002-of-00003.safetensors"));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new SafetensorsReader().read(index));
    assertEquals(index, e.file());
    assertTrue(
        e.getMessage()
            .contains("shard 'model-00002-of-00003.safetensors' named by the index does not exist"),
        e.getMessage());
  }

  @Test
  void aShardLinkedFromOutsideTheFolderIsNotFollowed(@org.junit.jupiter.api.io.TempDir Path away)
      throws Exception {
    Path index = writeThreeShards();
    Path shard = dir.resolve("model-00002-of-00003.safetensors");
    Path moved = Files.move(shard, away.resolve("secret.safetensors"));
    Files.createSymbolicLink(shard, moved);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new SafetensorsReader().read(index));
    assertTrue(
        e.getMessage()
            .contains(
                "shard 'model-00002-of-00003.safetensors' resolves outside the model's folder (to "
                    + moved.toRealPath()),
        e.getMessage());
  }

  @Test
  void indexWithoutWeightMap() throws Exception {
    Path index =
        Files.writeString(
            dir.resolve("model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 4}}");
    SafetensorsBadFilesTest.refused(index, null, "index has no 'weight_map'");
    Files.writeString(index, "{\"weight_map\": ");
    SafetensorsBadFilesTest.refused(index, null, "index file is not valid JSON");
    Files.writeString(index, "{\"weight_map\": {\"w\": \"../elsewhere.safetensors\"}}");
    SafetensorsBadFilesTest.refused(index, "w", "not the name of a file in the index's folder");
  }

  @Test
  void indexAndShardsMustAgree() throws Exception {
    Path index = writeThreeShards();
    String json = Files.readString(index);
    Files.writeString(
        index,
        json.replace(
            "\"lm_head.weight\" : \"model-00003-of-00003.safetensors\"",
            "\"lm_head.weight\" : \"model-00001-of-00003.safetensors\""));
    SafetensorsBadFilesTest.refused(
        index,
        "lm_head.weight",
        "is stored in shard 'model-00003-of-00003.safetensors' but the index puts it in 'model-00001-of-00003.safetensors'");
    Files.writeString(index, json.replace("\"model.norm.weight\"", "\"model.final_norm.weight\""));
    SafetensorsBadFilesTest.refused(
        index,
        "model.final_norm.weight",
        "is missing from shard 'model-00003-of-00003.safetensors'");
  }

  @Test
  void aCorruptShardIsNamed() throws Exception {
    Path index = writeThreeShards();
    Path shard = dir.resolve("model-00002-of-00003.safetensors");
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new SafetensorsReader().read(index));
    assertEquals(shard, e.file().toAbsolutePath());
    assertTrue(e.getMessage().contains("past the end of the file"), e.getMessage());
  }

  /** Embedding and layer 0 in shard 1, layers 1–2 in shard 2, norm and head in shard 3. */
  private Path writeThreeShards() throws Exception {
    List<List<TensorSpec>> shards = new ArrayList<>();
    shards.add(
        List.of(
            floats("model.embed_tokens.weight", new float[8], 4, 2),
            floats("model.layers.0.mlp.up_proj.weight", pattern(0, 6), 3, 2),
            floats("model.layers.0.mlp.up_proj.bias", new float[] {0.5f, -0.5f}, 2)));
    shards.add(
        List.of(
            floats("model.layers.1.mlp.up_proj.weight", pattern(1, 6), 3, 2),
            floats("model.layers.2.mlp.up_proj.weight", pattern(2, 6), 3, 2)));
    shards.add(
        List.of(
            floats("model.norm.weight", new float[] {1, 1}, 2),
            floats("lm_head.weight", new float[8], 4, 2)));
    return SafetensorsWriter.writeSharded(dir, shards, Map.of("format", "pt"));
  }

  private static float[] pattern(int layer, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = layer * 100 + i * 0.25f;
    }
    return values;
  }

  private static TensorSpec floats(String name, float[] values, long... shape) {
    return new TensorSpec(name, "F32", shape, ByteSource.float32(values));
  }
}
