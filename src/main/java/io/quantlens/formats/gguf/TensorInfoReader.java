package io.quantlens.formats.gguf;

import io.quantlens.model.ModelFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the tensor_info entries of a GGUF header
 * (docs/file-formats.md#gguf-tensor-infos, gguf.cpp).
 */
final class TensorInfoReader {
  /** ggml's GGML_MAX_NAME: names must be shorter. */
  static final int MAX_NAME_BYTES = 64;

  /** ggml's GGML_MAX_DIMS. */
  static final int MAX_DIMS = 4;

  private TensorInfoReader() {}

  static List<TensorInfo> read(HeaderCursor in, long count) throws ModelFormatException {
    List<TensorInfo> infos = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (long i = 0; i < count; i++) {
      TensorInfo info = readOne(in, i);
      if (!names.add(info.name())) {
        throw in.error("tensor name '" + info.name() + "' appears twice");
      }
      infos.add(info);
    }
    return infos;
  }

  private static TensorInfo readOne(HeaderCursor in, long index) throws ModelFormatException {
    GgufValue.Text text = in.string("name of tensor #" + index, MAX_NAME_BYTES);
    String name = text.value();
    if (text.byteLength() >= MAX_NAME_BYTES) {
      throw in.error(
          "tensor '"
              + name
              + "…': name is "
              + text.byteLength()
              + " bytes (ggml allows at most "
              + (MAX_NAME_BYTES - 1)
              + ")");
    }
    String what = "tensor '" + name + "'";
    long rank = in.u32(what + " dimension count");
    if (rank > MAX_DIMS) {
      throw in.error(what + ": " + rank + " dimensions (ggml allows at most " + MAX_DIMS + ")");
    }
    long[] ne = new long[(int) rank];
    for (int d = 0; d < rank; d++) {
      ne[d] = in.u64(what + " dimension " + d);
      if (ne[d] < 0) {
        throw in.error(what + ": dimension " + d + " is " + Long.toUnsignedString(ne[d]));
      }
    }
    long elements = elementCount(in, what, ne);
    long typeId = in.u32(what + " type");
    var type = GgmlType.byId(typeId);
    long offset = in.count(what + " offset");
    if (type.isPresent()) {
      checkGeometry(in, what, ne, elements, type.get());
    }
    return new TensorInfo(name, ne, typeId, type, offset, elements);
  }

  private static long elementCount(HeaderCursor in, String what, long[] ne)
      throws ModelFormatException {
    long n = 1;
    for (long d : ne) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw in.error(
            what + ": dimensions " + Arrays.toString(ne) + " overflow a 64-bit element count");
      }
    }
    return n;
  }

  private static void checkGeometry(
      HeaderCursor in, String what, long[] ne, long elements, GgmlType type)
      throws ModelFormatException {
    long rowLength = ne.length == 0 ? 1 : ne[0];
    if (rowLength % type.blockElements() != 0) {
      throw in.error(
          what
              + ": row length "
              + rowLength
              + " is not a multiple of the "
              + type.blockElements()
              + "-element blocks of "
              + type.name());
    }
    try {
      type.bytesFor(elements);
    } catch (ArithmeticException e) {
      throw in.error(what + ": " + elements + " elements of " + type.name() + " overflow 64 bits");
    }
  }
}
