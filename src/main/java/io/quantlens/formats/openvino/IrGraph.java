package io.quantlens.formats.openvino;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The layers of an IR by id and, for each input port, the edge that feeds it. Every edge must join
 * an output port of an existing layer to an input port of an existing layer, and an input port may
 * be fed once.
 */
final class IrGraph {
  private final Path file;
  private final Map<Long, IrNet.Layer> layers = new HashMap<>();
  private final Map<Long, Map<Long, IrNet.Edge>> incoming = new HashMap<>();

  /**
   * @throws ModelFormatException when two layers share an id, an edge dangles (names a layer or
   *     port that does not exist) or two edges feed one input port
   */
  IrGraph(Path file, IrNet net) throws ModelFormatException {
    this.file = file;
    for (IrNet.Layer layer : net.layers()) {
      if (layers.putIfAbsent(layer.id(), layer) != null) {
        throw new ModelFormatException(file, "two layers have id " + layer.id());
      }
    }
    for (IrNet.Edge e : net.edges()) {
      IrNet.Layer from = layers.get(e.fromLayer());
      IrNet.Layer to = layers.get(e.toLayer());
      if (from == null || to == null) {
        throw new ModelFormatException(
            file,
            "dangling edge "
                + text(e)
                + ": there is no layer with id "
                + (from == null ? e.fromLayer() : e.toLayer()));
      }
      if (!hasPort(from.outputs(), e.fromPort()) || !hasPort(to.inputs(), e.toPort())) {
        throw new ModelFormatException(
            file,
            "dangling edge "
                + text(e)
                + ": layer "
                + (hasPort(from.outputs(), e.fromPort())
                    ? to.label() + " has no input"
                    : from.label() + " has no output")
                + " port "
                + (hasPort(from.outputs(), e.fromPort()) ? e.toPort() : e.fromPort()));
      }
      if (incoming.computeIfAbsent(e.toLayer(), k -> new HashMap<>()).putIfAbsent(e.toPort(), e)
          != null) {
        throw new ModelFormatException(
            file, "input port " + e.toPort() + " of layer " + to.label() + " is fed by two edges");
      }
    }
  }

  Path file() {
    return file;
  }

  /**
   * The layer whose output feeds input number {@code index} (in file order) of {@code layer}.
   *
   * @throws ModelFormatException when the layer has no such input or no edge feeds it
   */
  IrNet.Layer source(IrNet.Layer layer, int index) throws ModelFormatException {
    if (index >= layer.inputs().size()) {
      throw new ModelFormatException(
          file,
          "layer "
              + layer.label()
              + " has "
              + layer.inputs().size()
              + " inputs, expected at least "
              + (index + 1));
    }
    long port = layer.inputs().get(index).id();
    IrNet.Edge edge = incoming.getOrDefault(layer.id(), Map.of()).get(port);
    if (edge == null) {
      throw new ModelFormatException(
          file, "input port " + port + " of layer " + layer.label() + " has no edge feeding it");
    }
    return layers.get(edge.fromLayer());
  }

  private static boolean hasPort(java.util.List<IrNet.Port> ports, long id) {
    for (IrNet.Port p : ports) {
      if (p.id() == id) {
        return true;
      }
    }
    return false;
  }

  private static String text(IrNet.Edge e) {
    return e.fromLayer() + ":" + e.fromPort() + " → " + e.toLayer() + ":" + e.toPort();
  }
}
