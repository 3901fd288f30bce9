package io.quantlens.ui.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.StorageText;
import io.quantlens.ui.app.StoredModels;
import io.quantlens.ui.app.WorkbenchFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Stored cell's short form and tooltip, from what the ONNX reader says of each weight. */
class StorageTextTest {
  @TempDir Path dir;

  @Test
  void eachStoredFormIsItsTypeAndTheReadersKeyWords() throws Exception {
    Model model = ModelFiles.open(StoredModels.mixed(dir.resolve("mixed.onnx")));
    Map<String, Layer> layers =
        model.layers().stream().collect(Collectors.toMap(Layer::name, Function.identity()));

    assertEquals("f16 Cast", StorageText.compact(layers.get("fc1")));
    assertEquals("FLOAT16, through Cast to FLOAT", StorageText.full(layers.get("fc1")));
    assertEquals("int8 QDQ ch", StorageText.compact(layers.get("fc2")));
    assertEquals(
        "DequantizeLinear INT8, per channel (32 on its axis), zero point 0",
        StorageText.full(layers.get("fc2")));
    assertEquals("uint4 g32", StorageText.compact(layers.get("fc3")));
    assertEquals(
        "MatMulNBits 4-bit, block 32, symmetric (zero point 8), float scales",
        StorageText.full(layers.get("fc3")));
  }

  @Test
  void anMlxLayerIsItsCodesTypeAndGroup() throws Exception {
    Model model = ModelFiles.open(io.quantlens.formats.safetensors.MlxFiles.twoLayerModel(dir));
    Layer up = model.layers().get(2);
    assertEquals("uint4 MLX g64", StorageText.compact(up));
    assertEquals("MLX affine 4-bit, group 64 (scales and biases F16)", StorageText.full(up));
  }

  @Test
  void aPlainTensorIsItsTypeAlone() throws Exception {
    Layer conv1 = ModelFiles.open(WorkbenchFixture.MNIST).layers().get(0);
    assertEquals("f32", StorageText.compact(conv1));
    assertEquals("FLOAT32", StorageText.full(conv1));
  }
}
