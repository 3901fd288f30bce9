package io.quantlens.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Export file names: model and layer in them, safe on every file system. */
class ChartSubjectTest {
  @Test
  void aLayerChartIsNamedByModelLayerAndChart() {
    assertEquals(
        "mnist-cnn-conv2-weight-histogram.png",
        new ChartSubject("mnist-cnn.onnx", "conv2").fileName("weight-histogram", "png"));
    assertEquals(
        "mnist-cnn-sqnr-per-layer.svg",
        new ChartSubject("mnist-cnn.onnx", null).fileName("sqnr-per-layer", "svg"));
    assertEquals(
        "sqnr-per-layer.csv", new ChartSubject("", null).fileName("sqnr-per-layer", "csv"));
  }

  @Test
  void slashesSpacesAndColonsBecomeDashesAndModelExtensionsGo() {
    assertEquals(
        "model-encoder-layer.0-attention-self-query-MatMul-error-histogram.png",
        new ChartSubject(
                "model.safetensors.index.json", "/encoder/layer.0/attention/self/query/MatMul")
            .fileName("error-histogram", "png"));
    assertEquals(
        "llama-blk.0.attn_q-group-strip.png",
        new ChartSubject("llama.gguf", "blk.0.attn_q").fileName("group-strip", "png"));
    assertEquals("a-b-c", ChartSubject.part("..a: b\\c??"));
  }

  @Test
  void aLongNameIsCutInTheMiddleKeepingBothEnds() {
    String layer =
        "/model/decoder/" + "very_long_segment/".repeat(10) + "layers.31/mlp/down_proj/MatMul";
    String part = ChartSubject.part(layer);
    assertEquals(ChartSubject.MAX_PART, part.length());
    assertTrue(part.startsWith("model-decoder-very_long"), part);
    assertTrue(part.endsWith("layers.31-mlp-down_proj-MatMul"), part);
  }

  @Test
  void theCaptionNamesModelAndLayer() {
    assertEquals("net.onnx \u00b7 fc1", new ChartSubject("net.onnx", "fc1").caption());
    assertEquals("net.onnx", new ChartSubject("net.onnx", null).caption());
  }
}
