package io.quantlens.reference;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * An independent reference for bit-exactness tests: each call builds a tiny ONNX graph in memory,
 * runs it in ONNX Runtime (CPU) and returns what ORT computed. The quantization engine is compared
 * against these values element for element; nothing here shares code with it.
 *
 * <p>Graphs are run with all graph optimizations disabled and one intra-op thread, so ORT executes
 * exactly the nodes written here (no Q/DQ or Cast-chain fusion can skip a rounding step).
 *
 * <p>Opsets: QuantizeLinear/DequantizeLinear use opset {@value #QDQ_OPSET} (the first with
 * INT4/UINT4 and the {@code block_size} attribute; {@code OrtReferenceTest} checks that INT8/UINT8
 * give identical results at opsets 13 and 19). Cast uses opset {@value #CAST_OPSET} (the first with
 * FP8 and {@code saturate}, left at its default 1). Models are written with IR version 10.
 *
 * <p>4-bit codes are read back through an extra Cast to INT8/UINT8, because the ORT Java API has no
 * INT4/UINT4 tensor type.
 */
public final class OrtReference {

  /** Integer types for QuantizeLinear/DequantizeLinear. ONNX INT4/UINT4 need opset 21. */
  public enum QType {
    INT8(TensorProto.DataType.INT8_VALUE),
    UINT8(TensorProto.DataType.UINT8_VALUE),
    INT4(TensorProto.DataType.INT4_VALUE),
    UINT4(TensorProto.DataType.UINT4_VALUE);

    final int onnxType;

    QType(int onnxType) {
      this.onnxType = onnxType;
    }

    /** Inclusive smallest code. */
    public int min() {
      return OnnxGraphs.range(onnxType)[0];
    }

    /** Inclusive largest code. */
    public int max() {
      return OnnxGraphs.range(onnxType)[1];
    }

    boolean signed() {
      return this == INT8 || this == INT4;
    }
  }

  /** Floating-point types for a float32 → type → float32 Cast round trip. */
  public enum FloatType {
    FLOAT16(TensorProto.DataType.FLOAT16_VALUE),
    BFLOAT16(TensorProto.DataType.BFLOAT16_VALUE),
    FLOAT8E4M3FN(TensorProto.DataType.FLOAT8E4M3FN_VALUE),
    FLOAT8E5M2(TensorProto.DataType.FLOAT8E5M2_VALUE);

    final int onnxType;

    FloatType(int onnxType) {
      this.onnxType = onnxType;
    }
  }

  /** Opset of the QuantizeLinear/DequantizeLinear graphs. */
  static final int QDQ_OPSET = 21;

  /** Opset of the Cast graphs. */
  static final int CAST_OPSET = 19;

  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

  private OrtReference() {}

  /** ORT requires one environment per process; created on first use, never closed (ORT's rule). */
  private static final class Env {
    static final OrtEnvironment INSTANCE = OrtEnvironment.getEnvironment();
  }

  /**
   * QuantizeLinear then DequantizeLinear. {@code scales.length == 1} → per-tensor (scalar scale and
   * zero point); otherwise per-axis along {@code axis} (1-D scale and zero point of length {@code
   * shape[axis]}).
   */
  public static float[] quantizeDequantize(
      float[] x, long[] shape, float[] scales, int[] zeroPoints, int axis, QType type) {
    return quantizeDequantize(x, shape, scales, zeroPoints, axis, type, QDQ_OPSET);
  }

  /** As {@link #quantizeDequantize(float[], long[], float[], int[], int, QType)} at any opset. */
  static float[] quantizeDequantize(
      float[] x, long[] shape, float[] scales, int[] zeroPoints, int axis, QType type, int opset) {
    Params p = Params.perTensorOrAxis(x, shape, scales, zeroPoints, axis, type);
    return runFloat(qdqModel(p, true, opset), x, shape);
  }

  /** QuantizeLinear only; returns the integer codes as ints (unpacked). */
  public static int[] quantize(
      float[] x, long[] shape, float[] scales, int[] zeroPoints, int axis, QType type) {
    return quantize(x, shape, scales, zeroPoints, axis, type, QDQ_OPSET);
  }

  /** As {@link #quantize(float[], long[], float[], int[], int, QType)} at any opset. */
  static int[] quantize(
      float[] x, long[] shape, float[] scales, int[] zeroPoints, int axis, QType type, int opset) {
    Params p = Params.perTensorOrAxis(x, shape, scales, zeroPoints, axis, type);
    return runCodes(qdqModel(p, false, opset), x, shape, type);
  }

  /**
   * Blocked quantization (QuantizeLinear-21 {@code block_size} attribute): scale/zp shape = shape
   * with dim {@code axis} replaced by ceil(shape[axis]/blockSize), flattened row-major. Returns
   * dequantized values.
   */
  public static float[] quantizeDequantizeBlocked(
      float[] x,
      long[] shape,
      float[] scales,
      int[] zeroPoints,
      int axis,
      int blockSize,
      QType type) {
    Params p = Params.blocked(x, shape, scales, zeroPoints, axis, blockSize, type);
    return runFloat(qdqModel(p, true, QDQ_OPSET), x, shape);
  }

  /**
   * Blocked QuantizeLinear only; the integer codes, unpacked. Package-private: the public API has
   * no blocked quantize, the tests use it to check codes and dequantized values separately.
   */
  static int[] quantizeBlocked(
      float[] x,
      long[] shape,
      float[] scales,
      int[] zeroPoints,
      int axis,
      int blockSize,
      QType type) {
    Params p = Params.blocked(x, shape, scales, zeroPoints, axis, blockSize, type);
    return runCodes(qdqModel(p, false, QDQ_OPSET), x, shape, type);
  }

  /** Cast float32 → type → float32 (two Cast nodes, opset 19, saturate left at its default 1). */
  public static float[] castRoundTrip(float[] x, FloatType type) {
    long[] shape = {x.length};
    byte[] model =
        new OnnxGraphs.Builder()
            .input("x", FLOAT, shape)
            .node(
                OnnxGraphs.node("Cast", "to_narrow", new String[] {"x"}, "narrow")
                    .addAttribute(OnnxGraphs.intAttribute("to", type.onnxType))
                    .build())
            .node(
                OnnxGraphs.node("Cast", "to_float", new String[] {"narrow"}, "y")
                    .addAttribute(OnnxGraphs.intAttribute("to", FLOAT))
                    .build())
            .output("y", FLOAT, shape)
            .toModelBytes(CAST_OPSET);
    return runFloat(model, x, shape);
  }

  /**
   * True if this ORT build runs every operation above for {@code type}: per-tensor and per-axis
   * Q→DQ, Q alone, and blocked Q→DQ.
   */
  public static boolean supports(QType type) {
    try {
      int zp = type.signed() ? 0 : type.min() + 1;
      float[] x = {-1f, 0f, 1f, 2f};
      long[] shape = {2, 2};
      quantizeDequantize(x, shape, new float[] {1f}, new int[] {zp}, 0, type);
      quantizeDequantize(x, shape, new float[] {1f, 2f}, new int[] {zp, zp}, 1, type);
      quantize(x, shape, new float[] {1f}, new int[] {zp}, 0, type);
      quantizeDequantizeBlocked(x, shape, new float[] {1f, 2f}, new int[] {zp, zp}, 1, 2, type);
      return true;
    } catch (OrtReferenceException e) {
      return false;
    }
  }

  /** True if this ORT build runs the Cast round trip for {@code type}. */
  public static boolean supports(FloatType type) {
    try {
      castRoundTrip(new float[] {1f, -0.5f}, type);
      return true;
    } catch (OrtReferenceException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- graph building

  /** Validated inputs for one Q/DQ graph. */
  private static final class Params {
    final long[] shape;
    final float[] scales;
    final int[] zeroPoints;
    final long[] scaleDims;
    final int axis; // normalized, or -1 for per-tensor
    final int blockSize; // 0 when not blocked
    final QType type;

    private Params(
        long[] shape,
        float[] scales,
        int[] zeroPoints,
        long[] scaleDims,
        int axis,
        int blockSize,
        QType type) {
      this.shape = shape;
      this.scales = scales;
      this.zeroPoints = zeroPoints;
      this.scaleDims = scaleDims;
      this.axis = axis;
      this.blockSize = blockSize;
      this.type = type;
    }

    static Params perTensorOrAxis(
        float[] x, long[] shape, float[] scales, int[] zeroPoints, int axis, QType type) {
      checkCommon(x, shape, scales, zeroPoints, type);
      if (scales.length == 1) {
        return new Params(shape, scales, zeroPoints, new long[0], -1, 0, type);
      }
      int a = normalizeAxis(axis, shape.length);
      if (scales.length != shape[a]) {
        throw new IllegalArgumentException(
            "per-axis needs shape[axis] = " + shape[a] + " scales, got " + scales.length);
      }
      return new Params(shape, scales, zeroPoints, new long[] {shape[a]}, a, 0, type);
    }

    static Params blocked(
        float[] x,
        long[] shape,
        float[] scales,
        int[] zeroPoints,
        int axis,
        int blockSize,
        QType type) {
      checkCommon(x, shape, scales, zeroPoints, type);
      if (blockSize < 1) {
        throw new IllegalArgumentException("block size must be positive: " + blockSize);
      }
      int a = normalizeAxis(axis, shape.length);
      long[] dims = shape.clone();
      dims[a] = (shape[a] + blockSize - 1) / blockSize;
      if (scales.length != product(dims)) {
        throw new IllegalArgumentException(
            "blocked scales must have shape "
                + Arrays.toString(dims)
                + " ("
                + product(dims)
                + " values), got "
                + scales.length);
      }
      return new Params(shape, scales, zeroPoints, dims, a, blockSize, type);
    }

    private static void checkCommon(
        float[] x, long[] shape, float[] scales, int[] zeroPoints, QType type) {
      if (product(shape) != x.length) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " does not hold " + x.length + " values");
      }
      if (scales.length == 0 || scales.length != zeroPoints.length) {
        throw new IllegalArgumentException(
            "need as many zero points as scales (>= 1): "
                + scales.length
                + " vs "
                + zeroPoints.length);
      }
      if (type == null) {
        throw new IllegalArgumentException("type is null");
      }
    }

    private static int normalizeAxis(int axis, int rank) {
      int a = axis < 0 ? axis + rank : axis;
      if (a < 0 || a >= rank) {
        throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
      }
      return a;
    }
  }

  /**
   * x → QuantizeLinear → q, then either DequantizeLinear → y (float) or, for codes, q itself
   * (8-bit) or q cast to 8 bits (4-bit: the ORT Java API has no INT4/UINT4 tensor type to read).
   */
  private static byte[] qdqModel(Params p, boolean dequantize, int opset) {
    OnnxGraphs.Builder g =
        new OnnxGraphs.Builder()
            .input("x", FLOAT, p.shape)
            .initializer(OnnxGraphs.floatTensor("scale", p.scaleDims, p.scales))
            .initializer(
                OnnxGraphs.integerTensor("zero_point", p.type.onnxType, p.scaleDims, p.zeroPoints))
            .node(qdqNode("QuantizeLinear", "quantize", "x", "q", p));
    if (dequantize) {
      g.node(qdqNode("DequantizeLinear", "dequantize", "q", "y", p)).output("y", FLOAT, p.shape);
    } else if (p.type == QType.INT8 || p.type == QType.UINT8) {
      g.output("q", p.type.onnxType, p.shape);
    } else {
      int wide = p.type.signed() ? QType.INT8.onnxType : QType.UINT8.onnxType;
      g.node(
              OnnxGraphs.node("Cast", "widen", new String[] {"q"}, "codes")
                  .addAttribute(OnnxGraphs.intAttribute("to", wide))
                  .build())
          .output("codes", wide, p.shape);
    }
    return g.toModelBytes(opset);
  }

  private static NodeProto qdqNode(String opType, String name, String in, String out, Params p) {
    var node = OnnxGraphs.node(opType, name, new String[] {in, "scale", "zero_point"}, out);
    if (p.axis >= 0) {
      node.addAttribute(OnnxGraphs.intAttribute("axis", p.axis));
    }
    if (p.blockSize > 0) {
      node.addAttribute(OnnxGraphs.intAttribute("block_size", p.blockSize));
    }
    return node.build();
  }

  // ---------------------------------------------------------------- running

  private static float[] runFloat(byte[] model, float[] x, long[] shape) {
    return run(
        model,
        x,
        shape,
        out -> {
          FloatBuffer buf = out.getFloatBuffer();
          float[] y = new float[buf.remaining()];
          buf.get(y);
          return y;
        });
  }

  private static int[] runCodes(byte[] model, float[] x, long[] shape, QType type) {
    return run(
        model,
        x,
        shape,
        out -> {
          ByteBuffer buf = out.getByteBuffer();
          int[] q = new int[buf.remaining()];
          for (int i = 0; i < q.length; i++) {
            byte b = buf.get();
            q[i] = type.signed() ? b : b & 0xFF;
          }
          return q;
        });
  }

  private static <T> T run(byte[] model, float[] x, long[] shape, Function<OnnxTensor, T> read) {
    OrtEnvironment env = Env.INSTANCE;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
          OrtSession.Result result = session.run(Map.of("x", input))) {
        return read.apply((OnnxTensor) result.get(0));
      }
    } catch (OrtException e) {
      throw new OrtReferenceException("ONNX Runtime could not run the reference graph", e);
    }
  }

  private static long product(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }
}
