package io.quantlens.formats.onnx;

import io.quantlens.model.DType;
import io.quantlens.model.ShapeRules;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.HalfFloats;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tensors as a node sees them after value-preserving operations: a new shape over the same
 * row-major data (Reshape, Squeeze, Unsqueeze, Flatten), a permutation of the axes (Transpose), a
 * cast to a narrower float type (Cast), which rounds each value as ONNX Runtime's Cast does, a part
 * (Slice) or pieces joined along an axis (Concat).
 */
final class TensorViews {
  private TensorViews() {}

  static Tensor reshaped(Tensor source, long[] shape) {
    return new Tensor(source.name(), source.dtype(), shape, source.reader());
  }

  /**
   * The tensor with axis {@code i} of the result taken from axis {@code perm[i]} of the source.
   * Values are gathered once per read into a softly held copy, since a transposed view has no
   * contiguous runs to stream.
   */
  static Tensor transposed(Tensor source, int[] perm) {
    long[] from = source.shape();
    long[] to = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      to[i] = from[perm[i]];
    }
    if (isIdentity(perm)) {
      return reshaped(source, to);
    }
    int[] axes = perm.clone();
    Supplier<float[]> gather =
        () -> permute(GatheredReader.all(source, "transposed"), source.shape(), axes);
    return new Tensor(
        source.name(), source.dtype(), to, new GatheredReader(source.elementCount(), gather));
  }

  /** The tensor rounded to FLOAT16 or BFLOAT16 as a Cast to {@code onnxType} would. */
  static Tensor castTo(Tensor source, int onnxType) {
    TensorReader inner = source.reader();
    TensorReader rounded =
        switch (onnxType) {
          case OnnxDataType.FLOAT16 ->
              (start, dst, offset, count) -> {
                inner.read(start, dst, offset, count);
                for (int i = offset; i < offset + count; i++) {
                  dst[i] = HalfFloats.fp16ToFloat(HalfFloats.toFp16(dst[i]));
                }
              };
          case OnnxDataType.BFLOAT16 ->
              (start, dst, offset, count) -> {
                inner.read(start, dst, offset, count);
                for (int i = offset; i < offset + count; i++) {
                  dst[i] = HalfFloats.bf16ToFloat(HalfFloats.toBf16(dst[i]));
                }
              };
          default -> inner;
        };
    return new Tensor(source.name(), source.dtype(), source.shape(), rounded);
  }

  static boolean isIdentity(int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Row-major strides of {@code shape}. */
  static long[] strides(long[] shape) {
    long[] strides = new long[shape.length];
    long s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    return strides;
  }

  /**
   * Moves {@code values} laid out as {@code shape} to the layout of {@code shape} permuted by
   * {@code perm} (result axis i = source axis perm[i]).
   */
  static float[] permute(float[] values, long[] shape, int[] perm) {
    float[] out = new float[values.length];
    IndexWalks.permuted(shape, perm, (to, from) -> out[to] = values[from]);
    return out;
  }

  /** The part of {@code source} that {@code slice} selects. */
  static Tensor sliced(Tensor source, WeightView.Slice slice) {
    long[] shape = slice.shape();
    Supplier<float[]> gather =
        () -> {
          float[] values = GatheredReader.all(source, "sliced");
          float[] out = new float[(int) ShapeRules.elements(shape)];
          IndexWalks.sliced(slice, (to, from) -> out[to] = values[from]);
          return out;
        };
    return new Tensor(
        source.name(),
        source.dtype(),
        shape,
        new GatheredReader(ShapeRules.elements(shape), gather));
  }

  /** {@code pieces} joined along {@code axis}, named {@code name}. */
  static Tensor joined(String name, DType dtype, List<Tensor> pieces, int axis) {
    List<long[]> shapes = pieces.stream().map(Tensor::shape).toList();
    long[] shape = shapes.get(0).clone();
    shape[axis] = shapes.stream().mapToLong(s -> s[axis]).sum();
    Supplier<float[]> gather =
        () -> {
          float[][] values = new float[pieces.size()][];
          for (int k = 0; k < values.length; k++) {
            values[k] = GatheredReader.all(pieces.get(k), "joined");
          }
          float[] out = new float[(int) ShapeRules.elements(shape)];
          IndexWalks.joined(shapes, axis, (to, piece, from) -> out[to] = values[piece][from]);
          return out;
        };
    return new Tensor(name, dtype, shape, new GatheredReader(ShapeRules.elements(shape), gather));
  }
}
