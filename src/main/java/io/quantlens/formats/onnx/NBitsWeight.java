package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.onnx.LayerDiscovery.Use;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;
import io.quantlens.quant.Symmetry;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D MatMul or Gemm weight as com.microsoft MatMulNBits with 4-bit codes (onnxruntime
 * docs/ContribOperators.md, MatMulNBits; laid out as matmul_4bits_quantizer.py {@code
 * DefaultWeightOnlyQuantizer} writes it): B uint8 {@code [N, blocks, block/2]}, block b of column n
 * holding k = b·block … two codes a byte, the first in the low nibble; scales float {@code
 * [N·blocks]}; zero points, asymmetric only, uint8 {@code [N·ceil(blocks/2)]} packed the same way
 * (symmetric weights omit them: the default is 8). K not a multiple of the block is padded with
 * codes that decode to 0. Codes and scales are the scheme's kernel's, so the operator's dequantized
 * B equals the analysis's x̂ bit for bit.
 */
record NBitsWeight(
    String name,
    byte[] packed,
    float[] scales,
    byte[] zeroPoints,
    int n,
    int k,
    int block,
    boolean symmetric) {

  private static final int BITS = 4;

  /** Why the layer's node cannot become MatMulNBits, or null. */
  static String refusal(List<Use> uses, long[] shape) {
    if (uses.size() != 1) {
      return "MatMulNBits needs a weight read by one node; " + uses.size() + " read it";
    }
    NodeProto node = uses.get(0).node();
    String op = Nodes.isDefaultDomain(node) ? node.getOpType() : Nodes.qualifiedOp(node);
    if (shape.length != 2 || uses.get(0).input() != 1) {
      return "MatMulNBits needs a 2-D weight as the second input";
    }
    if (op.equals("Gemm")) {
      boolean plain =
          Nodes.longAttribute(node, "transA", 0) == 0
              && floatAttribute(node, "alpha") == 1f
              && floatAttribute(node, "beta") == 1f;
      return plain ? null : "a Gemm with transA, alpha or beta has no MatMulNBits form";
    }
    return op.equals("MatMul") ? null : op + " has no MatMulNBits form (MatMul and Gemm have)";
  }

  private static float floatAttribute(NodeProto node, String name) {
    AttributeProto a = Nodes.attribute(node, name);
    return a == null ? 1f : a.getF();
  }

  static NBitsWeight of(String name, float[] values, long[] shape, int axis, Scheme scheme) {
    ChannelMajor cm = ChannelMajor.of(values, shape, axis);
    int n = cm.channels();
    int k = cm.reduction();
    int block = scheme.granularity().groupSize();
    int blocks = (k + block - 1) / block;
    int blob = block * BITS / 8;
    boolean symmetric = scheme.symmetry() == Symmetry.SYM;
    int offset = symmetric ? 1 << (BITS - 1) : 0;
    SchemeKernel kernel = SchemeKernel.of(scheme, null);
    byte[] packed = new byte[n * blocks * blob];
    float[] scales = new float[n * blocks];
    int zpRow = (blocks + 1) / 2;
    byte[] zeroPoints = new byte[n * zpRow];
    float[] scratch = new float[values.length];
    float[] x = cm.values();
    for (int c = 0; c < n; c++) {
      for (int b = 0; b < blocks; b++) {
        int start = b * block;
        int len = Math.min(block, k - start);
        GroupParams p = kernel.groupParams(x, c * k + start, len, scratch);
        scales[c * blocks + b] = p.scale();
        int zp = p.zeroPoint() + offset;
        zeroPoints[c * zpRow + b / 2] |= (byte) (b % 2 == 0 ? zp : zp << 4);
        int base = (c * blocks + b) * blob;
        for (int j = 0; j < block; j++) {
          int u = j < len ? QdqWeight.code(x[c * k + start + j], p) + offset : zp;
          packed[base + j / 2] |= (byte) (j % 2 == 0 ? u : u << 4);
        }
      }
    }
    return new NBitsWeight(name, packed, scales, zeroPoints, n, k, block, symmetric);
  }

  /** B, scales and (asymmetric) zero points, named as ONNX Runtime's quantizer names them. */
  List<TensorProto> tensors() {
    int blocks = (k + block - 1) / block;
    List<TensorProto> t = new ArrayList<>();
    t.add(
        QdqWeight.bytes(
            name + "_Q4", OnnxDataType.UINT8, new long[] {n, blocks, block / 2}, packed));
    t.add(
        GraphEdits.floats(
            name + "_scales", new long[] {scales.length}, OnnxDataType.FLOAT, scales));
    if (!symmetric) {
      t.add(
          QdqWeight.bytes(
              name + "_zero_points",
              OnnxDataType.UINT8,
              new long[] {zeroPoints.length},
              zeroPoints));
    }
    return List.copyOf(t);
  }

  /** MatMulNBits in place of {@code node} (and, for a Gemm with a bias, an Add of it). */
  List<NodeProto> nodes(NodeProto node, List<TensorProto> tensors) {
    String bias = node.getOpType().equals("Gemm") ? Nodes.input(node, 2) : "";
    String output = node.getOutput(0);
    String product = bias.isEmpty() ? output : output + "_Q4_MatMul";
    NodeProto.Builder m =
        NodeProto.newBuilder()
            .setName(node.getName() + "_Q4")
            .setOpType("MatMulNBits")
            .setDomain(Nodes.MICROSOFT)
            .addInput(node.getInput(0))
            .addOutput(product);
    tensors.forEach(t -> m.addInput(t.getName()));
    m.addAttribute(attribute("K", k))
        .addAttribute(attribute("N", n))
        .addAttribute(attribute("bits", BITS))
        .addAttribute(attribute("block_size", block));
    if (bias.isEmpty()) {
      return List.of(m.build());
    }
    return List.of(
        m.build(),
        GraphEdits.node(
            node.getName() + "_Q4_bias", "Add", List.of(product, bias), output, List.of()));
  }

  private static AttributeProto attribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
