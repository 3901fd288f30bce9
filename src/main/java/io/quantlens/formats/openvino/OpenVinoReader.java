package io.quantlens.formats.openvino;

import io.quantlens.formats.InsideFolder;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import io.quantlens.model.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenVINO IR, {@code NAME.xml} with its constants in {@code NAME.bin} beside it
 * (docs/file-formats.md#openvino-ir): every Const becomes a stored tensor, and every MatMul,
 * Convolution, GroupConvolution and Gather whose weight input leads back to a constant, directly or
 * through a decompression subgraph, becomes a layer whose weight is computed as that subgraph
 * computes it.
 */
public final class OpenVinoReader {
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
    RegularFiles.require(xml);
    IrNet net = IrXml.read(xml);
    IrGraph graph = new IrGraph(xml, net);
    Path bin = weightsFile(xml);
    boolean hasConstants = net.layers().stream().anyMatch(IrConstant::isConstant);
    ChunkedMapping mapping = hasConstants ? map(xml, bin) : null;
    Map<Long, IrConstant> constants = new LinkedHashMap<>();
    for (IrNet.Layer layer : net.layers()) {
      if (IrConstant.isConstant(layer)) {
        constants.put(layer.id(), IrConstant.of(xml, bin, mapping, layer));
      }
    }
    var walk = new DecompressionWalk(graph, constants);
    List<Layer> layers = new ArrayList<>();
    Map<String, Tensor> weights = new HashMap<>();
    List<String> notes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (IrNet.Layer layer : net.layers()) {
      WeightLayers.Kind kind = WeightLayers.kind(layer);
      if (kind == null) {
        continue;
      }
      for (int input : kind.weightInputs()) {
        if (input >= layer.inputs().size()) {
          continue;
        }
        DecompressionWalk.Result found = walk.walk(layer, input);
        if (found.note() != null) {
          notes.add(found.note());
          break;
        }
        DecompressionWalk.Weight w = found.weight();
        if (w == null || !WeightLayers.isWeight(kind, w)) {
          continue;
        }
        String name = names.add(layer.name()) ? layer.name() : layer.name() + "#" + layer.id();
        names.add(name);
        Tensor t = w.tensor();
        layers.add(
            new Layer(
                name,
                kind.opType(),
                t,
                null,
                WeightLayers.channelAxis(kind, layer, input, t.rank()),
                WeightLayers.storage(layer, w.form()),
                List.of(name)));
        weights.putIfAbsent(w.codes().layer().name(), t);
        break;
      }
    }
    List<Tensor> initializers = new ArrayList<>();
    for (IrConstant c : constants.values()) {
      Tensor weight = weights.get(c.layer().name());
      initializers.add(weight != null ? weight : c.tensor());
    }
    return new Model(
        xml,
        metadata(net, notes),
        values(net, graph, "Parameter", true),
        values(net, graph, "Result", false),
        layers,
        initializers,
        hasConstants ? List.of(xml, bin) : List.of(xml));
  }

  private static ChunkedMapping map(Path xml, Path bin) throws ModelFormatException {
    if (!Files.exists(bin)) {
      throw new ModelFormatException(
          xml,
          "has no weights file "
              + bin.getFileName()
              + " beside it (an IR keeps its constants in a .bin file of the same base name)");
    }
    try {
      Path folder = xml.toAbsolutePath().getParent();
      String escape = InsideFolder.escape(folder, bin);
      if (escape != null) {
        throw new ModelFormatException(xml, "weights file " + bin.getFileName() + " " + escape);
      }
      String problem = RegularFiles.problem(bin);
      if (problem != null) {
        throw new ModelFormatException(xml, "weights file " + bin.getFileName() + " " + problem);
      }
      return ChunkedMapping.map(bin);
    } catch (IOException e) {
      throw new ModelFormatException(
          xml, "weights file " + bin.getFileName() + " cannot be read: " + e.getMessage(), e);
    }
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
    return new ModelMetadata("OpenVINO IR", producer, net.version(), opsets, properties, kept);
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
