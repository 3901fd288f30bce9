package io.quantlens.formats.openvino;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import io.quantlens.model.ValueInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an OpenVINO IR, {@code NAME.xml} with its constants in {@code NAME.bin} beside it
 * (docs/file-formats.md#openvino-ir): every Const becomes a stored tensor, and every MatMul,
 * Convolution, GroupConvolution and Gather whose weight input leads back to a constant, directly or
 * through a decompression subgraph, becomes a layer whose weight is computed as that subgraph
 * computes it.
 */
public final class OpenVinoReader {
  /** The format name the model's metadata gives. */
  public static final String FORMAT = "OpenVINO IR";

  /** Notes that name layers one by one; the rest are counted. */
  private static final int NAMED_NOTES = 20;

  /** The IR's name ends with this, case-insensitively. */
  public static boolean handles(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  /** The weights file of {@code xml}: the same base name with {@code .bin}, in the same folder. */
  public static Path weightsFile(Path xml) {
    String name = xml.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return xml.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".bin");
  }

  /**
   * @throws ModelFormatException naming the file and the problem (see
   *     docs/file-formats.md#openvino-ir-what-is-refused)
   */
  public Model read(Path xml) throws ModelFormatException {
    IrFile ir = IrFile.open(xml);
    List<Layer> layers = new ArrayList<>();
    Map<String, Tensor> weights = new HashMap<>();
    for (IrFile.WeightLayer found : ir.layers) {
      DecompressionWalk.Weight w = found.weight();
      WeightLayers.Kind kind = WeightLayers.kind(found.node());
      Tensor t = w.tensor();
      layers.add(
          new Layer(
              found.name(),
              kind.opType(),
              t,
              null,
              WeightLayers.channelAxis(kind, found.node(), found.input(), t.rank()),
              WeightLayers.storage(found.node(), w.form()),
              List.of(found.name())));
      weights.putIfAbsent(w.codes().layer().name(), t);
    }
    List<Tensor> initializers = new ArrayList<>();
    for (IrConstant c : ir.constants.values()) {
      Tensor weight = weights.get(c.layer().name());
      initializers.add(weight != null ? weight : c.tensor());
    }
    return new Model(
        xml,
        metadata(ir.net, ir.notes),
        values(ir.net, ir.graph, "Parameter", true),
        values(ir.net, ir.graph, "Result", false),
        layers,
        initializers,
        ir.constants.isEmpty() ? List.of(xml) : List.of(xml, ir.bin));
  }

  private static ModelMetadata metadata(IrNet net, List<String> notes) {
    Map<String, Long> opsets = new HashMap<>();
    for (IrNet.Layer layer : net.layers()) {
      String v = layer.version();
      if (v.startsWith("opset")) {
        try {
          opsets.put(v, Long.parseLong(v.substring("opset".length())));
        } catch (NumberFormatException e) {
          opsets.put(v, 0L);
        }
      }
    }
    Map<String, String> properties = new LinkedHashMap<>();
    if (!net.name().isEmpty()) {
      properties.put("name", net.name());
    }
    properties.putAll(net.runtimeInfo());
    String producer =
        net.runtimeInfo()
            .getOrDefault(
                "Runtime_version", net.runtimeInfo().getOrDefault("meta_data.MO_version", ""));
    List<String> kept = new ArrayList<>(notes.subList(0, Math.min(NAMED_NOTES, notes.size())));
    if (notes.size() > NAMED_NOTES) {
      kept.add((notes.size() - NAMED_NOTES) + " more layers are not read as weight layers");
    }
    return new ModelMetadata(FORMAT, producer, net.version(), opsets, properties, kept);
  }

  /** The precision of the output that feeds a Result, or empty. */
  private static String sourcePrecision(IrGraph graph, IrNet.Layer result) {
    try {
      IrNet.Layer from = graph.source(result, 0);
      return from.outputs().isEmpty() ? "" : from.outputs().get(0).precision();
    } catch (ModelFormatException e) {
      return "";
    }
  }

  private static List<ValueInfo> values(IrNet net, IrGraph graph, String type, boolean output) {
    List<ValueInfo> out = new ArrayList<>();
    for (IrNet.Layer layer : net.layers()) {
      if (!layer.type().equals(type)) {
        continue;
      }
      List<IrNet.Port> ports = output ? layer.outputs() : layer.inputs();
      IrNet.Port port = ports.isEmpty() ? null : ports.get(0);
      String precision =
          port != null && !port.precision().isEmpty()
              ? port.precision()
              : layer.data().getOrDefault("element_type", "");
      if (precision.isEmpty() && !output && !layer.inputs().isEmpty()) {
        precision = sourcePrecision(graph, layer);
      }
      List<String> dims = new ArrayList<>();
      if (port != null) {
        for (String d : port.dims()) {
          dims.add(d.equals("-1") ? "?" : d);
        }
      }
      out.add(new ValueInfo(layer.name(), precision, dims));
    }
    return out;
  }
}
