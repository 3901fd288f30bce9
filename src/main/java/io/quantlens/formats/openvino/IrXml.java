package io.quantlens.formats.openvino;

import io.quantlens.formats.HeaderBudget;
import io.quantlens.model.ModelFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an IR's XML with the JDK's streaming parser (docs/file-formats.md#openvino-ir-layout). DTDs
 * are not processed and external entities are not resolved; a document that declares a DOCTYPE is
 * refused outright, so entity declarations can neither expand nor reach outside the file. Subgraph
 * bodies ({@code <body>} of TensorIterator, Loop, If) and per-layer {@code <rt_info>} are skipped.
 */
final class IrXml {
  /** Dimensions a port may list. */
  static final int MAX_DIMS = 64;

  /** {@code <rt_info>} entries kept, and characters kept of each value. */
  private static final int MAX_INFO = 256;

  private static final int MAX_INFO_CHARS = 256;

  /** Levels of {@code <rt_info>} nesting read; deeper ones are skipped. */
  private static final int MAX_INFO_DEPTH = 8;

  private final Path file;
  private XMLStreamReader in;

  private IrXml(Path file) {
    this.file = file;
  }

  /**
   * @throws ModelFormatException naming the file when it is not well-formed XML, declares a
   *     DOCTYPE, has no {@code <net>} root, or a layer, port or edge lacks a whole-number id
   */
  static IrNet read(Path file) throws ModelFormatException {
    try {
      HeaderBudget.json(file, Files.size(file), "the IR's XML");
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
    XMLInputFactory factory = factory();
    // Decoded here, strictly: OpenVINO writes UTF-8, and the parser's own decoder prints its
    // complaints to the console.
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader text =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      text.mark(1);
      if (text.read() != 0xFEFF) { // a byte-order mark is skipped
        text.reset();
      }
      IrXml parser = new IrXml(file);
      parser.in = factory.createXMLStreamReader(text);
      try {
        return parser.document();
      } finally {
        parser.in.close();
      }
    } catch (XMLStreamException e) {
      if (e.getNestedException() instanceof CharacterCodingException) {
        throw notUtf8(file, e);
      }
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNumber()
                  + ", column "
                  + e.getLocation().getColumnNumber()
                  + ")";
      throw new ModelFormatException(
          file, "is not well-formed XML" + where + ": " + firstLine(e.getMessage()), e);
    } catch (CharacterCodingException e) {
      throw notUtf8(file, e);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The JDK's streaming parser with DTDs and external entities off, adjacent text coalesced and its
   * complaints kept out of the console (they become the exception's message).
   */
  static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setXMLReporter((message, type, info, location) -> {});
    return factory;
  }

  private static ModelFormatException notUtf8(Path file, Exception e) {
    return new ModelFormatException(
        file, "is not valid UTF-8 text (an OpenVINO IR's XML is UTF-8)", e);
  }

  private IrNet document() throws XMLStreamException, ModelFormatException {
    while (in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.DTD) {
        throw new ModelFormatException(
            file,
            "declares a DOCTYPE; DTDs and entity declarations are refused in OpenVINO IR files");
      }
      if (event == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new ModelFormatException(
            file, "uses an undeclared entity '" + in.getLocalName() + "'");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (!in.getLocalName().equals("net")) {
          throw new ModelFormatException(
              file,
              "is not an OpenVINO IR: its root element is <"
                  + in.getLocalName()
                  + ">, not <net> (QuantLens reads .xml files only as OpenVINO IR)");
        }
        return net();
      }
    }
    throw new ModelFormatException(file, "is not an OpenVINO IR: it has no <net> element");
  }

  private IrNet net() throws XMLStreamException, ModelFormatException {
    String name = attribute("name", "");
    String versionText = attribute("version", "");
    long version = versionText.isEmpty() ? 0 : number(versionText, "the <net> version");
    List<IrNet.Layer> layers = new ArrayList<>();
    List<IrNet.Edge> edges = new ArrayList<>();
    Map<String, String> info = new LinkedHashMap<>();
    while (nextChild()) {
      switch (in.getLocalName()) {
        case "layers" -> {
          while (nextChild()) {
            if (in.getLocalName().equals("layer")) {
              layers.add(layer());
            } else {
              skip();
            }
          }
        }
        case "edges" -> {
          while (nextChild()) {
            if (in.getLocalName().equals("edge")) {
              edges.add(edge());
            }
            skip();
          }
        }
        case "rt_info" -> runtimeInfo("", info);
        case "meta_data" -> runtimeInfo("meta_data", info); // IR v10's Model Optimizer facts
        default -> skip();
      }
    }
    return new IrNet(name, version, layers, edges, info);
  }

  private IrNet.Layer layer() throws XMLStreamException, ModelFormatException {
    long id = number(required("id", "a <layer>"), "a <layer> id");
    String name = attribute("name", Long.toString(id));
    String type = attribute("type", "");
    String version = attribute("version", "");
    Map<String, String> data = new HashMap<>();
    List<IrNet.Port> inputs = new ArrayList<>();
    List<IrNet.Port> outputs = new ArrayList<>();
    while (nextChild()) {
      switch (in.getLocalName()) {
        case "data" -> {
          for (int i = 0; i < in.getAttributeCount(); i++) {
            data.put(in.getAttributeLocalName(i), in.getAttributeValue(i));
          }
          skip();
        }
        case "input" -> ports(inputs, name);
        case "output" -> ports(outputs, name);
        default -> skip();
      }
    }
    return new IrNet.Layer(id, name, type, version, data, inputs, outputs);
  }

  private void ports(List<IrNet.Port> into, String layer)
      throws XMLStreamException, ModelFormatException {
    while (nextChild()) {
      if (!in.getLocalName().equals("port")) {
        skip();
        continue;
      }
      long id = number(required("id", "a port of layer '" + layer + "'"), "a port id");
      String precision = attribute("precision", "");
      List<String> dims = new ArrayList<>();
      while (nextChild()) {
        if (in.getLocalName().equals("dim")) {
          if (dims.size() == MAX_DIMS) {
            throw new ModelFormatException(
                file,
                "port " + id + " of layer '" + layer + "' has more than " + MAX_DIMS + " dims");
          }
          dims.add(in.getElementText().trim());
        } else {
          skip();
        }
      }
      into.add(new IrNet.Port(id, precision, dims));
    }
  }

  private IrNet.Edge edge() throws XMLStreamException, ModelFormatException {
    return new IrNet.Edge(
        number(required("from-layer", "an <edge>"), "an edge's from-layer"),
        number(required("from-port", "an <edge>"), "an edge's from-port"),
        number(required("to-layer", "an <edge>"), "an edge's to-layer"),
        number(required("to-port", "an <edge>"), "an edge's to-port"));
  }

  /** Flattens elements with a {@code value} attribute into {@code path.to.key = value}. */
  private void runtimeInfo(String prefix, Map<String, String> into)
      throws XMLStreamException, ModelFormatException {
    if (prefix.chars().filter(c -> c == '.').count() >= MAX_INFO_DEPTH) {
      skip();
      return;
    }
    while (nextChild()) {
      String key = in.getLocalName();
      if (key.equals("attribute")) {
        key = attribute("name", key);
      }
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      String value = in.getAttributeValue(null, "value");
      if (value != null && into.size() < MAX_INFO) {
        into.put(
            path.length() > MAX_INFO_CHARS ? path.substring(0, MAX_INFO_CHARS) : path,
            value.length() > MAX_INFO_CHARS ? value.substring(0, MAX_INFO_CHARS) + "…" : value);
      }
      runtimeInfo(path.length() > MAX_INFO_CHARS ? prefix : path, into);
    }
  }

  /**
   * Moves to the next child element of the current element: true at its start, false at the current
   * element's end.
   */
  private boolean nextChild() throws XMLStreamException, ModelFormatException {
    while (in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
      if (event == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new ModelFormatException(
            file, "uses an undeclared entity '" + in.getLocalName() + "'");
      }
    }
    throw new XMLStreamException("the document ends inside an element", in.getLocation());
  }

  /** Skips the rest of the current element, children included (without recursion). */
  private void skip() throws XMLStreamException, ModelFormatException {
    if (in.getEventType() == XMLStreamConstants.END_ELEMENT) {
      return;
    }
    long depth = 1;
    while (depth > 0) {
      depth += nextChild() ? 1 : -1;
    }
  }

  private String attribute(String name, String otherwise) {
    String value = in.getAttributeValue(null, name);
    return value == null ? otherwise : value;
  }

  private String required(String name, String of) throws ModelFormatException {
    String value = in.getAttributeValue(null, name);
    if (value == null) {
      throw new ModelFormatException(
          file, of + " at line " + in.getLocation().getLineNumber() + " has no '" + name + "'");
    }
    return value;
  }

  private long number(String text, String what) throws ModelFormatException {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new ModelFormatException(
          file,
          what
              + " at line "
              + in.getLocation().getLineNumber()
              + " is '"
              + shorten(text)
              + "', not a whole number");
    }
  }

  static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "parse error";
    }
    String m = message.replace('\r', ' ');
    int lastNewline = m.lastIndexOf('\n');
    // The JDK prefixes "ParseError at [row,col]:[..]\nMessage: ..."; keep the message.
    String text = lastNewline >= 0 ? m.substring(lastNewline + 1) : m;
    return text.startsWith("Message: ") ? text.substring("Message: ".length()) : text;
  }
}
