package io.quantlens.formats.openvino;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A written IR's top-level layers and edges as the JDK's DOM parser sees them, for tests that check
 * what an exporter wrote without the reader under test.
 */
final class IrDocument {
  /** A layer: its attributes, its {@code <data>} and its ports' precisions and dims. */
  record LayerXml(
      long id,
      String name,
      String type,
      Map<String, String> data,
      List<String> inputs,
      List<String> outputs) {}

  final Map<String, LayerXml> byName = new LinkedHashMap<>();
  final Map<Long, LayerXml> byId = new LinkedHashMap<>();

  /** Edges as {@code from:port->to:port}, by layer names. */
  final List<String> edges = new ArrayList<>();

  IrDocument(Path xml) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element net = factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    for (Element layer : children(child(net, "layers"), "layer")) {
      Map<String, String> data = new LinkedHashMap<>();
      for (Element d : children(layer, "data")) {
        for (int i = 0; i < d.getAttributes().getLength(); i++) {
          Node a = d.getAttributes().item(i);
          data.put(a.getNodeName(), a.getNodeValue());
        }
      }
      var l =
          new LayerXml(
              Long.parseLong(layer.getAttribute("id")),
              layer.getAttribute("name"),
              layer.getAttribute("type"),
              data,
              ports(layer, "input"),
              ports(layer, "output"));
      byName.put(l.name(), l);
      byId.put(l.id(), l);
    }
    for (Element e : children(child(net, "edges"), "edge")) {
      edges.add(
          byId.get(Long.parseLong(e.getAttribute("from-layer"))).name()
              + ":"
              + e.getAttribute("from-port")
              + "->"
              + byId.get(Long.parseLong(e.getAttribute("to-layer"))).name()
              + ":"
              + e.getAttribute("to-port"));
    }
  }

  LayerXml layer(String name) {
    LayerXml l = byName.get(name);
    if (l == null) {
      throw new AssertionError("no layer " + name + " in " + byName.keySet());
    }
    return l;
  }

  /** Each port as {@code id PRECISION [dims]}. */
  private static List<String> ports(Element layer, String kind) {
    List<String> out = new ArrayList<>();
    for (Element group : children(layer, kind)) {
      for (Element port : children(group, "port")) {
        List<String> dims = new ArrayList<>();
        for (Element d : children(port, "dim")) {
          dims.add(d.getTextContent().trim());
        }
        out.add(port.getAttribute("id") + " " + port.getAttribute("precision") + " " + dims);
      }
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    return children(parent, name).get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }
}
