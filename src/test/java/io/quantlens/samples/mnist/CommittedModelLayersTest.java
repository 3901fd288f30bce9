package io.quantlens.samples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QuantLens's own reader sees the bundled model's four layers and its uint8 image input. */
class CommittedModelLayersTest {

  @Test
  void readerShowsTheFourLayers() throws Exception {
    Model model = ModelFiles.open(CommittedModelAccuracyTest.DIR.resolve("mnist-cnn.onnx"));

    assertEquals(
        List.of("conv1", "conv2", "fc1", "fc2"), model.layers().stream().map(Layer::name).toList());
    assertEquals(
        List.of("Conv", "Conv", "Gemm", "Gemm"),
        model.layers().stream().map(Layer::opType).toList());
    long[][] shapes = {{16, 1, 3, 3}, {32, 16, 3, 3}, {64, 800}, {10, 64}};
    for (int i = 0; i < shapes.length; i++) {
      Layer layer = model.layers().get(i);
      assertArrayEquals(shapes[i], layer.weight().shape(), layer.name());
      assertEquals(0, layer.channelAxis(), layer.name());
      assertEquals(shapes[i][0], layer.bias().elementCount(), layer.name());
    }
    assertEquals(56_714, model.layerParameterCount());

    assertEquals("image", model.inputs().get(0).name());
    assertEquals("UINT8", model.inputs().get(0).elementType());
    assertEquals(List.of("N", "1", "28", "28"), model.inputs().get(0).dims());
    assertEquals("logits", model.outputs().get(0).name());
    assertEquals(List.of("N", "10"), model.outputs().get(0).dims());
  }
}
