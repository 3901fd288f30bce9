package io.quantlens.formats.gguf;

import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.formats.mapped.FloatReaders;
import io.quantlens.model.DType;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;

/** Makes model tensors of GGUF tensor infos. */
final class GgufTensors {
  private GgufTensors() {}

  /** A tensor whose values stream from the mapping; its type must be decodable. */
  static Tensor decodable(TensorInfo info, ChunkedMapping mapping, DataSection data) {
    GgmlType type = info.type().orElseThrow();
    ByteRegion region = mapping.region(data.fileOffset(info), info.byteSize().orElseThrow());
    long n = info.elements();
    TensorReader reader =
        switch (type) {
          case F32 -> FloatReaders.float32(region, n);
          case F16 -> FloatReaders.float16(region, n);
          case BF16 -> FloatReaders.bfloat16(region, n);
          case F64 -> FloatReaders.float64(region, n);
          case I8 -> FloatReaders.int8(region, n);
          case I32 -> FloatReaders.int32(region, n);
          case I64 -> FloatReaders.int64(region, n);
          default -> new BlockTensorReader(type.blockFormat().orElseThrow(), region, n);
        };
    return new Tensor(info.name(), type.dtype(), info.shape(), reader);
  }

  /** A tensor that is listed but whose values QuantLens cannot read. */
  static Tensor listedOnly(TensorInfo info) {
    String problem = "tensor " + info.name() + " of type " + info.typeLabel() + " is not decoded";
    return new Tensor(
        info.name(),
        DType.OTHER,
        info.shape(),
        (start, dst, dstOffset, count) -> {
          throw new UnsupportedOperationException(problem);
        });
  }
}
