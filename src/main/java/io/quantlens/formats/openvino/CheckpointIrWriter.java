package io.quantlens.formats.openvino;

import io.quantlens.files.AtomicWrite;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.quant.HalfFloats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a checkpoint's weight layers, which come without a graph, as an IR of their own
 * (docs/file-formats.md#an-nncf-ir-from-a-checkpoint): each 2-D MatMul weight feeds a
 * MatMul(transpose_b) from its own Parameter {@code LAYER/input} to a Result, each embedding a
 * Gather of a Parameter {@code LAYER/indices}; a planned weight reaches its operation through
 * NNCF's decompression subgraph ({@link SubgraphXml#compressed}), the others as a Const of their
 * stored type. The file holds the weights in OpenVINO's compressed layout for OpenVINO tools and
 * for QuantLens's compare; it is not the model: norms, biases, attention and every other tensor are
 * left out.
 */
public final class CheckpointIrWriter {
  /** Values converted at a time when a float weight is copied. */
  private static final int CHUNK = 1 << 20;

  private CheckpointIrWriter() {}

  /**
   * @throws ModelFormatException naming the layer when a planned weight is no 2-D MatMul or Gather
   *     weight or cannot take its form
   */
  public static CompressedIrWriter.Written write(
      Model source, Map<String, NncfForm> forms, Path out)
      throws IOException, ModelFormatException {
    Map<String, Layer> layers = new LinkedHashMap<>();
    for (Layer layer : source.layers()) {
      boolean fits = layer.weight().rank() == 2 && type(layer.weight()) != null;
      boolean kind = layer.opType().equals("MatMul") || layer.opType().equals("Gather");
      String why = forms.containsKey(layer.name()) ? refusal(layer, fits, kind, forms) : null;
      if (why != null) {
        throw new ModelFormatException(source.source(), "layer '" + layer.name() + "': " + why);
      }
      if (fits && kind) {
        layers.put(layer.name(), layer);
      }
    }
    for (String name : forms.keySet()) {
      if (!layers.containsKey(name)) {
        throw new ModelFormatException(
            source.source(), "layer '" + name + "': the model has no such layer");
      }
    }
    Path xml = out.toAbsolutePath();
    Path bin = OpenVinoReader.weightsFile(xml);
    if (xml.equals(source.source().toAbsolutePath())) {
      throw new ModelFormatException(source.source(), "the export would replace its own source");
    }
    try {
      AtomicWrite.write(
          xml,
          xmlChannel ->
              AtomicWrite.write(
                  bin,
                  binChannel -> {
                    try {
                      graph(
                          source.source(), layers, forms, xmlChannel, new BinOut(null, binChannel));
                    } catch (XMLStreamException e) {
                      throw new IOException(e.getMessage(), e);
                    }
                  }));
    } catch (CompressedIrWriter.Refusal r) {
      throw r.problem;
    }
    return new CompressedIrWriter.Written(forms, bin);
  }

  private static String refusal(
      Layer layer, boolean fits, boolean kind, Map<String, NncfForm> forms) {
    if (!fits || !kind) {
      return "an IR written from a checkpoint holds 2-D MatMul and embedding weights of f32, f16"
          + " or bf16; this is a "
          + layer.opType()
          + " weight "
          + layer.weight().shapeText()
          + " of "
          + layer.weight().dtype();
    }
    NncfForm form = forms.get(layer.name());
    String why = NncfWeight.refusal(layer.weight().shape(), layer.channelAxis(), form);
    return why == null ? null : form.text() + ": " + why;
  }

  private static void graph(
      Path file,
      Map<String, Layer> layers,
      Map<String, NncfForm> forms,
      FileChannel channel,
      BinOut bin)
      throws IOException, XMLStreamException {
    OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("net");
    xml.writeAttribute("name", file.getFileName().toString());
    xml.writeAttribute("version", "11");
    xml.writeCharacters("\n\t");
    xml.writeStartElement("layers");
    SubgraphXml g = new SubgraphXml(xml, 0);
    for (Layer layer : layers.values()) {
      layer(file, g, bin, layer, forms.get(layer.name()));
    }
    xml.writeCharacters("\n\t");
    xml.writeEndElement();
    xml.writeCharacters("\n\t");
    xml.writeStartElement("edges");
    for (SubgraphXml.Edge e : g.edges()) {
      xml.writeCharacters("\n\t\t");
      xml.writeEmptyElement("edge");
      xml.writeAttribute("from-layer", Long.toString(e.fromLayer()));
      xml.writeAttribute("from-port", Long.toString(e.fromPort()));
      xml.writeAttribute("to-layer", Long.toString(e.toLayer()));
      xml.writeAttribute("to-port", Long.toString(e.toPort()));
    }
    xml.writeCharacters("\n\t");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
    xml.flush();
    stream.flush();
  }

  /** One layer: its input, its weight (compressed or as stored), the operation and a Result. */
  private static void layer(Path file, SubgraphXml g, BinOut bin, Layer layer, NncfForm form)
      throws IOException, XMLStreamException {
    Tensor w = layer.weight();
    long[] shape = w.shape();
    IrElementType type = type(w);
    int axis = layer.channelAxis();
    boolean gather = layer.opType().equals("Gather");
    SubgraphXml.Output input =
        gather
            ? g.parameter(layer.name() + "/indices", IrElementType.I32, new long[] {1})
            : g.parameter(layer.name() + "/input", type, new long[] {1, shape[1 - axis]});
    SubgraphXml.Output weight;
    if (form == null) {
      long at = bin.size();
      copy(w, type, bin);
      weight = g.constant(w.name(), type, shape, at, bin.size() - at);
    } else {
      float[] values = new float[Math.toIntExact(w.elementCount())];
      w.reader().read(0, values, 0, values.length);
      NncfWeight q = NncfWeight.of(values, shape, axis, form);
      if (!q.scalesFit()) {
        throw new CompressedIrWriter.Refusal(
            new ModelFormatException(
                file,
                "layer '"
                    + layer.name()
                    + "': a scale of its weights exceeds f16's range (65504)"));
      }
      int port = gather ? 0 : 1;
      IrElementType back = type == IrElementType.F16 ? null : type;
      long id = g.nextId();
      g.skipId();
      weight = g.compressed(bin, id, w.name(), port, q, form, shape, back);
    }
    SubgraphXml.Output result;
    if (gather) {
      long at = bin.write(new byte[4]); // axis 0 as i32
      SubgraphXml.Output zero =
          g.constant(layer.name() + "/axis", IrElementType.I32, new long[0], at, 4);
      result = g.gather(layer.name(), weight, input, zero, new long[] {1, shape[1]});
    } else {
      result = g.matMul(layer.name(), input, weight, axis == 0, new long[] {1, shape[axis]});
    }
    g.result(layer.name() + "/output", result);
  }

  /** The weight's values in its own float type, a chunk at a time. */
  private static void copy(Tensor w, IrElementType type, BinOut bin) throws IOException {
    long n = w.elementCount();
    float[] chunk = new float[(int) Math.min(n, CHUNK)];
    int width = type == IrElementType.F32 ? 4 : 2;
    for (long start = 0; start < n; start += chunk.length) {
      int count = (int) Math.min(chunk.length, n - start);
      w.reader().read(start, chunk, 0, count);
      ByteBuffer b = ByteBuffer.allocate(count * width).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        switch (type) {
          case F32 -> b.putFloat(chunk[i]);
          case F16 -> b.putShort(HalfFloats.toFp16(chunk[i]));
          default -> b.putShort(HalfFloats.toBf16(chunk[i]));
        }
      }
      bin.write(b.array());
    }
  }

  /** The IR type of a weight stored as f32, f16 or bf16, else null. */
  private static IrElementType type(Tensor w) {
    DType d = w.dtype();
    return d == DType.FLOAT32
        ? IrElementType.F32
        : d == DType.FLOAT16 ? IrElementType.F16 : d == DType.BFLOAT16 ? IrElementType.BF16 : null;
  }
}
