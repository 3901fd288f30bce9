package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLX triplets and configs that do not agree are refused with one message naming the file. */
class SafetensorsMlxBadFilesTest {
  private static final String LAYER = "model.layers.0.self_attn.q_proj";

  @TempDir Path dir;

  private Path write(List<TensorSpec> specs) throws Exception {
    Path file = dir.resolve("model.safetensors");
    SafetensorsWriter.write(file, specs, Map.of());
    return file;
  }

  @Test
  void scalesOfTheWrongShape() throws Exception {
    List<TensorSpec> specs = new ArrayList<>(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    specs.set(1, MlxFiles.f16(LAYER + ".scales", new long[] {4, 4}, new float[16]));
    specs.set(2, MlxFiles.f16(LAYER + ".biases", new long[] {4, 4}, new float[16]));
    Path file = write(specs);
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64, \"bits\": 4}}");
    String message =
        SafetensorsBadFilesTest.refused(file, LAYER + ".weight", "does not match").getMessage();
    assertTrue(message.contains("[4, 16]"), message);
    assertTrue(message.contains("as MLX affine 4-bit, group 64"), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void scalesAndBiasesOfDifferentShapes() throws Exception {
    List<TensorSpec> specs = new ArrayList<>(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    specs.set(2, MlxFiles.f16(LAYER + ".biases", new long[] {2, 4}, new float[8]));
    Path file = write(specs);
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64, \"bits\": 4}}");
    SafetensorsBadFilesTest.refused(file, LAYER + ".weight", "does not match '" + LAYER);
  }

  @Test
  void missingBiases() throws Exception {
    List<TensorSpec> specs = new ArrayList<>(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    specs.remove(2);
    Path file = write(specs);
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64, \"bits\": 4}}");
    SafetensorsBadFilesTest.refused(file, LAYER + ".weight", "there is no '" + LAYER + ".biases'");
  }

  @Test
  void malformedConfigIsNamed() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64, \"bits\": 4");
    Path config = dir.resolve("config.json");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.quantlens.model.ModelFormatException.class,
            () -> new SafetensorsReader().read(file));
    assertEquals(config, e.file());
    assertTrue(
        e.getMessage().startsWith(config + ": config.json is not valid JSON"), e.getMessage());
  }

  @Test
  void configWithBitsThatAreNoNumber() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64, \"bits\": \"four\"}}");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.quantlens.model.ModelFormatException.class,
            () -> new SafetensorsReader().read(file));
    assertEquals(dir.resolve("config.json"), e.file());
    assertTrue(e.getMessage().contains("'quantization.bits'"), e.getMessage());
  }

  @Test
  void malformedConfigBesidePlainWeightsIsNotRead() throws Exception {
    Path file = write(List.of(MlxFiles.f16("proj.weight", new long[] {2, 2}, new float[4])));
    MlxFiles.config(dir, "not json");
    assertEquals(1, new SafetensorsReader().read(file).layers().size());
  }

  @Test
  void unsupportedBits() throws Exception {
    // Refused by its bits before the shapes are compared.
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64, \"bits\": 7}}");
    SafetensorsBadFilesTest.refused(file, LAYER + ".weight", "MLX affine 7-bit");
  }

  @Test
  void otherModesAreRefused() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    MlxFiles.config(
        dir, "{\"quantization\": {\"group_size\": 32, \"bits\": 4, \"mode\": \"mxfp4\"}}");
    SafetensorsBadFilesTest.refused(file, LAYER + ".weight", "mode 'mxfp4'");
  }

  @Test
  void packedLayerTheConfigCallsUnquantized() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    MlxFiles.config(
        dir, "{\"quantization\": {\"group_size\": 64, \"bits\": 4, \"" + LAYER + "\": false}}");
    SafetensorsBadFilesTest.refused(file, LAYER + ".weight", "as not quantized");
  }

  @Test
  void withoutConfigTheDefaultShapesAreAmbiguous() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    SafetensorsBadFilesTest.refused(
        file,
        LAYER + ".weight",
        "does not give its bits and group size, and its shapes fit several: 2-bit group 128,"
            + " 4-bit group 64, 8-bit group 32");
  }

  @Test
  void withoutConfigUnambiguousShapesAreInferredAndNoted() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 2, 128, 8, 128));
    Model model = new SafetensorsReader().read(file);
    Layer layer = model.layers().get(0);
    assertEquals(
        "MLX affine 8-bit, group 128 (scales and biases F16; bits and group size inferred from"
            + " shapes)",
        layer.storage());
    assertArrayEquals(MlxFiles.expected(2, 128, 8, 128), SafetensorsMlxTest.values(layer.weight()));
    assertEquals(
        List.of(
            "MLX-quantized layers whose bits or group size were inferred from the tensor shapes"
                + " (there is no config.json beside the weights): "
                + LAYER
                + " (8-bit, group 128)"),
        model.metadata().notes());
  }

  @Test
  void groupSizeFromTheConfigSettlesTheBits() throws Exception {
    Path file = write(MlxFiles.layer(LAYER, 4, 128, 4, 64));
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 64}}");
    Model model = new SafetensorsReader().read(file);
    assertEquals(
        "MLX affine 4-bit, group 64 (scales and biases F16; bits inferred from shapes)",
        model.layers().get(0).storage());
    assertTrue(model.metadata().notes().get(0).contains("config.json does not describe them"));
  }
}
