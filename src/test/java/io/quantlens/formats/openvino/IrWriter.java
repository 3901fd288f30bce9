package io.quantlens.formats.openvino;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small OpenVINO IR pairs (NAME.xml, NAME.bin) for tests, laid out as the IR documentation
 * describes: layers with {@code <data>} attributes and ports, then edges; every layer's inputs are
 * ports 0 … n−1 and its output port is n. Constants are appended to the .bin back to back.
 */
public final class IrWriter {
  private record Node(
      int id,
      String name,
      String type,
      Map<String, String> data,
      int[] inputs,
      long[] outDims,
      String precision) {}

  private final List<Node> nodes = new ArrayList<>();
  private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
  private String extraXml = "";

  public int parameter(String name, String precision, long... dims) {
    return add(
        name, "Parameter", Map.of("shape", join(dims), "element_type", precision), dims, precision);
  }

  /** A Const of {@code type} and {@code shape} holding {@code bytes} (appended to the .bin). */
  public int constant(String name, String type, long[] shape, byte[] bytes) {
    long offset = bin.size();
    bin.writeBytes(bytes);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("element_type", type);
    data.put("shape", join(shape));
    data.put("offset", Long.toString(offset));
    data.put("size", Integer.toString(bytes.length));
    return add(name, "Const", data, shape, type);
  }

  /** A Const with hand-written {@code <data>} attributes and no bytes of its own. */
  public int rawConstant(String name, Map<String, String> data, long... dims) {
    return add(name, "Const", data, dims, data.getOrDefault("element_type", "f32"));
  }

  public int convert(String name, String to, int input) {
    Node source = nodes.get(input);
    return op(name, "Convert", Map.of("destination_type", to), source.outDims(), to, input);
  }

  /** An operation whose output has {@code outDims} of {@code precision}. */
  public int op(
      String name,
      String type,
      Map<String, String> data,
      long[] outDims,
      String precision,
      int... inputs) {
    int id = nodes.size();
    nodes.add(new Node(id, name, type, data, inputs, outDims, precision));
    return id;
  }

  public int result(String name, int input) {
    return op(name, "Result", Map.of(), nodes.get(input).outDims(), "", input);
  }

  /** XML inserted after {@code <edges>}, e.g. an {@code <rt_info>}. */
  public IrWriter extra(String xml) {
    this.extraXml = xml;
    return this;
  }

  private int add(
      String name, String type, Map<String, String> data, long[] dims, String precision) {
    return op(name, type, data, dims, precision);
  }

  /** Writes NAME.xml and NAME.bin; returns the .xml. */
  public Path write(Path xml) throws IOException {
    Files.writeString(xml, xml());
    String n = xml.getFileName().toString();
    Files.write(xml.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".bin"), bin.toByteArray());
    return xml;
  }

  public String xml() {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\"?>\n<net name=\"test\" version=\"11\">\n<layers>\n");
    for (Node node : nodes) {
      b.append("<layer id=\"")
          .append(node.id())
          .append("\" name=\"")
          .append(node.name())
          .append("\" type=\"")
          .append(node.type())
          .append("\" version=\"opset1\">\n");
      if (!node.data().isEmpty()) {
        b.append("<data");
        node.data().forEach((k, v) -> b.append(' ').append(k).append("=\"").append(v).append('"'));
        b.append("/>\n");
      }
      if (node.inputs().length > 0) {
        b.append("<input>\n");
        for (int i = 0; i < node.inputs().length; i++) {
          port(b, i, nodes.get(node.inputs()[i]));
        }
        b.append("</input>\n");
      }
      if (!node.type().equals("Result")) {
        b.append("<output>\n");
        port(b, node.inputs().length, node);
        b.append("</output>\n");
      }
      b.append("</layer>\n");
    }
    b.append("</layers>\n<edges>\n");
    for (Node node : nodes) {
      for (int i = 0; i < node.inputs().length; i++) {
        Node from = nodes.get(node.inputs()[i]);
        b.append("<edge from-layer=\"")
            .append(from.id())
            .append("\" from-port=\"")
            .append(from.inputs().length)
            .append("\" to-layer=\"")
            .append(node.id())
            .append("\" to-port=\"")
            .append(i)
            .append("\"/>\n");
      }
    }
    return b.append("</edges>\n").append(extraXml).append("</net>\n").toString();
  }

  private static void port(StringBuilder b, int id, Node of) {
    b.append("<port id=\"").append(id).append('"');
    if (!of.precision().isEmpty()) {
      String p = of.precision().toUpperCase(java.util.Locale.ROOT);
      b.append(" precision=\"").append(p.startsWith("F") ? "FP" + p.substring(1) : p).append('"');
    }
    b.append(">");
    for (long d : of.outDims()) {
      b.append("<dim>").append(d).append("</dim>");
    }
    b.append("</port>\n");
  }

  static String join(long[] dims) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : ",").append(dims[i]);
    }
    return b.toString();
  }

  // ---- encoders, written from the IR element types' documented layouts ----

  public static byte[] f32(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  /** Values that are exact in f16, as their bit patterns (see {@link #f16Bits}). */
  public static byte[] f16(double... values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putShort(f16Bits(v));
    }
    return b.array();
  }

  /**
   * The f16 bit pattern of {@code v} rounded to nearest even, normal and subnormal range only:
   * exponent e with 2^e ≤ |v| &lt; 2^(e+1), ten fraction bits.
   */
  public static short f16Bits(double v) {
    double r = Halves.round(v);
    if (r == 0) {
      return (short) (Double.doubleToRawLongBits(r) < 0 ? 0x8000 : 0);
    }
    int sign = r < 0 ? 0x8000 : 0;
    double a = Math.abs(r);
    int e = Math.getExponent(a);
    if (e < -14) { // subnormal: a multiple of 2^-24
      return (short) (sign | (int) Math.round(a / 0x1.0p-24));
    }
    int fraction = (int) Math.round((a / Math.scalb(1.0, e) - 1) * 1024);
    return (short) (sign | ((e + 15) << 10) | fraction);
  }

  public static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** 4-bit codes two to a byte, element 2k in the low nibble of byte k (OpenVINO's order). */
  public static byte[] nibbles(int... codes) {
    byte[] out = new byte[(codes.length + 1) / 2];
    for (int i = 0; i < codes.length; i++) {
      out[i / 2] |= (byte) ((codes[i] & 0xF) << (i % 2 == 0 ? 0 : 4));
    }
    return out;
  }

  /** Rounding to f16 written from the format's definition, in double. */
  public static final class Halves {
    private Halves() {}

    /** {@code x} rounded to the nearest f16 value, ties to even (no overflow handling). */
    public static double round(double x) {
      if (x == 0 || Double.isNaN(x)) {
        return x;
      }
      int e = Math.max(Math.getExponent(x), -14);
      double ulp = Math.scalb(1.0, e - 10);
      return Math.rint(x / ulp) * ulp;
    }
  }

  /** MatMul's attributes: input A as it is, B transposed or not. */
  public static Map<String, String> transposeB(boolean b) {
    return Map.of("transpose_a", "false", "transpose_b", Boolean.toString(b));
  }

  /**
   * NNCF int8_asym per channel feeding a MatMul named {@code layer}: u8 codes [2, 4] (131, 128,
   * 125, 255 / 0, 10, 20, 255) of the Const {@code weight}, u8 zero points (128, 10), f16 scales
   * (0.0999755859375, 0.5), Subtract and Multiply in f16 (OpenVinoReaderTest works its values out).
   */
  public static Path int8AsymPerChannel(Path xml, String weight, String layer) throws Exception {
    IrWriter w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int q =
        w.constant(
            weight, "u8", new long[] {2, 4}, IrWriter.bytes(131, 128, 125, 255, 0, 10, 20, 255));
    int qf = w.convert(weight + "/convert", "f16", q);
    int zp = w.constant(weight + "/zero_point", "u8", new long[] {2, 1}, IrWriter.bytes(128, 10));
    int zpf = w.convert(weight + "/zero_point/convert", "f16", zp);
    int sub =
        w.op(
            weight + "/zero_point/subtract",
            "Subtract",
            Map.of("auto_broadcast", "numpy"),
            new long[] {2, 4},
            "f16",
            qf,
            zpf);
    int s =
        w.constant(weight + "/scale", "f16", new long[] {2, 1}, IrWriter.f16(0.0999755859375, 0.5));
    int mul =
        w.op(
            weight + "/fq_weights_1",
            "Multiply",
            Map.of("auto_broadcast", "numpy"),
            new long[] {2, 4},
            "f16",
            sub,
            s);
    int f32 = w.convert(weight + "/fq_weights_1/convert", "f32", mul);
    w.result("out", w.op(layer, "MatMul", transposeB(true), new long[] {1, 2}, "f32", x, f32));
    return w.write(xml);
  }
}
