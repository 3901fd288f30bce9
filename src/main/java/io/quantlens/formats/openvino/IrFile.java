package io.quantlens.formats.openvino;

import io.quantlens.formats.InsideFolder;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IR opened for reading or rewriting: its parsed XML, the graph, every top-level {@code Const}
 * checked against the {@code .bin} file, and the weight layers found behind them
 * (docs/file-formats.md#openvino-ir), named as the model's layers are.
 */
final class IrFile {
  /**
   * A weight layer: the operation, the input that holds its weight and what the walk found there.
   *
   * @param name the layer's name in the model: the operation's, or {@code name#id} when taken
   */
  record WeightLayer(String name, IrNet.Layer node, int input, DecompressionWalk.Weight weight) {}

  final Path xml;
  final Path bin;
  final IrNet net;
  final IrGraph graph;
  final Map<Long, IrConstant> constants;
  final List<WeightLayer> layers;
  final List<String> notes;

  private IrFile(
      Path xml,
      Path bin,
      IrNet net,
      IrGraph graph,
      Map<Long, IrConstant> constants,
      List<WeightLayer> layers,
      List<String> notes) {
    this.xml = xml;
    this.bin = bin;
    this.net = net;
    this.graph = graph;
    this.constants = constants;
    this.layers = layers;
    this.notes = notes;
  }

  /**
   * @throws ModelFormatException naming the file and the problem (see
   *     docs/file-formats.md#openvino-ir-what-is-refused)
   */
  static IrFile open(Path xml) throws ModelFormatException {
    RegularFiles.require(xml);
    IrNet net = IrXml.read(xml);
    IrGraph graph = new IrGraph(xml, net);
    Path bin = OpenVinoReader.weightsFile(xml);
    boolean hasConstants = net.layers().stream().anyMatch(IrConstant::isConstant);
    ChunkedMapping mapping = hasConstants ? map(xml, bin) : null;
    Map<Long, IrConstant> constants = new LinkedHashMap<>();
    for (IrNet.Layer layer : net.layers()) {
      if (IrConstant.isConstant(layer)) {
        constants.put(layer.id(), IrConstant.of(xml, bin, mapping, layer));
      }
    }
    var walk = new DecompressionWalk(graph, constants);
    List<WeightLayer> layers = new ArrayList<>();
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
        layers.add(new WeightLayer(name, layer, input, w));
        break;
      }
    }
    return new IrFile(xml, bin, net, graph, constants, List.copyOf(layers), notes);
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
}
