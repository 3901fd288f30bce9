package io.quantlens.formats.openvino;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the layers of one NNCF decompression subgraph as OpenVINO's serializer lays out a layer:
 * {@code <data>} attributes, then {@code <input>} ports 0 … n−1 and the {@code <output>} port n,
 * each port with its precision and dims; the edges joining them are collected for {@code <edges>}.
 */
final class SubgraphXml {
  /** One end of an edge: a layer's output port. */
  record Output(long layer, long port, IrElementType type, long[] dims) {}

  /** An edge from a layer's output port to another's input port. */
  record Edge(long fromLayer, long fromPort, long toLayer, long toPort) {}

  private final XMLStreamWriter xml;
  private final List<Edge> edges = new ArrayList<>();
  private long nextId;

  SubgraphXml(XMLStreamWriter xml, long firstId) {
    this.xml = xml;
    this.nextId = firstId;
  }

  /** A {@code Const} with id {@code id} holding {@code size} bytes at {@code offset}. */
  Output constant(long id, String name, IrElementType type, long[] shape, long offset, long size)
      throws XMLStreamException {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("element_type", type.irName());
    data.put("shape", shapeText(shape));
    data.put("offset", Long.toString(offset));
    data.put("size", Long.toString(size));
    return layer(id, name, "Const", data, List.of(), type, shape);
  }

  /** A new {@code Const}, with the next free id. */
  Output constant(String name, IrElementType type, long[] shape, long offset, long size)
      throws XMLStreamException {
    return constant(nextId++, name, type, shape, offset, size);
  }

  Output convert(String name, Output input, IrElementType to) throws XMLStreamException {
    return layer(
        nextId++,
        name,
        "Convert",
        Map.of("destination_type", to.irName()),
        List.of(input),
        to,
        input.dims());
  }

  /** Subtract or Multiply, numpy broadcasting, of the first input's shape and type. */
  Output binary(String type, String name, Output a, Output b) throws XMLStreamException {
    return layer(
        nextId++, name, type, Map.of("auto_broadcast", "numpy"), List.of(a, b), a.type(), a.dims());
  }

  Output reshape(String name, Output input, Output shape, long[] to) throws XMLStreamException {
    return layer(
        nextId++,
        name,
        "Reshape",
        Map.of("special_zero", "false"),
        List.of(input, shape),
        input.type(),
        to);
  }

  /**
   * NNCF's decompression subgraph for one weight (openvino_backend.py {@code
   * _create_compression_subgraph}), its constants' bytes appended to {@code bin}: the codes Const
   * {@code name} with id {@code codesId}, Convert(f16), for a zero point Subtract({@code
   * name/zero_point} → Convert(f16)), Multiply({@code name/scale}) named {@code
   * name/fq_weights_PORT}, for groups Reshape to {@code shape}, and a Convert to {@code back} when
   * it is not null.
   *
   * @return the subgraph's last output, which feeds the layer
   */
  Output compressed(
      BinOut bin,
      long codesId,
      String name,
      int port,
      NncfWeight q,
      NncfForm form,
      long[] shape,
      IrElementType back)
      throws XMLStreamException, IOException {
    IrElementType codes = form.mode().codes();
    String multiply = name + "/fq_weights_" + port;
    long at = bin.write(q.codes());
    Output v = constant(codesId, name, codes, q.codeShape(), at, q.codes().length);
    v = convert(name + "/convert", v, IrElementType.F16);
    if (q.zeroPoints() != null) {
      at = bin.write(q.zeroPoints());
      Output zp = constant(name + "/zero_point", codes, q.paramShape(), at, q.zeroPoints().length);
      zp = convert(name + "/zero_point/convert", zp, IrElementType.F16);
      v = binary("Subtract", name + "/zero_point/subtract", v, zp);
    }
    at = bin.write(q.scales());
    Output scale =
        constant(name + "/scale", IrElementType.F16, q.paramShape(), at, q.scales().length);
    v = binary("Multiply", multiply, v, scale);
    if (form.grouped()) {
      ByteBuffer dims = ByteBuffer.allocate(8 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long d : shape) {
        dims.putLong(d);
      }
      at = bin.write(dims.array());
      Output target =
          constant(
              multiply + "/reshape/shape",
              IrElementType.I64,
              new long[] {shape.length},
              at,
              dims.capacity());
      v = reshape(multiply + "/reshape", v, target, shape);
    }
    return back == null ? v : convert(multiply + "/convert", v, back);
  }

  /** A graph input of {@code type} and {@code dims}. */
  Output parameter(String name, IrElementType type, long[] dims) throws XMLStreamException {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("shape", shapeText(dims));
    data.put("element_type", type.irName());
    return layer(nextId++, name, "Parameter", data, List.of(), type, dims);
  }

  /** MatMul-1 of {@code a} [1, K] and weight {@code b}; the output is [1, N] of a's type. */
  Output matMul(String name, Output a, Output b, boolean transposeB, long[] outDims)
      throws XMLStreamException {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("transpose_a", "false");
    data.put("transpose_b", Boolean.toString(transposeB));
    return layer(nextId++, name, "MatMul", data, List.of(a, b), a.type(), outDims);
  }

  /** Gather-8 of rows {@code indices} of {@code table} along {@code axis}. */
  Output gather(String name, Output table, Output indices, Output axis, long[] outDims)
      throws XMLStreamException {
    return layer(
        nextId++,
        name,
        "Gather",
        "opset8",
        Map.of("batch_dims", "0"),
        List.of(table, indices, axis),
        table.type(),
        outDims);
  }

  /** A graph output. */
  void result(String name, Output input) throws XMLStreamException {
    layer(nextId++, name, "Result", Map.of(), List.of(input), null, new long[0]);
  }

  List<Edge> edges() {
    return List.copyOf(edges);
  }

  long nextId() {
    return nextId;
  }

  /** Reserves the next id (for a Const written later with it). */
  void skipId() {
    nextId++;
  }

  private Output layer(
      long id,
      String name,
      String type,
      Map<String, String> data,
      List<Output> inputs,
      IrElementType outType,
      long[] outDims)
      throws XMLStreamException {
    return layer(id, name, type, "opset1", data, inputs, outType, outDims);
  }

  /**
   * A layer with ports 0 … n−1 for {@code inputs} and, unless {@code outType} is null, output n.
   */
  private Output layer(
      long id,
      String name,
      String type,
      String version,
      Map<String, String> data,
      List<Output> inputs,
      IrElementType outType,
      long[] outDims)
      throws XMLStreamException {
    xml.writeCharacters("\n\t\t");
    xml.writeStartElement("layer");
    xml.writeAttribute("id", Long.toString(id));
    xml.writeAttribute("name", name);
    xml.writeAttribute("type", type);
    xml.writeAttribute("version", version);
    if (!data.isEmpty()) {
      xml.writeCharacters("\n\t\t\t");
      xml.writeEmptyElement("data");
      for (var e : data.entrySet()) {
        xml.writeAttribute(e.getKey(), e.getValue());
      }
    }
    if (!inputs.isEmpty()) {
      xml.writeCharacters("\n\t\t\t");
      xml.writeStartElement("input");
      for (int i = 0; i < inputs.size(); i++) {
        port(i, inputs.get(i).type(), inputs.get(i).dims());
        edges.add(new Edge(inputs.get(i).layer(), inputs.get(i).port(), id, i));
      }
      xml.writeCharacters("\n\t\t\t");
      xml.writeEndElement();
    }
    if (outType != null) {
      xml.writeCharacters("\n\t\t\t");
      xml.writeStartElement("output");
      port(inputs.size(), outType, outDims);
      xml.writeCharacters("\n\t\t\t");
      xml.writeEndElement();
    }
    xml.writeCharacters("\n\t\t");
    xml.writeEndElement();
    return new Output(id, inputs.size(), outType, outDims);
  }

  private void port(long id, IrElementType type, long[] dims) throws XMLStreamException {
    xml.writeCharacters("\n\t\t\t\t");
    xml.writeStartElement("port");
    xml.writeAttribute("id", Long.toString(id));
    xml.writeAttribute("precision", precision(type));
    for (long d : dims) {
      xml.writeCharacters("\n\t\t\t\t\t");
      xml.writeStartElement("dim");
      xml.writeCharacters(Long.toString(d));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n\t\t\t\t");
    xml.writeEndElement();
  }

  /**
   * A port's precision as OpenVINO writes it: {@code FP16}, {@code U8}, {@code I4}, {@code I64}.
   */
  static String precision(IrElementType type) {
    String name = type.irName().toUpperCase(Locale.ROOT);
    return name.matches("F\\d+") ? "FP" + name.substring(1) : name;
  }

  /** A Const's shape attribute as OpenVINO writes it: {@code 4096, 32, 128}. */
  static String shapeText(long[] shape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return b.toString();
  }
}
