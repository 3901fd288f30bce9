package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.BFLOAT16;
import static io.quantlens.formats.onnx.OnnxTestModel.DOUBLE;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.quantlens.model.DType;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each float storage (raw_data and typed fields) read back through the model's tensors. */
class FloatStorageTest {
  @TempDir Path dir;

  @Test
  void fp16AndBf16RawDataAndInt32Data() throws Exception {
    long[] five = {5};
    Model model =
        read(
            OnnxTestModel.shorts("h_raw", FLOAT16, five, 0x3c00, 0x0001, 0x7c00, 0xc000, 0x7bff),
            OnnxTestModel.int32Data(
                "h_typed", FLOAT16, five, 0x3c00, 0x0001, 0x7c00, 0xc000, 0x7bff),
            OnnxTestModel.shorts("b_raw", BFLOAT16, five, 0x3f80, 0xc000, 0x7f80, 0x0000, 0x4049),
            OnnxTestModel.int32Data(
                "b_typed", BFLOAT16, five, 0x3f80, 0xc000, 0x7f80, 0x0000, 0x4049));
    float[] fp16 = {1f, 0x1p-24f, Float.POSITIVE_INFINITY, -2f, 65504f};
    float[] bf16 = {1f, -2f, Float.POSITIVE_INFINITY, 0f, 3.140625f};
    assertArrayEquals(fp16, all(tensor(model, "h_raw")));
    assertArrayEquals(fp16, all(tensor(model, "h_typed")));
    assertArrayEquals(bf16, all(tensor(model, "b_raw")));
    assertArrayEquals(bf16, all(tensor(model, "b_typed")));
    assertEquals(DType.FLOAT16, tensor(model, "h_raw").dtype());
    assertEquals(DType.BFLOAT16, tensor(model, "b_typed").dtype());

    float[] part = new float[4];
    tensor(model, "h_raw").reader().read(2, part, 1, 3);
    assertArrayEquals(new float[] {0f, Float.POSITIVE_INFINITY, -2f, 65504f}, part);
  }

  @Test
  void floatDataAndDoubles() throws Exception {
    ByteBuffer doubles = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    doubles.putDouble(0.5).putDouble(-1e300).putDouble(1.0 / 3);
    TensorProto rawDouble =
        OnnxTestModel.tensor("d_raw", DOUBLE, new long[] {3})
            .setRawData(ByteString.copyFrom(doubles.array()))
            .build();
    TensorProto typedDouble =
        OnnxTestModel.tensor("d_typed", DOUBLE, new long[] {3})
            .addDoubleData(0.5)
            .addDoubleData(-1e300)
            .addDoubleData(1.0 / 3)
            .build();
    Model model =
        read(
            rawDouble,
            typedDouble,
            OnnxTestModel.floatData("f_typed", new long[] {2, 2}, 1.5f, -0f, 7f, 1e-40f));
    float[] d = {0.5f, Float.NEGATIVE_INFINITY, 0.33333334f};
    assertArrayEquals(d, all(tensor(model, "d_raw")));
    assertArrayEquals(d, all(tensor(model, "d_typed")));
    assertEquals(DType.FLOAT64, tensor(model, "d_raw").dtype());
    assertArrayEquals(new float[] {1.5f, -0f, 7f, 1e-40f}, all(tensor(model, "f_typed")));
  }

  @Test
  void readerChecksItsArguments() throws Exception {
    Tensor t = tensor(read(OnnxTestModel.floats("w", new long[] {3}, 1, 2, 3)), "w");
    float[] dst = new float[3];
    assertThrows(IndexOutOfBoundsException.class, () -> t.reader().read(1, dst, 0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> t.reader().read(-1, dst, 0, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> t.reader().read(0, dst, 1, 3));
    t.reader().read(3, dst, 0, 0); // empty read at the end is fine
  }

  @Test
  void int64InitializersAreListedButNotRead() throws Exception {
    TensorProto shape =
        OnnxTestModel.tensor("shape", OnnxTestModel.INT64, new long[] {2})
            .addInt64Data(4)
            .addInt64Data(-1)
            .build();
    Tensor t = tensor(read(shape), "shape");
    assertEquals(DType.INT64, t.dtype());
    assertEquals(16, t.storedBytes());
    assertThrows(UnsupportedOperationException.class, () -> t.reader().read(0, new float[2], 0, 2));
  }

  private Model read(TensorProto... tensors) throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    for (TensorProto t : tensors) {
      m.initializer(t);
    }
    return new OnnxModelReader().read(m.write(dir.resolve("m.onnx")));
  }

  static Tensor tensor(Model model, String name) {
    List<Tensor> found = model.initializers().stream().filter(t -> t.name().equals(name)).toList();
    assertEquals(1, found.size(), name);
    return found.get(0);
  }

  static float[] all(Tensor t) {
    float[] values = new float[(int) t.elementCount()];
    t.reader().read(0, values, 0, values.length);
    return values;
  }
}
