package io.quantlens.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real paddle2onnx model whose weights are all Constant nodes: every Conv and MatMul/Gemm weight
 * is found, counted here independently from the protobuf.
 */
class PaddleOcrClassifierTest {
  private static final Path FILE =
      Path.of("src/test/resources/real-models/ch_ppocr_mobile_v2.0_cls_infer.onnx");

  @Test
  void everyWeightInAConstantNodeIsALayer() throws Exception {
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(FILE));
    assertEquals(0, proto.getGraph().getInitializerCount(), "the file keeps no initializers");
    Map<String, Long> constantSizes = new HashMap<>();
    for (NodeProto node : proto.getGraph().getNodeList()) {
      if (node.getOpType().equals("Constant")) {
        for (AttributeProto a : node.getAttributeList()) {
          if (a.getName().equals("value")) {
            constantSizes.put(
                node.getOutput(0), a.getT().getDimsList().stream().reduce(1L, (x, y) -> x * y));
          }
        }
      }
    }
    long weightNodes = 0;
    long weightValues = 0;
    for (NodeProto node : proto.getGraph().getNodeList()) {
      String op = node.getOpType();
      if ((op.equals("Conv") || op.equals("MatMul") || op.equals("Gemm"))
          && constantSizes.containsKey(node.getInput(1))) {
        weightNodes++;
        weightValues += constantSizes.get(node.getInput(1));
      }
    }

    Model model = new OnnxModelReader().read(FILE);
    assertTrue(weightNodes > 50, "graph has " + weightNodes + " weight nodes");
    assertEquals(weightNodes, model.layers().size());
    assertEquals(
        weightValues, model.layers().stream().mapToLong(l -> l.weight().elementCount()).sum());
    for (Layer layer : model.layers()) {
      assertTrue(layer.storage().contains("Constant node"), layer.name() + ": " + layer.storage());
    }
  }
}
