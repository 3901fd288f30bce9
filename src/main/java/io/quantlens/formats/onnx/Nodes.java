package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/** Attribute and input look-ups on ONNX nodes. */
final class Nodes {
  static final String MICROSOFT = "com.microsoft";

  private Nodes() {}

  static boolean isDefaultDomain(NodeProto node) {
    return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
  }

  /**
   * The operator with its domain when that is not the default one, e.g. "com.microsoft.Attention".
   */
  static String qualifiedOp(NodeProto node) {
    return isDefaultDomain(node) ? node.getOpType() : node.getDomain() + "." + node.getOpType();
  }

  static long longAttribute(NodeProto node, String name, long fallback) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name) && a.getType() == AttributeProto.AttributeType.INT) {
        return a.getI();
      }
    }
    return fallback;
  }

  /** An INTS attribute, or null when absent. */
  static long[] longsAttribute(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name) && a.getType() == AttributeProto.AttributeType.INTS) {
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
      }
    }
    return null;
  }

  /** A tensor attribute ({@code value} of a Constant), or null. */
  static AttributeProto attribute(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** Input {@code i}, or "" when the node has fewer inputs or leaves it out. */
  static String input(NodeProto node, int i) {
    return i < node.getInputCount() ? node.getInput(i) : "";
  }
}
