package io.quantlens.formats.openvino;

import io.quantlens.model.ModelFormatException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Copies an IR's XML event by event while the new {@code .bin} is written: every {@code Const}'s
 * {@code <data>} (subgraph bodies' too) gets the offset its bytes were copied to, each compressed
 * weight's top-level {@code Const} is replaced by its codes and decompression subgraph ({@link
 * SubgraphXml}), the subgraphs' own edges open {@code <edges>}, and the edges that left a replaced
 * Const leave the end of its subgraph instead.
 */
final class IrCopy {
  private final IrFile ir;
  private final Map<Long, CompressedIrWriter.Target> targets;
  private final long firstId;
  private final BinOut bin;
  private final Map<Long, SubgraphXml.Output> ends = new HashMap<>();
  private XMLStreamReader in;
  private XMLStreamWriter out;
  private SubgraphXml subgraphs;

  IrCopy(IrFile ir, Map<Long, CompressedIrWriter.Target> targets, long firstId, BinOut bin) {
    this.ir = ir;
    this.targets = targets;
    this.firstId = firstId;
    this.bin = bin;
  }

  void copy(FileChannel xmlChannel) throws IOException {
    OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(xmlChannel), 1 << 16);
    try (Reader text = Files.newBufferedReader(ir.xml, StandardCharsets.UTF_8)) {
      text.mark(1);
      if (text.read() != 0xFEFF) {
        text.reset();
      }
      in = IrXml.factory().createXMLStreamReader(text);
      out = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
      subgraphs = new SubgraphXml(out, firstId);
      events();
      out.flush();
      stream.flush();
    } catch (XMLStreamException e) {
      throw new CompressedIrWriter.Refusal(
          new ModelFormatException(ir.xml, "cannot be copied: " + e.getMessage(), e));
    }
  }

  private void events() throws XMLStreamException, IOException {
    Deque<String> path = new ArrayDeque<>();
    Deque<String> layerTypes = new ArrayDeque<>();
    out.writeStartDocument("UTF-8", "1.0");
    out.writeCharacters("\n");
    while (in.hasNext()) {
      switch (in.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          String name = in.getLocalName();
          boolean top = path.size() == 2 && path.peekLast().equals("net");
          if (top && name.equals("layer") && path.peekFirst().equals("layers")) {
            CompressedIrWriter.Target t = targets.get(id("id"));
            if (t != null) {
              skip();
              ends.put(t.source().layer().id(), compress(t));
              continue;
            }
          }
          if (top && name.equals("edge") && path.peekFirst().equals("edges")) {
            edge();
            continue;
          }
          if (name.equals("data") && "layer".equals(path.peekFirst())) {
            data(
                "Const".equals(layerTypes.peekFirst())
                    || "Constant".equals(layerTypes.peekFirst()));
          } else {
            start();
          }
          if (name.equals("layer")) {
            layerTypes.push(Objects.requireNonNullElse(attribute("type"), ""));
          }
          if (name.equals("edges") && path.size() == 1) {
            newEdges();
          }
          path.push(name);
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (path.pop().equals("layer")) {
            layerTypes.pop();
          }
          out.writeEndElement();
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE ->
            out.writeCharacters(in.getText());
        case XMLStreamConstants.CDATA -> out.writeCData(in.getText());
        case XMLStreamConstants.COMMENT -> out.writeComment(in.getText());
        case XMLStreamConstants.PROCESSING_INSTRUCTION ->
            out.writeProcessingInstruction(in.getPITarget(), in.getPIData());
        case XMLStreamConstants.END_DOCUMENT -> {
          out.writeCharacters("\n");
          out.writeEndDocument();
        }
        default -> {}
      }
    }
  }

  /** The current element's start tag, as it is. */
  private void start() throws XMLStreamException {
    out.writeStartElement(in.getLocalName());
    for (int i = 0; i < in.getNamespaceCount(); i++) {
      out.writeNamespace(in.getNamespacePrefix(i), in.getNamespaceURI(i));
    }
    for (int i = 0; i < in.getAttributeCount(); i++) {
      out.writeAttribute(in.getAttributeLocalName(i), in.getAttributeValue(i));
    }
  }

  /** A {@code <data>}; a Const's gets the offset its bytes now have in the new .bin. */
  private void data(boolean constant) throws XMLStreamException, IOException {
    String offsetText = attribute("offset");
    String sizeText = attribute("size");
    if (!constant || offsetText == null || sizeText == null) {
      start();
      return;
    }
    long offset = whole(offsetText);
    long size = whole(sizeText);
    if (offset < 0 || size < 0 || bin.sourceSize() - size < offset) {
      throw new CompressedIrWriter.Refusal(
          new ModelFormatException(
              ir.xml,
              "a Const at line "
                  + in.getLocation().getLineNumber()
                  + " has bytes "
                  + offsetText
                  + " + "
                  + sizeText
                  + " outside "
                  + ir.bin.getFileName()));
    }
    long at = bin.copy(offset, size);
    out.writeStartElement("data");
    for (int i = 0; i < in.getAttributeCount(); i++) {
      String key = in.getAttributeLocalName(i);
      out.writeAttribute(key, key.equals("offset") ? Long.toString(at) : in.getAttributeValue(i));
    }
  }

  /** Writes the codes, zero points and scales, then the subgraph's layers; returns its end. */
  private SubgraphXml.Output compress(CompressedIrWriter.Target t)
      throws XMLStreamException, IOException {
    IrConstant source = t.source();
    float[] values = new float[Math.toIntExact(source.elements())];
    t.layer().weight().tensor().reader().read(0, values, 0, values.length);
    NncfWeight q = NncfWeight.of(values, source.shape(), t.channelAxis(), t.form());
    if (!q.scalesFit()) {
      throw new CompressedIrWriter.Refusal(
          CompressedIrWriter.refusal(
              ir, t.layer().name(), "a scale of its weights exceeds f16's range (65504)"));
    }
    IrElementType back = t.converted() || source.type() == IrElementType.F16 ? null : source.type();
    return subgraphs.compressed(
        bin,
        source.layer().id(),
        source.layer().name(),
        t.layer().input(),
        q,
        t.form(),
        source.shape(),
        back);
  }

  /** The subgraphs' own edges, first in {@code <edges>}. */
  private void newEdges() throws XMLStreamException {
    for (SubgraphXml.Edge e : subgraphs.edges()) {
      out.writeCharacters("\n\t\t");
      edgeElement(e.fromLayer(), e.fromPort(), e.toLayer(), e.toPort());
    }
  }

  /** A top-level edge: copied, or leaving the end of the subgraph that replaced its Const. */
  private void edge() throws XMLStreamException {
    SubgraphXml.Output end = ends.get(id("from-layer"));
    if (end == null) {
      start();
      skipInto();
      return;
    }
    edgeElement(end.layer(), end.port(), id("to-layer"), id("to-port"));
    skip();
  }

  private void edgeElement(long fromLayer, long fromPort, long toLayer, long toPort)
      throws XMLStreamException {
    out.writeEmptyElement("edge");
    out.writeAttribute("from-layer", Long.toString(fromLayer));
    out.writeAttribute("from-port", Long.toString(fromPort));
    out.writeAttribute("to-layer", Long.toString(toLayer));
    out.writeAttribute("to-port", Long.toString(toPort));
  }

  /** Copies the rest of the current element (an edge has no children worth changing). */
  private void skipInto() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        start();
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        out.writeEndElement();
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE) {
        out.writeCharacters(in.getText());
      }
    }
  }

  /** Skips the rest of the current element, children included. */
  private void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private String attribute(String name) {
    return in.getAttributeValue(null, name);
  }

  private long id(String name) {
    String v = attribute(name);
    return v == null ? Long.MIN_VALUE : whole(v);
  }

  private static long whole(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
