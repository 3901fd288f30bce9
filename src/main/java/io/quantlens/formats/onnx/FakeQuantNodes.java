package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.quant.ActivationQuantizer;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.ActivationScheme.Mode;
import io.quantlens.quant.ActivationScheme.Scope;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Symmetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The float32 → quantized → float32 round trip of one activation edge as ONNX nodes
 * (docs/activations.md#simulation): QuantizeLinear → DequantizeLinear for static 8-bit integers,
 * DynamicQuantizeLinear → DequantizeLinear for dynamic asymmetric 8-bit per tensor, Cast → Cast for
 * fp16 / bf16, and for the rest the same arithmetic spelled out with Div, Round, Clip and Mul
 * (QuantizeLinear takes other widths and per-row scales only from opset 21).
 */
final class FakeQuantNodes {
  private static final int FLOAT8E4M3FN = 17;
  private static final float FP8_MAX = 448f;

  private final String prefix;
  private final int opset;
  private final List<NodeProto> nodes = new ArrayList<>();
  private int count;

  private FakeQuantNodes(String prefix, int opset) {
    this.prefix = prefix;
    this.opset = opset;
  }

  /** Why {@code scheme} cannot be simulated in a model of default-domain opset {@code opset}. */
  static Optional<String> refusal(ActivationScheme scheme, int opset) {
    int needed =
        scheme.format() == FloatFormat.BF16
            ? 13
            : scheme.format() == FloatFormat.FP8_E4M3
                ? 19
                : scheme.format() instanceof IntFormat ? 11 : 6;
    if (opset < needed) {
      return Optional.of(
          scheme.format().id()
              + " activations need ONNX opset "
              + needed
              + " or later for their operators; this model imports opset "
              + opset);
    }
    return Optional.empty();
  }

  /**
   * Nodes that read {@code input} and write its round trip under {@code quant} to {@code output};
   * every value they add is named under {@code prefix}.
   */
  static List<NodeProto> roundTrip(
      String input, String output, ActivationQuant quant, int opset, String prefix) {
    FakeQuantNodes b = new FakeQuantNodes(prefix, opset);
    b.build(input, quant);
    NodeProto last = b.nodes.remove(b.nodes.size() - 1);
    b.nodes.add(last.toBuilder().setOutput(0, output).build());
    return List.copyOf(b.nodes);
  }

  private void build(String x, ActivationQuant quant) {
    ActivationScheme scheme = quant.scheme();
    if (scheme.format() == FloatFormat.FP16 || scheme.format() == FloatFormat.BF16) {
      int to = scheme.format() == FloatFormat.FP16 ? OnnxDataType.FLOAT16 : OnnxDataType.BFLOAT16;
      op("Cast", List.of(op("Cast", List.of(x), ints("to", to))), ints("to", OnnxDataType.FLOAT));
    } else if (scheme.format() == FloatFormat.FP8_E4M3) {
      String scale =
          scheme.mode() == Mode.STATIC
              ? constant(ActivationQuantizer.fp8Scale(quant.range()))
              : positive(op("Div", List.of(absMax(x, scheme.scope()), constant(FP8_MAX))));
      String cast = op("Cast", List.of(op("Div", List.of(x, scale))), ints("to", FLOAT8E4M3FN));
      op("Mul", List.of(op("Cast", List.of(cast), ints("to", OnnxDataType.FLOAT)), scale));
    } else {
      integer(x, scheme, quant.range());
    }
  }

  private void integer(String x, ActivationScheme scheme, ActivationRange range) {
    IntFormat format = (IntFormat) scheme.format();
    boolean sym = scheme.symmetry() == Symmetry.SYM;
    int qmin = sym ? -(1 << (format.bits() - 1)) : 0;
    int qmax = sym ? format.symmetricMax() : format.unsignedMax();
    if (scheme.mode() == Mode.STATIC) {
      GroupParams p = ActivationQuantizer.staticParams(format, scheme.symmetry(), range);
      if (format.bits() == 8) {
        int zpType = sym ? OnnxDataType.INT8 : OnnxDataType.UINT8;
        String scale = constant(p.scale());
        String zp = constant(zpType, p.zeroPoint());
        op("DequantizeLinear", List.of(op("QuantizeLinear", List.of(x, scale, zp)), scale, zp));
      } else {
        roundTrip(x, constant(p.scale()), sym ? null : constant(p.zeroPoint()), qmin, qmax);
      }
      return;
    }
    if (format.bits() == 8 && !sym && scheme.scope() == Scope.TENSOR) {
      NodeProto dql =
          NodeProto.newBuilder()
              .setName(prefix + "DynamicQuantizeLinear")
              .setOpType("DynamicQuantizeLinear")
              .addInput(x)
              .addOutput(prefix + "q")
              .addOutput(prefix + "scale")
              .addOutput(prefix + "zero_point")
              .build();
      nodes.add(dql);
      op("DequantizeLinear", List.of(prefix + "q", prefix + "scale", prefix + "zero_point"));
      return;
    }
    if (sym) {
      String scale =
          positive(op("Div", List.of(absMax(x, scheme.scope()), constant((float) qmax))));
      roundTrip(x, scale, null, qmin, qmax);
    } else {
      // As DynamicQuantizeLinear: the range includes 0, zp = round(−min / scale) within the codes.
      String lo = op("Min", List.of(reduce("ReduceMin", x, scheme.scope()), constant(0f)));
      String hi = op("Max", List.of(reduce("ReduceMax", x, scheme.scope()), constant(0f)));
      String scale =
          positive(op("Div", List.of(op("Sub", List.of(hi, lo)), constant((float) qmax))));
      String zp =
          op(
              "Clip",
              List.of(
                  op("Round", List.of(op("Div", List.of(op("Neg", List.of(lo)), scale)))),
                  constant(0f),
                  constant((float) qmax)));
      roundTrip(x, scale, zp, qmin, qmax);
    }
  }

  /** (clamp(rne(x / scale) + zp, qmin, qmax) − zp) · scale; {@code zp} null for 0. */
  private void roundTrip(String x, String scale, String zp, int qmin, int qmax) {
    String q = op("Round", List.of(op("Div", List.of(x, scale))));
    if (zp != null) {
      q = op("Add", List.of(q, zp));
    }
    q = op("Clip", List.of(q, constant((float) qmin), constant((float) qmax)));
    if (zp != null) {
      q = op("Sub", List.of(q, zp));
    }
    op("Mul", List.of(q, scale));
  }

  /** A scale never below the smallest normal float, so an all-zero input divides to 0. */
  private String positive(String scale) {
    return op("Max", List.of(scale, constant(Float.MIN_NORMAL)));
  }

  private String absMax(String x, Scope scope) {
    return reduce("ReduceMax", op("Abs", List.of(x)), scope);
  }

  /** Over the whole tensor, or the last axis per row; keeps the reduced axes for broadcasting. */
  private String reduce(String reduceOp, String x, Scope scope) {
    if (scope == Scope.TENSOR) {
      return op(reduceOp, List.of(x), ints("keepdims", 1));
    }
    if (opset >= 18) {
      String axes = constant(GraphEdits.longs(prefix + "axes" + count, new long[] {-1}));
      return op(reduceOp, List.of(x, axes), ints("keepdims", 1));
    }
    AttributeProto axes =
        AttributeProto.newBuilder()
            .setName("axes")
            .setType(AttributeProto.AttributeType.INTS)
            .addInts(-1)
            .build();
    return op(reduceOp, List.of(x), ints("keepdims", 1), axes);
  }

  private String op(String type, List<String> inputs, AttributeProto... attributes) {
    String output = prefix + (count++) + "_" + type;
    nodes.add(GraphEdits.node(output, type, inputs, output, List.of(attributes)));
    return output;
  }

  private String constant(float value) {
    return constant(
        GraphEdits.floats(
            prefix + "c" + count, new long[0], OnnxDataType.FLOAT, new float[] {value}));
  }

  private String constant(int dataType, int value) {
    return constant(GraphEdits.integers(prefix + "c" + count, dataType, value));
  }

  private String constant(TensorProto tensor) {
    String output = prefix + (count++) + "_const";
    nodes.add(GraphEdits.constant(output, output, tensor.toBuilder().setName(output).build()));
    return output;
  }

  private static AttributeProto ints(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
