package io.quantlens.formats.openvino;

import io.quantlens.files.AtomicWrite;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an OpenVINO IR with some layers' float weights compressed as NNCF's {@code
 * compress_weights} leaves them (docs/file-formats.md#writing-an-nncf-ir): each planned weight
 * {@code Const} becomes integer codes and the decompression subgraph NNCF's OpenVINO backend builds
 * (nncf @ 029d4cfb, src/nncf/quantization/algorithms/weight_compression/openvino_backend.py, {@code
 * _create_compression_subgraph} and {@code transform_model}): Convert(f16), for the asymmetric
 * modes Subtract(zero point → Convert(f16)), Multiply(f16 scale), for groups Reshape to the
 * weight's shape, and Convert back to the weight's type when it was not f16 and no Convert followed
 * it. Everything else in the XML is copied as it is, every other constant's bytes too, into a new
 * {@code .bin}; both files are written through temporary files and moved into place.
 */
public final class CompressedIrWriter {
  /**
   * What an export wrote.
   *
   * @param layers layer name → the form its weight was written in, in the order given
   * @param bin the weights file written beside the XML
   */
  public record Written(Map<String, NncfForm> layers, Path bin) {
    public Written {
      layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }
  }

  /**
   * A weight to compress.
   *
   * @param layer the layer reading it
   * @param form its form
   * @param converted whether a Convert lies between the Const and the layer (it stays, fed f16)
   * @param channelAxis the weight's output-channel axis
   */
  record Target(IrFile.WeightLayer layer, NncfForm form, boolean converted, int channelAxis) {
    IrConstant source() {
      return layer.weight().codes();
    }
  }

  /** A problem found while streaming, carried through {@link AtomicWrite}'s IOException. */
  static final class Refusal extends IOException {
    final ModelFormatException problem;

    Refusal(ModelFormatException problem) {
      super(problem.getMessage(), problem);
      this.problem = problem;
    }
  }

  private CompressedIrWriter() {}

  /**
   * Writes {@code xml} with each named layer's weight in its form to {@code out} and its {@code
   * .bin} beside it.
   *
   * @throws ModelFormatException naming the layer when a weight cannot take its form (not a float
   *     Const read directly or through one Convert, shared with other operations, groups that do
   *     not fit), or when the export would replace its own source
   */
  public static Written write(Path xml, Map<String, NncfForm> forms, Path out)
      throws IOException, ModelFormatException {
    IrFile ir = IrFile.open(xml);
    Path outBin = OpenVinoReader.weightsFile(out.toAbsolutePath());
    refuseSource(ir, out, outBin);
    Map<Long, Target> targets = targets(ir, forms);
    long firstId = ir.net.layers().stream().mapToLong(IrNet.Layer::id).max().orElse(-1) + 1;
    try {
      AtomicWrite.write(
          out.toAbsolutePath(),
          xmlChannel ->
              AtomicWrite.write(
                  outBin,
                  binChannel -> {
                    try (FileChannel source =
                        Files.exists(ir.bin)
                            ? FileChannel.open(ir.bin, StandardOpenOption.READ)
                            : null) {
                      new IrCopy(ir, targets, firstId, new BinOut(source, binChannel))
                          .copy(xmlChannel);
                    }
                  }));
    } catch (Refusal r) {
      throw r.problem;
    }
    Map<String, NncfForm> written = new LinkedHashMap<>();
    for (String name : forms.keySet()) {
      written.put(name, forms.get(name));
    }
    return new Written(written, outBin);
  }

  private static void refuseSource(IrFile ir, Path out, Path outBin)
      throws IOException, ModelFormatException {
    if (Files.exists(out) && Files.isSameFile(out, ir.xml)
        || Files.exists(outBin) && Files.exists(ir.bin) && Files.isSameFile(outBin, ir.bin)) {
      throw new ModelFormatException(ir.xml, "the export would replace its own source");
    }
  }

  /** The weights to compress by their Const's id, after checking each can take its form. */
  private static Map<Long, Target> targets(IrFile ir, Map<String, NncfForm> forms)
      throws ModelFormatException {
    Map<String, IrFile.WeightLayer> byName = new HashMap<>();
    ir.layers.forEach(l -> byName.put(l.name(), l));
    Map<Long, Integer> readers = new HashMap<>();
    ir.net.edges().forEach(e -> readers.merge(e.fromLayer(), 1, Integer::sum));
    Map<Long, Target> targets = new LinkedHashMap<>();
    for (var entry : forms.entrySet()) {
      String name = entry.getKey();
      IrFile.WeightLayer layer = byName.get(name);
      if (layer == null) {
        throw refusal(ir, name, "the model has no such layer");
      }
      DecompressionWalk.Weight w = layer.weight();
      StoredForm stored = w.form();
      IrElementType type = w.codes().type();
      IrNet.Layer feeding = ir.graph.source(layer.node(), layer.input());
      boolean converted = feeding.type().equals("Convert");
      boolean plain =
          (type == IrElementType.F32 || type == IrElementType.F16 || type == IrElementType.BF16)
              && stored.scale() == null
              && stored.zeroPoint() == null
              && (stored.steps().isEmpty() || converted && stored.steps().size() == 1);
      if (!plain) {
        throw refusal(
            ir,
            name,
            "only an f32, f16 or bf16 Const read directly or through one Convert can be"
                + " compressed; its weight is "
                + (stored.steps().isEmpty() ? type.irName() : stored.describe()));
      }
      long constId = w.codes().layer().id();
      if (readers.getOrDefault(constId, 0) != 1
          || converted && readers.getOrDefault(feeding.id(), 0) != 1) {
        throw refusal(
            ir,
            name,
            "its weight Const "
                + w.codes().layer().label()
                + " is also read by other operations; a shared weight is not compressed");
      }
      WeightLayers.Kind kind = WeightLayers.kind(layer.node());
      int axis =
          WeightLayers.channelAxis(kind, layer.node(), layer.input(), w.codes().shape().length);
      String why = NncfWeight.refusal(w.codes().shape(), axis, entry.getValue());
      if (why != null) {
        throw refusal(ir, name, entry.getValue().text() + ": " + why);
      }
      targets.put(constId, new Target(layer, entry.getValue(), converted, axis));
    }
    return targets;
  }

  static ModelFormatException refusal(IrFile ir, String layer, String why) {
    return new ModelFormatException(ir.xml, "layer '" + layer + "': " + why);
  }
}
