package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.DType;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ShapeRules;
import io.quantlens.model.Tensor;
import java.util.List;

/**
 * Weights that quantized operators keep in their own form, read back as the float values ONNX
 * Runtime computes with: {@code (q − zero point) · scale}. Covers the integer operators
 * (MatMulInteger, ConvInteger, QLinearMatMul, QLinearConv, DynamicQuantizeMatMul) and ONNX Runtime
 * GenAI's block formats (MatMulNBits, GatherBlockQuantized); docs/onnx-weights.md gives each
 * layout.
 */
final class QuantizedOps {
  private final WeightResolver resolver;

  QuantizedOps(WeightResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The weight of an integer operator: codes at input {@code w}, scale at {@code s} (or, when
   * {@code s < 0}, found in the Mul that rescales the output as ONNX Runtime's dynamic quantizer
   * writes it), zero point at {@code z}, parameters along {@code axis} when there are several.
   */
  WeightView integer(GraphScope scope, NodeProto node, int w, int s, int z, int axis)
      throws ModelFormatException {
    StoredTensor codes = resolver.stored(scope, Nodes.input(node, w));
    if (codes == null || !OnnxDataType.isReadableInteger(codes.proto().getDataType())) {
      return null;
    }
    TensorFactory factory = resolver.factory();
    long[] shape = factory.shape(codes.proto(), codes.key());
    if (shape.length == 0 || axis >= shape.length) {
      return null;
    }
    StoredTensor scaleTensor =
        s >= 0 ? resolver.stored(scope, Nodes.input(node, s)) : outputScale(scope, node);
    StoredTensor zeroTensor = resolver.stored(scope, Nodes.input(node, z));
    float[] scales =
        scaleTensor == null
            ? new float[] {1f}
            : SmallTensors.floats(resolver.file(), factory.create(scaleTensor.proto(), null));
    int[] zeroPoints =
        zeroTensor == null ? null : integers(factory.create(zeroTensor.proto(), null));
    Dequantization dq = Dequantization.broadcast(scales, zeroPoints, shape, axis);
    if (dq == null) {
      throw new DequantizeLinearParams(resolver.file(), node, factory)
          .problem(
              "weight "
                  + java.util.Arrays.toString(shape)
                  + " has "
                  + scales.length
                  + " scales and "
                  + (zeroPoints == null ? 0 : zeroPoints.length)
                  + " zero points; expected 1 or "
                  + shape[axis]);
    }
    Tensor tensor = factory.create(resolver.named(codes), dq);
    String type = OnnxDataType.name(codes.proto().getDataType());
    String scaleNote = scaleTensor == null ? ", scale not found (codes shown as integers)" : "";
    return new WeightView(
        tensor,
        codes,
        List.of(),
        node.getOpType() + " " + type + ", " + dq.describe() + scaleNote,
        node);
  }

  /**
   * An integer table gathered first and dequantized after, as quantized embeddings are written:
   * Gather(codes) → DequantizeLinear(rows, scale, zero point) with one scale for the table.
   */
  WeightView gatheredThenDequantized(GraphScope scope, NodeProto gather)
      throws ModelFormatException {
    StoredTensor codes = resolver.stored(scope, Nodes.input(gather, 0));
    if (codes == null || !OnnxDataType.isReadableInteger(codes.proto().getDataType())) {
      return null;
    }
    NodeProto dq = onlyConsumer(scope, gather.getOutput(0), "DequantizeLinear");
    if (dq == null || !Nodes.input(dq, 0).equals(gather.getOutput(0))) {
      return null;
    }
    StoredTensor scale = resolver.stored(scope, Nodes.input(dq, 1));
    StoredTensor zeroPoint = resolver.stored(scope, Nodes.input(dq, 2));
    if (scale == null || (zeroPoint == null && !Nodes.input(dq, 2).isEmpty())) {
      return null;
    }
    TensorFactory factory = resolver.factory();
    float[] scales = SmallTensors.floats(resolver.file(), factory.create(scale.proto(), null));
    int[] zeroPoints = zeroPoint == null ? null : integers(factory.create(zeroPoint.proto(), null));
    if (scales.length != 1 || (zeroPoints != null && zeroPoints.length != 1)) {
      return null; // per-axis parameters after a Gather apply to the gathered rows, not the table
    }
    Dequantization d = Dequantization.perTensor(scales[0], zeroPoints == null ? 0 : zeroPoints[0]);
    Tensor tensor = factory.create(resolver.named(codes), d);
    String type = OnnxDataType.name(codes.proto().getDataType());
    return new WeightView(
        tensor, codes, List.of(), "Gather then DequantizeLinear " + type + ", " + d.describe(), dq);
  }

  /** The weight's own scale in ORT's dynamic pattern: Cast(out) · Mul(x_scale, w_scale). */
  StoredTensor outputScale(GraphScope scope, NodeProto node) {
    NodeProto cast = onlyConsumer(scope, node.getOutput(0), "Cast");
    NodeProto mul = cast == null ? null : onlyConsumer(scope, cast.getOutput(0), "Mul");
    if (mul == null) {
      return null;
    }
    String other = mul.getInput(0).equals(cast.getOutput(0)) ? mul.getInput(1) : mul.getInput(0);
    GraphScope.Definition d = scope.define(other);
    if (d == null || d.producer() == null || !d.producer().getOpType().equals("Mul")) {
      return null;
    }
    for (String factor : d.producer().getInputList()) {
      StoredTensor t = resolver.stored(d.scope(), factor);
      if (t != null && OnnxDataType.isFloat(t.proto().getDataType())) {
        return t;
      }
    }
    return null;
  }

  private static NodeProto onlyConsumer(GraphScope scope, String value, String op) {
    List<NodeProto> consumers = scope.consumers(value);
    return consumers.size() == 1 && consumers.get(0).getOpType().equals(op)
        ? consumers.get(0)
        : null;
  }

  /**
   * MatMulNBits: B is uint8 {@code [N, k_blocks, blob]}, codes packed along K within each block,
   * scales {@code [N, k_blocks]}, optional zero points packed like B (or unpacked floats), default
   * 2^(bits−1), optional g_idx. The weight is shown as {@code [N, K]}, a row per output.
   */
  WeightView matMulNBits(GraphScope scope, NodeProto node) throws ModelFormatException {
    long k = Nodes.longAttribute(node, "K", -1);
    long n = Nodes.longAttribute(node, "N", -1);
    int bits = (int) Nodes.longAttribute(node, "bits", 4);
    long blockSize = Nodes.longAttribute(node, "block_size", -1);
    StoredTensor b = resolver.stored(scope, Nodes.input(node, 1));
    var params = new DequantizeLinearParams(resolver.file(), node, resolver.factory());
    if (b == null) {
      return null;
    }
    if (k <= 0
        || n <= 0
        || blockSize < 1
        || blockSize > 1 << 20
        || !(bits == 2 || bits == 4 || bits == 8)) {
      throw params.problem(
          "unsupported attributes K="
              + k
              + " N="
              + n
              + " bits="
              + bits
              + " block_size="
              + blockSize);
    }
    long blocks = (k + blockSize - 1) / blockSize;
    long blob = blockSize * bits / 8;
    checkElements(params, b, "B", n * blocks * blob);
    String what = "MatMulNBits " + bits + "-bit, block " + blockSize;
    return packed(
        scope, node, params, b, n, k, bits, blocks * blob, (int) blockSize, blocks, 2, 3, 4, what);
  }

  /**
   * GatherBlockQuantized with uint8 data (4-bit codes two to a byte, or 8-bit), gathered along axis
   * 0 and quantized in blocks along the last axis of a 2-D table.
   */
  WeightView gatherBlockQuantized(GraphScope scope, NodeProto node) throws ModelFormatException {
    StoredTensor data = resolver.stored(scope, Nodes.input(node, 0));
    var params = new DequantizeLinearParams(resolver.file(), node, resolver.factory());
    if (data == null) {
      return null;
    }
    long[] shape = resolver.factory().shape(data.proto(), data.key());
    int bits = (int) Nodes.longAttribute(node, "bits", 4);
    long blockSize = Nodes.longAttribute(node, "block_size", 128);
    long gatherAxis = Nodes.longAttribute(node, "gather_axis", 0);
    long quantizeAxis = Nodes.longAttribute(node, "quantize_axis", 1);
    if (data.proto().getDataType() != OnnxDataType.UINT8
        || shape.length != 2
        || gatherAxis != 0
        || (quantizeAxis != 1 && quantizeAxis != -1)
        || !(bits == 4 || bits == 8)
        || blockSize < 1
        || blockSize > 1 << 20) {
      throw params.problem(
          "only uint8 2-D tables gathered on axis 0 and quantized on axis 1 with bits 4 or 8 are"
              + " read (this one: "
              + OnnxDataType.name(data.proto().getDataType())
              + " "
              + java.util.Arrays.toString(shape)
              + ", bits "
              + bits
              + ")");
    }
    long columns = shape[1] * 8 / bits;
    long blocks = (columns + blockSize - 1) / blockSize;
    String what = "GatherBlockQuantized " + bits + "-bit, block " + blockSize;
    return packed(
        scope,
        node,
        params,
        data,
        shape[0],
        columns,
        bits,
        shape[1],
        (int) blockSize,
        blocks,
        2,
        3,
        -1,
        what);
  }

  private WeightView packed(
      GraphScope scope,
      NodeProto node,
      DequantizeLinearParams params,
      StoredTensor codes,
      long rows,
      long columns,
      int bits,
      long rowBytes,
      int blockSize,
      long blocks,
      int scaleInput,
      int zeroInput,
      int groupInput,
      String what)
      throws ModelFormatException {
    TensorFactory factory = resolver.factory();
    StoredTensor scaleTensor = resolver.stored(scope, Nodes.input(node, scaleInput));
    if (scaleTensor == null || !OnnxDataType.isFloat(scaleTensor.proto().getDataType())) {
      return null;
    }
    long groups = Math.multiplyExact(rows, blocks);
    checkElements(params, scaleTensor, "scales", groups);
    float[] scales =
        SmallTensors.floats(resolver.file(), factory.create(scaleTensor.proto(), null));
    float[] zeroPoints = new float[scales.length];
    java.util.Arrays.fill(zeroPoints, 1 << (bits - 1));
    String symmetry = "symmetric (zero point " + (1 << (bits - 1)) + ")";
    StoredTensor zeroTensor = resolver.stored(scope, Nodes.input(node, zeroInput));
    if (zeroTensor != null) {
      symmetry = "asymmetric";
      if (zeroTensor.proto().getDataType() == OnnxDataType.UINT8) {
        long perRow = (blocks * bits + 7) / 8;
        checkElements(params, zeroTensor, "zero_points", rows * perRow);
        var packedReader =
            new PackedBlockReader(
                factory.bytes(zeroTensor.proto()),
                rows,
                blocks,
                bits,
                perRow,
                1,
                filled(groups, 1f),
                filled(groups, 0f),
                null);
        packedReader.read(0, zeroPoints, 0, zeroPoints.length);
      } else {
        checkElements(params, zeroTensor, "zero_points", groups);
        zeroPoints = SmallTensors.floats(resolver.file(), factory.create(zeroTensor.proto(), null));
      }
    } else if (!Nodes.input(node, zeroInput).isEmpty()) {
      return null;
    }
    int[] groupOfColumn = null;
    StoredTensor gIdx =
        groupInput < 0 ? null : resolver.stored(scope, Nodes.input(node, groupInput));
    if (gIdx != null) {
      checkElements(params, gIdx, "g_idx", columns);
      float[] g = SmallTensors.floats(resolver.file(), factory.create(gIdx.proto(), null));
      groupOfColumn = new int[g.length];
      for (int i = 0; i < g.length; i++) {
        if (g[i] < 0 || g[i] >= blocks) {
          throw params.problem("g_idx[" + i + "] = " + g[i] + " is not a block of " + blocks);
        }
        groupOfColumn[i] = (int) g[i];
      }
      symmetry += ", g_idx";
    }
    Tensor tensor =
        new Tensor(
            codes.key(),
            bits == 4 ? DType.UINT4 : bits == 8 ? DType.UINT8 : DType.OTHER,
            new long[] {rows, columns},
            new PackedBlockReader(
                factory.bytes(codes.proto()),
                rows,
                columns,
                bits,
                rowBytes,
                blockSize,
                scales,
                zeroPoints,
                groupOfColumn));
    String scaleType =
        OnnxDataType.name(scaleTensor.proto().getDataType()).toLowerCase(java.util.Locale.ROOT);
    return new WeightView(
        tensor, codes, List.of(), what + ", " + symmetry + ", " + scaleType + " scales", node);
  }

  private static float[] filled(long n, float value) {
    float[] values = new float[(int) n];
    java.util.Arrays.fill(values, value);
    return values;
  }

  private void checkElements(
      DequantizeLinearParams params, StoredTensor t, String what, long expected)
      throws ModelFormatException {
    long actual = ShapeRules.elements(resolver.factory().shape(t.proto(), t.key()));
    if (actual != expected) {
      throw params.problem(what + " has " + actual + " values; expected " + expected);
    }
  }

  private static int[] integers(Tensor tensor) throws ModelFormatException {
    float[] values = new float[(int) Math.min(tensor.elementCount(), SmallTensors.MAX_ELEMENTS)];
    tensor.reader().read(0, values, 0, values.length);
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = (int) values[i];
    }
    return ints;
  }
}
