package io.quantlens.formats.openvino;

import java.util.List;
import java.util.Map;

/**
 * The parts of an IR's XML this reader uses (docs/file-formats.md#openvino-ir-layout): the {@code
 * <net>} element's attributes, its layers and edges, and the {@code <rt_info>} entries as text.
 *
 * @param name the net's {@code name}
 * @param version the net's {@code version} (10 or 11 for the IRs OpenVINO writes today), 0 if
 *     absent
 * @param layers in file order
 * @param edges in file order
 * @param runtimeInfo {@code <rt_info>} values by their path, e.g. {@code
 *     nncf.weight_compression.mode}
 */
record IrNet(
    String name,
    long version,
    List<Layer> layers,
    List<Edge> edges,
    Map<String, String> runtimeInfo) {
  IrNet {
    layers = List.copyOf(layers);
    edges = List.copyOf(edges);
    runtimeInfo = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(runtimeInfo));
  }

  /**
   * One {@code <layer>}.
   *
   * @param id the {@code id} attribute
   * @param name the {@code name} attribute (the id when absent)
   * @param type e.g. {@code Const}, {@code MatMul}
   * @param version e.g. {@code opset1}
   * @param data the attributes of its {@code <data>} element
   * @param inputs its {@code <input>} ports in file order
   * @param outputs its {@code <output>} ports in file order
   */
  record Layer(
      long id,
      String name,
      String type,
      String version,
      Map<String, String> data,
      List<Port> inputs,
      List<Port> outputs) {
    Layer {
      data = Map.copyOf(data);
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }

    /** Where the layer is named in messages: {@code 'name' (Type, id 3)}. */
    String label() {
      return "'" + name + "' (" + type + ", id " + id + ")";
    }
  }

  /**
   * A port of a layer.
   *
   * @param id its {@code id}
   * @param precision its {@code precision} attribute, empty when absent
   * @param dims its {@code <dim>} texts ({@code -1} or a range for dynamic dimensions)
   */
  record Port(long id, String precision, List<String> dims) {
    Port {
      dims = List.copyOf(dims);
    }
  }

  /** An {@code <edge>}: the value of one layer's output port feeds another's input port. */
  record Edge(long fromLayer, long fromPort, long toLayer, long toPort) {}
}
