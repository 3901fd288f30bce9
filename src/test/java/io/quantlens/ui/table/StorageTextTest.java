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
  void anOpenVinoLayerIsItsCodesTypeNncfAndItsGroupOrChannels() {
    var codes =
        new io.quantlens.model.Tensor(
            "w", io.quantlens.model.DType.INT4, new long[] {8, 256}, (s, d, o, c) -> {});
    String grouped =
        "NNCF int4_sym g128, 4.125 bits per weight (i4 codes, f16 scales [8, 2, 1]; Convert to f16,"
            + " Multiply in f16, Reshape to [8, 256], Convert to f32)";
    Layer fc = new Layer("fc", "MatMul", codes, null, 0, grouped, java.util.List.of("fc"));
    assertEquals("int4 NNCF g128", StorageText.compact(fc));
    assertEquals(grouped, StorageText.full(fc));
    var bytes =
        new io.quantlens.model.Tensor(
            "v", io.quantlens.model.DType.UINT8, new long[] {8, 4}, (s, d, o, c) -> {});
    Layer perChannel =
        new Layer(
            "fc2",
            "MatMul",
            bytes,
            null,
            0,
            "NNCF int8_asym per-channel, 14 bits per weight (u8 codes, u8 zero points [8, 1], f16"
                + " scales [8, 1]; Convert to f16, Subtract in f16, Multiply in f16, Convert to f32)",
            java.util.List.of("fc2"));
    assertEquals("uint8 NNCF ch", StorageText.compact(perChannel));
  }

  @Test
  void aPlainTensorIsItsTypeAlone() throws Exception {
    Layer conv1 = ModelFiles.open(WorkbenchFixture.MNIST).layers().get(0);
    assertEquals("f32", StorageText.compact(conv1));
    assertEquals("FLOAT32", StorageText.full(conv1));
  }
}
