package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Graph;
import io.quantlens.model.Node;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphReaderTest {
  @TempDir Path dir;

  private Path twoNodes() throws Exception {
    return new OnnxTestModel()
        .initializer(OnnxTestModel.floats("W", new long[] {2, 1, 1, 1}, 1f, 2f))
        .node(
            "Conv",
            "conv",
            List.of("X", "W", ""),
            List.of("C"),
            OnnxTestModel.intAttribute("group", 1),
            AttributeProto.newBuilder()
                .setName("strides")
                .setType(AttributeProto.AttributeType.INTS)
                .addInts(2)
                .addInts(2)
                .build(),
            AttributeProto.newBuilder()
                .setName("auto_pad")
                .setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8("NOTSET"))
                .build())
        .node(
            "LeakyRelu",
            "",
            List.of("C"),
            List.of("Y"),
            AttributeProto.newBuilder()
                .setName("alpha")
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(0.5f)
                .build())
        .input("X", FLOAT, 1, 1, 4, 4)
        .output("Y", FLOAT, 1, 2, 2, 2)
        .write(dir.resolve("m.onnx"));
  }

  @Test
  void readsNodesInOrderWithTheirAttributes() throws Exception {
    Graph graph = ModelFiles.graph(twoNodes());

    assertEquals(2, graph.nodes().size());
    Node conv = graph.nodes().get(0);
    assertEquals("conv", conv.name());
    assertEquals("Conv", conv.opType());
    assertEquals(List.of("X", "W", ""), conv.inputs());
    assertEquals(List.of("C"), conv.outputs());
    assertEquals(1L, conv.attributes().get("group"));
    assertArrayEquals(new long[] {2, 2}, (long[]) conv.attributes().get("strides"));
    assertEquals("NOTSET", conv.attributes().get("auto_pad"));
    Node relu = graph.nodes().get(1);
    assertEquals("", relu.name());
    assertEquals(0.5, (Double) relu.attributes().get("alpha"));
  }

  @Test
  void rewriteListsEveryNodeOutputOnceAsAGraphOutput() throws Exception {
    ModelProto rewritten = ModelProto.parseFrom(ModelFiles.withEveryValueAsOutput(twoNodes()));

    assertEquals(
        List.of("Y", "C"),
        rewritten.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
    assertEquals(1, rewritten.getGraph().getInitializerCount());
  }
}
