package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MACs of the bundled CNN and of MiniLM against hand counts from their architectures. */
class RealModelMacsTest {
  private static final Path CNN = Path.of("sample-models", "mnist-cnn", "mnist-cnn.onnx");

  // conv1: 1→16, 3×3 on 28×28 → 26×26·16 outputs · 1·9 taps
  private static final long CONV1 = 26L * 26 * 16 * 9;
  // conv2: 16→32, 3×3 on the 13×13 pooled map → 11×11·32 outputs · 16·9 taps
  private static final long CONV2 = 11L * 11 * 32 * 16 * 9;
  // fc1: 32·5·5 = 800 → 64; fc2: 64 → 10
  private static final long FC1 = 800L * 64;
  private static final long FC2 = 64L * 10;

  @Test
  void bundledCnnMatchesTheHandCountPerImage() throws Exception {
    Model model = ModelFiles.open(CNN);

    WorkloadCosts one = WorkloadShapes.measure(CNN, model, Workload.defaults());

    assertEquals(CONV1 + CONV2 + FC1 + FC2, one.totalMacs());
    assertEquals(
        List.of(CONV1, CONV2, FC1, FC2),
        model.layers().stream().map(l -> one.forLayer(l).orElseThrow().macs()).toList());
    Layer conv2 = model.layers().get(1);
    assertArrayEquals(new long[] {1, 32, 11, 11}, one.forLayer(conv2).orElseThrow().outputShape());
    assertEquals(conv2.weight().name(), one.forLayer(conv2).orElseThrow().weight());
    // conv2 reads the pooled 1·16·13·13 floats and writes 1·32·11·11 floats
    assertEquals(16 * 13 * 13 * 4, one.forLayer(conv2).orElseThrow().activationBytesRead());
    assertEquals(32 * 11 * 11 * 4, one.forLayer(conv2).orElseThrow().activationBytesWritten());
  }

  @Test
  void bundledCnnScalesWithTheBatch() throws Exception {
    Model model = ModelFiles.open(CNN);

    WorkloadCosts eight = WorkloadShapes.measure(CNN, model, new Workload(8, Map.of()));

    assertEquals(8 * (CONV1 + CONV2 + FC1 + FC2), eight.totalMacs());
    assertArrayEquals(new long[] {8, 1, 28, 28}, eight.shape("image").orElseThrow());
  }

  @Test
  void miniLmMatchesTheHandCountAtSequence128() throws Exception {
    Path file = TestModels.miniLm();
    Model model = ModelFiles.open(file);
    long seq = 128;
    long hidden = 384;
    long ffn = 1536;
    // Per encoder layer: Q, K, V, O projections, the two FFN matrices, then Q·Kᵀ and P·V over all
    // 12 heads (L·L·32 each per head = L·L·384 in total), 6 layers, plus the 384×384 pooler on
    // the first token.
    long perLayer = 4 * seq * hidden * hidden + 2 * seq * hidden * ffn + 2 * seq * seq * hidden;
    long hand = 6 * perLayer + hidden * hidden;

    WorkloadCosts costs = WorkloadShapes.measure(file, model, Workload.defaults());

    assertEquals(Map.of("batch", 1L, Workload.SEQUENCE, seq), costs.effectiveDims());
    double relative = Math.abs(costs.totalMacs() - hand) / (double) hand;
    assertTrue(relative < 0.02, () -> "measured " + costs.totalMacs() + " vs hand " + hand);
    double perToken = costs.totalMacs() / (double) seq;
    double handPerToken = hand / (double) seq;
    assertTrue(Math.abs(perToken - handPerToken) / handPerToken < 0.03);
    // the attention scores Q·Kᵀ of the first layer: [1, 12, L, L] with K = 32 per head
    NodeCost scores =
        costs.nodes().stream()
            .filter(n -> n.node().equals("/encoder/layer.0/attention/self/MatMul"))
            .findFirst()
            .orElseThrow();
    assertArrayEquals(new long[] {1, 12, seq, seq}, scores.outputShape());
    assertEquals(12 * seq * seq * 32, scores.macs());
    // every MatMul with a weight maps back to its layer
    for (Layer layer : model.layers()) {
      assertTrue(costs.forLayer(layer).isPresent(), layer.name());
    }
  }
}
