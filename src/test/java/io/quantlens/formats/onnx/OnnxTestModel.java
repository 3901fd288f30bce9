package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small ONNX models with the protobuf builders, for tests. */
public final class OnnxTestModel {
  public static final int FLOAT = 1;
  public static final int UINT8 = 2;
  public static final int INT8 = 3;
  public static final int INT64 = 7;
  public static final int BOOL = 9;
  public static final int FLOAT16 = 10;
  public static final int DOUBLE = 11;
  public static final int BFLOAT16 = 16;

  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test-graph");
  private final ModelProto.Builder model =
      ModelProto.newBuilder()
          .setIrVersion(9)
          .setProducerName("quantlens-test")
          .setProducerVersion("0.1")
          .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(21));

  public OnnxTestModel initializer(TensorProto tensor) {
    graph.addInitializer(tensor);
    return this;
  }

  public OnnxTestModel node(
      String op,
      String name,
      List<String> inputs,
      List<String> outputs,
      AttributeProto... attributes) {
    return nodeIn("", op, name, inputs, outputs, attributes);
  }

  /** A node of another operator domain, e.g. {@code com.microsoft}. */
  public OnnxTestModel nodeIn(
      String domain,
      String op,
      String name,
      List<String> inputs,
      List<String> outputs,
      AttributeProto... attributes) {
    graph.addNode(
        NodeProto.newBuilder()
            .setDomain(domain)
            .setOpType(op)
            .setName(name)
            .addAllInput(inputs)
            .addAllOutput(outputs)
            .addAllAttribute(List.of(attributes)));
    return this;
  }

  /** A graph input; each dim is a Long/Integer (dim_value), a String (dim_param) or null. */
  public OnnxTestModel input(String name, int elemType, Object... dims) {
    graph.addInput(valueInfo(name, elemType, dims));
    return this;
  }

  public OnnxTestModel output(String name, int elemType, Object... dims) {
    graph.addOutput(valueInfo(name, elemType, dims));
    return this;
  }

  /** Sets the default domain's opset (21 unless set). */
  public OnnxTestModel defaultOpset(long version) {
    model.setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(version));
    return this;
  }

  public OnnxTestModel opset(String domain, long version) {
    model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version));
    return this;
  }

  public ModelProto build() {
    return model.setGraph(graph).build();
  }

  public Path write(Path file) throws IOException {
    Files.write(file, build().toByteArray());
    return file;
  }

  /** The {@code value} attribute of a Constant node. */
  public static AttributeProto tensorAttribute(TensorProto t) {
    return AttributeProto.newBuilder()
        .setName("value")
        .setType(AttributeProto.AttributeType.TENSOR)
        .setT(t)
        .build();
  }

  /** A control-flow body attribute, e.g. an If's {@code then_branch}. */
  public static AttributeProto graphAttribute(String name, OnnxTestModel body) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.GRAPH)
        .setG(body.build().getGraph().toBuilder().setName(name))
        .build();
  }

  /** The n×n identity, row-major: as input to a MatMul it reads the weight back. */
  public static float[] identity(int n) {
    float[] x = new float[n * n];
    for (int i = 0; i < n; i++) {
      x[i * n + i] = 1f;
    }
    return x;
  }

  /** A row-major [rows, cols] matrix transposed to [cols, rows]. */
  public static float[] transpose(float[] values, int rows, int cols) {
    float[] t = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = values[r * cols + c];
      }
    }
    return t;
  }

  public static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A FLOAT tensor stored in raw_data. */
  public static TensorProto floats(String name, long[] dims, float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return raw(name, FLOAT, dims, b.array());
  }

  /** A FLOAT tensor stored in float_data. */
  public static TensorProto floatData(String name, long[] dims, float... values) {
    TensorProto.Builder t = tensor(name, FLOAT, dims);
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  /** An INT8 (or UINT8, INT32...) tensor stored in int32_data, or 16-bit float bit patterns. */
  public static TensorProto int32Data(String name, int dataType, long[] dims, int... values) {
    TensorProto.Builder t = tensor(name, dataType, dims);
    for (int v : values) {
      t.addInt32Data(v);
    }
    return t.build();
  }

  /** 16-bit values (FLOAT16 / BFLOAT16 bit patterns) stored in raw_data. */
  public static TensorProto shorts(String name, int dataType, long[] dims, int... bits) {
    ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : bits) {
      b.putShort((short) v);
    }
    return raw(name, dataType, dims, b.array());
  }

  /** 8-bit integers (INT8 / UINT8) stored in raw_data. */
  public static TensorProto bytes(String name, int dataType, long[] dims, int... values) {
    byte[] raw = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      raw[i] = (byte) values[i];
    }
    return raw(name, dataType, dims, raw);
  }

  public static TensorProto raw(String name, int dataType, long[] dims, byte[] raw) {
    return tensor(name, dataType, dims).setRawData(ByteString.copyFrom(raw)).build();
  }

  /** A tensor whose data lies in an external file; {@code length} may be null. */
  public static TensorProto external(
      String name, int dataType, long[] dims, String location, long offset, Long length) {
    TensorProto.Builder t =
        tensor(name, dataType, dims)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(entry("location", location))
            .addExternalData(entry("offset", Long.toString(offset)));
    if (length != null) {
      t.addExternalData(entry("length", Long.toString(length)));
    }
    return t.build();
  }

  /** Little-endian bytes of float32 values. */
  public static byte[] floatBytes(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  public static TensorProto.Builder tensor(String name, int dataType, long[] dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType);
    for (long d : dims) {
      t.addDims(d);
    }
    return t;
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Number n) {
        dim.setDimValue(n.longValue());
      } else if (d instanceof String s) {
        dim.setDimParam(s);
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }
}
