package io.quantlens.reference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Small builders for single-purpose ONNX graphs, written with the generated {@code OnnxMl} protobuf
 * classes. Everything here is test-only plumbing for {@link OrtReference}.
 */
final class OnnxGraphs {

  /** IR version 10 is the first that allows opset 21 (INT4/UINT4); ORT 1.23 reads up to 11. */
  static final long IR_VERSION = 10;

  private OnnxGraphs() {}

  /** A graph under construction: one float input {@code x}, nodes, initializers, outputs. */
  static final class Builder {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("reference");

    Builder input(String name, int elemType, long[] shape) {
      graph.addInput(valueInfo(name, elemType, shape));
      return this;
    }

    Builder output(String name, int elemType, long[] shape) {
      graph.addOutput(valueInfo(name, elemType, shape));
      return this;
    }

    Builder initializer(TensorProto tensor) {
      graph.addInitializer(tensor);
      return this;
    }

    Builder node(NodeProto node) {
      graph.addNode(node);
      return this;
    }

    /** Serialized model bytes with the default ("ai.onnx") domain at {@code opset}. */
    byte[] toModelBytes(int opset) {
      return ModelProto.newBuilder()
          .setIrVersion(IR_VERSION)
          .setProducerName("quantlens-test-reference")
          .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
          .setGraph(graph)
          .build()
          .toByteArray();
    }
  }

  static ValueInfoProto valueInfo(String name, int elemType, long[] shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(dims).build()))
        .build();
  }

  static NodeProto.Builder node(String opType, String name, String[] inputs, String... outputs) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(name);
    for (String in : inputs) {
      node.addInput(in);
    }
    for (String out : outputs) {
      node.addOutput(out);
    }
    return node;
  }

  static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A FLOAT initializer in raw_data (little-endian IEEE bits). */
  static TensorProto floatTensor(String name, long[] dims, float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    return tensor(name, TensorProto.DataType.FLOAT_VALUE, dims, bytes.array());
  }

  /**
   * An 8-bit or 4-bit integer initializer in raw_data. INT8/UINT8 take one byte per value; INT4 and
   * UINT4 are packed two per byte, the first element in the low nibble, an odd count padded with a
   * zero high nibble (docs/file-formats.md#onnx-tensor-storage).
   */
  static TensorProto integerTensor(String name, int dataType, long[] dims, int[] values) {
    int[] range = range(dataType);
    for (int v : values) {
      if (v < range[0] || v > range[1]) {
        throw new IllegalArgumentException(
            "value "
                + v
                + " outside ["
                + range[0]
                + ", "
                + range[1]
                + "] for data type "
                + dataType);
      }
    }
    byte[] raw;
    if (dataType == TensorProto.DataType.INT4_VALUE
        || dataType == TensorProto.DataType.UINT4_VALUE) {
      raw = packNibbles(values);
    } else {
      raw = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        raw[i] = (byte) values[i];
      }
    }
    return tensor(name, dataType, dims, raw);
  }

  /** Two 4-bit values per byte, element 2i in the low nibble, element 2i+1 in the high nibble. */
  static byte[] packNibbles(int[] values) {
    byte[] packed = new byte[(values.length + 1) / 2];
    for (int i = 0; i < values.length; i++) {
      int nibble = values[i] & 0xF;
      packed[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
    }
    return packed;
  }

  /** Inclusive [min, max] of the integer element types the reference handles. */
  static int[] range(int dataType) {
    switch (dataType) {
      case TensorProto.DataType.INT8_VALUE:
        return new int[] {-128, 127};
      case TensorProto.DataType.UINT8_VALUE:
        return new int[] {0, 255};
      case TensorProto.DataType.INT4_VALUE:
        return new int[] {-8, 7};
      case TensorProto.DataType.UINT4_VALUE:
        return new int[] {0, 15};
      default:
        throw new IllegalArgumentException("not an 8-bit or 4-bit integer type: " + dataType);
    }
  }

  private static TensorProto tensor(String name, int dataType, long[] dims, byte[] raw) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType);
    for (long d : dims) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(raw)).build();
  }
}
