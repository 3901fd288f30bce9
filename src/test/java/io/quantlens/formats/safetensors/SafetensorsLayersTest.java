package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers found from tensor names: naming, natural order, op types, biases. */
class SafetensorsLayersTest {
  @TempDir Path dir;

  @Test
  void layersFromAHuggingFaceStyleCheckpoint() throws Exception {
    List<TensorSpec> specs =
        List.of(
            spec("model.embed_tokens.weight", "BF16", 10, 4),
            spec("model.layers.10.self_attn.q_proj.weight", "F16", 4, 4),
            spec("model.layers.2.self_attn.q_proj.weight", "F32", 4, 4),
            spec("model.layers.2.self_attn.q_proj.bias", "F32", 4),
            spec("model.layers.2.input_layernorm.weight", "F32", 4),
            spec("model.layers.2.mlp.conv.weight", "F32", 4, 2, 3),
            spec("model.norm.weight", "F32", 4),
            spec("transformer.wte.weight", "F32", 10, 4),
            spec("lm_head.weight", "F8_E4M3", 10, 4),
            spec("rotary_cache", "F32", 3, 2));
    Path file = dir.resolve("layers.safetensors");
    SafetensorsWriter.write(file, specs, Map.of());
    Model model = new SafetensorsReader().read(file);

    assertEquals(
        specs.stream().map(TensorSpec::name).toList(),
        model.initializers().stream().map(Tensor::name).toList(),
        "initializers keep the file's order");
    List<Layer> layers = model.layers();
    assertEquals(
        List.of(
            "lm_head",
            "model.embed_tokens",
            "model.layers.2.mlp.conv",
            "model.layers.2.self_attn.q_proj",
            "model.layers.10.self_attn.q_proj",
            "rotary_cache",
            "transformer.wte"),
        layers.stream().map(Layer::name).toList());
    assertEquals(
        List.of("MatMul", "Gather", "Conv", "MatMul", "MatMul", "MatMul", "Gather"),
        layers.stream().map(Layer::opType).toList());
    for (Layer layer : layers) {
      assertEquals(0, layer.channelAxis(), layer.name());
    }
    Layer q2 = layers.get(3);
    assertSame(
        SafetensorsRoundTripTest.tensor(model, "model.layers.2.self_attn.q_proj.bias"), q2.bias());
    assertEquals(20, q2.parameterCount());
    assertNull(layers.get(4).bias());
    assertEquals(2, TensorNames.blockIndex(q2.name()).getAsInt());
    assertEquals("model.layers.2", TensorNames.blockPrefix(q2.name()));
    assertEquals(10, TensorNames.blockIndex(layers.get(4).name()).getAsInt());
  }

  private static TensorSpec spec(String name, String dtype, long... shape) {
    return new TensorSpec(name, dtype, shape, ByteSource.zeros());
  }
}
