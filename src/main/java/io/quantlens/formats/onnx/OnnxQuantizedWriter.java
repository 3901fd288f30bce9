package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedOutputStream;
import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.onnx.LayerDiscovery.Use;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an ONNX model with some layers' weights stored quantized, as ONNX Runtime's quantizers lay
 * them out (docs/onnx-weights.md#writing-a-plan-as-onnx): per-channel integer weights as QDQ
 * (codes, scale and zero point per channel, a DequantizeLinear feeding the layer's nodes), 4-bit
 * block weights of MatMul and Gemm as com.microsoft MatMulNBits, FP16 and BF16 weights as 16-bit
 * initializers behind a Cast to float. Everything else is copied as parsed; unchanged tensors keep
 * aliasing the mapped source.
 */
public final class OnnxQuantizedWriter {
  /** How a layer's weight is written. */
  public enum Kind {
    /** Integer codes + per-channel scale and zero point → DequantizeLinear(axis). */
    QDQ,
    /** com.microsoft MatMulNBits, 4-bit codes in blocks along K. */
    MATMUL_NBITS,
    /** A FLOAT16 or BFLOAT16 initializer → Cast(to=FLOAT). */
    CAST
  }

  /** One layer's form: the kind and the scheme whose kernel gives its codes and scales. */
  public record Form(Kind kind, Scheme scheme) {}

  /**
   * What was written for one layer.
   *
   * @param tensors the initializers that replaced the float weight, in order (codes, scales, zero
   *     points when stored; the 16-bit weight of a Cast)
   * @param bytes the raw bytes of those tensors
   * @param form the form the layer was written in
   */
  public record WrittenLayer(List<String> tensors, long bytes, Form form) {
    public WrittenLayer {
      tensors = List.copyOf(tensors);
    }
  }

  /** Largest message protobuf serializes: 2 GB less a little. */
  static final long PROTOBUF_LIMIT = Integer.MAX_VALUE - 8;

  /**
   * What an export wrote.
   *
   * @param layers layer name → what replaced its weight, in the order given
   * @param dataFile the external data file beside OUT, when the large tensors went there
   */
  public record Written(Map<String, WrittenLayer> layers, Optional<Path> dataFile) {
    public Written {
      layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }
  }

  private final Path file;
  private final ModelProto model;
  private final WeightResolver resolver;
  private final Map<String, List<Use>> layers;

  private OnnxQuantizedWriter(
      Path file, ModelProto model, WeightResolver resolver, Map<String, List<Use>> layers) {
    this.file = file;
    this.model = model;
    this.resolver = resolver;
    this.layers = layers;
  }

  /** Reads the model's graph and finds its layers as {@link OnnxModelReader} does. */
  public static OnnxQuantizedWriter open(Path file) throws ModelFormatException {
    ModelProto model = OnnxProtoParser.parse(file);
    TensorFactory factory = new TensorFactory(file, new ExternalDataResolver(file));
    WeightResolver resolver = new WeightResolver(file, factory);
    List<GraphScope> scopes = GraphScope.main(model.getGraph()).withSubgraphs();
    List<Use> uses = new LayerDiscovery(resolver).uses(scopes);
    return new OnnxQuantizedWriter(
        file, model, resolver, LayerGrouping.grouped(resolver, uses).uses());
  }

  /**
   * Writes the model with each named layer in its form to {@code out}, atomically.
   *
   * @throws ModelFormatException naming the layer when a weight cannot take its form, or when the
   *     model keeps data outside the file or would exceed 2 GB
   */
  public Written write(Map<String, Form> forms, Path out) throws IOException, ModelFormatException {
    return write(forms, out, PROTOBUF_LIMIT);
  }

  /**
   * As {@link #write(Map, Path)}, moving the large initializers to {@code <OUT>.data} ({@link
   * ExternalDataWriter}) when the model would exceed {@code limit} bytes or the source keeps
   * external data.
   */
  Written write(Map<String, Form> forms, Path out, long limit)
      throws IOException, ModelFormatException {
    if (Files.exists(out) && Files.isSameFile(out, file)) {
      throw new ModelFormatException(file, "the export would replace its own source");
    }
    GraphProto main = model.getGraph();
    for (NodeProto node : main.getNodeList()) {
      refuseExternalData(node);
    }
    GraphEdits edits = new GraphEdits();
    List<TensorProto> added = new ArrayList<>();
    Set<String> removedWeights = new java.util.HashSet<>();
    Map<String, WrittenLayer> written = new LinkedHashMap<>();
    boolean microsoft = false;
    for (var entry : forms.entrySet()) {
      String layer = entry.getKey();
      Form form = entry.getValue();
      List<Use> uses = checked(layer, form, main);
      StoredTensor source = uses.get(0).weight().source();
      float[] values = new float[Math.toIntExact(uses.get(0).weight().tensor().elementCount())];
      resolver.tensor(source).reader().read(0, values, 0, values.length);
      long[] shape = uses.get(0).weight().tensor().shape();
      int axis = uses.get(0).channelAxis();
      List<TensorProto> tensors;
      if (form.kind() == Kind.QDQ) {
        QdqWeight q = QdqWeight.of(source.name(), values, shape, axis, form.scheme());
        tensors = List.of(q.codes(), q.scales(), q.zeroPoints());
        replaceStored(source, q.codes(), edits, added);
        NodeProto dq = q.dequantize();
        if (opset() < 13) {
          // per-axis DequantizeLinear came with opset 13; before it ONNX Runtime's quantizer
          // writes its com.microsoft DequantizeLinear (UseQDQContribOps), which takes axis
          dq = dq.toBuilder().setDomain(Nodes.MICROSOFT).build();
          microsoft = true;
        }
        edits.insertBefore(firstReader(main, uses), List.of(dq));
        for (Use use : uses) {
          edits.rewire(use.node(), use.input(), dq.getOutput(0));
        }
      } else if (form.kind() == Kind.CAST) {
        CastWeight c = CastWeight.of(source.name(), values, shape, form.scheme());
        tensors = List.of(c.stored());
        replaceStored(source, c.stored(), edits, added);
        edits.insertBefore(firstReader(main, uses), List.of(c.cast()));
        for (Use use : uses) {
          edits.rewire(use.node(), use.input(), c.cast().getOutput(0));
        }
      } else {
        microsoft = true;
        Use use = uses.get(0);
        NBitsWeight q = NBitsWeight.of(source.name(), values, shape, axis, form.scheme());
        tensors = q.tensors();
        replaceStored(source, tensors.get(0), edits, added);
        edits.replace(use.node(), q.nodes(use.node(), tensors));
      }
      edits.forgetValueInfo(source.name());
      removedWeights.add(source.name());
      added.addAll(tensors.subList(1, tensors.size()));
      long bytes = tensors.stream().mapToLong(t -> t.getRawData().size()).sum();
      written.put(
          layer,
          new WrittenLayer(tensors.stream().map(TensorProto::getName).toList(), bytes, form));
    }
    GraphProto.Builder graph = edits.applyMain(main).toBuilder().addAllInitializer(added);
    // Files of IR version < 4 list initializers among the inputs; a replaced weight is no input.
    List<ai.onnx.proto.OnnxMl.ValueInfoProto> inputs = new ArrayList<>(graph.getInputList());
    inputs.removeIf(i -> removedWeights.contains(i.getName()));
    graph.clearInput().addAllInput(inputs);
    ModelProto.Builder result = model.toBuilder().setGraph(graph);
    if (microsoft && result.getOpsetImportList().stream().noneMatch(o -> isMicrosoft(o))) {
      result.addOpsetImport(
          OperatorSetIdProto.newBuilder().setDomain(Nodes.MICROSOFT).setVersion(1));
    }
    ModelProto exported = result.build();
    long size = exported.getSerializedSize();
    boolean external =
        main.getInitializerList().stream()
            .anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL);
    Optional<Path> dataFile = Optional.empty();
    if (external || size < 0 || size > limit) {
      Path data = ExternalDataWriter.dataFile(out);
      dataFile = Optional.of(data);
      if (ExternalDataWriter.isSourceFile(data, file, main)) {
        throw new ModelFormatException(
            file, "the export's data file " + data + " is a file the source reads");
      }
      GraphProto moved =
          new ExternalDataWriter(resolver.factory()).externalize(graph.build(), data);
      exported = exported.toBuilder().setGraph(moved).build();
      size = exported.getSerializedSize();
    }
    if (size < 0 || size > PROTOBUF_LIMIT) {
      throw new ModelFormatException(
          file, "even with its weights in external data the exported graph exceeds 2 GB");
    }
    ModelProto finished = exported;
    AtomicWrite.write(
        out.toAbsolutePath(),
        channel -> {
          OutputStream stream =
              new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
          CodedOutputStream coded = CodedOutputStream.newInstance(stream, 1 << 16);
          finished.writeTo(coded);
          coded.flush();
          stream.flush();
        });
    return new Written(written, dataFile);
  }

  private static boolean isMicrosoft(OperatorSetIdProto o) {
    return o.getDomain().equals(Nodes.MICROSOFT);
  }

  /** The layer's node that comes first in the main graph: the DequantizeLinear goes before it. */
  private static NodeProto firstReader(GraphProto main, List<Use> uses) {
    Map<NodeProto, Boolean> layer = new IdentityHashMap<>();
    uses.forEach(u -> layer.put(u.node(), true));
    for (NodeProto node : main.getNodeList()) {
      if (layer.containsKey(node)) {
        return node;
      }
    }
    return uses.get(0).node();
  }

  /**
   * Puts {@code codes} where the float weight was: in place of the initializer, or, for a Constant
   * node (paddle2onnx and tf2onnx keep weights so), as an initializer with the node removed.
   */
  private static void replaceStored(
      StoredTensor source, TensorProto codes, GraphEdits edits, List<TensorProto> added) {
    if (source.constant()) {
      edits.replace(source.scope().define(source.name()).producer(), List.of());
      added.add(codes);
    } else {
      edits.replace(source.proto(), codes);
    }
  }

  /** The layer's uses, after checking that its weight can take the form. */
  private List<Use> checked(String layer, Form form, GraphProto main) throws ModelFormatException {
    List<Use> uses = layers.get(layer);
    if (uses == null) {
      throw refusal(layer, "the model has no such layer");
    }
    if (uses.isEmpty()) {
      throw refusal(layer, "nodes read overlapping parts of its stored tensor");
    }
    WeightView view = uses.get(0).weight();
    StoredTensor source = view.source();
    if (source == null
        || view.quantized()
        || !view.steps().isEmpty()
        || !source.scope().isMain()
        || source.proto().getDataType() != OnnxDataType.FLOAT) {
      throw refusal(
          layer,
          "only a FLOAT initializer or Constant of the main graph read as stored can be written"
              + " quantized"
              + (view.storage().isEmpty() ? "" : "; it is " + view.storage()));
    }
    Map<NodeProto, Boolean> readers = new IdentityHashMap<>();
    for (NodeProto node : main.getNodeList()) {
      if (node.getInputList().contains(source.name())) {
        readers.put(node, true);
      }
    }
    for (Use use : uses) {
      if (!use.scope().isMain() || readers.remove(use.node()) == null) {
        throw refusal(layer, "its weight is read inside a subgraph");
      }
    }
    if (!readers.isEmpty()) {
      throw refusal(layer, "its weight is also read by nodes that are not the layer's");
    }
    if (form.kind() == Kind.CAST && opset() < CastWeight.minimumOpset(form.scheme())) {
      throw refusal(
          layer,
          form.scheme().id()
              + " needs a Cast from opset "
              + CastWeight.minimumOpset(form.scheme())
              + "; the model imports opset "
              + opset());
    }
    if (form.kind() == Kind.MATMUL_NBITS) {
      String why = NBitsWeight.refusal(uses, view.tensor().shape());
      if (why != null) {
        throw refusal(layer, why);
      }
    }
    return uses;
  }

  private ModelFormatException refusal(String layer, String why) {
    return new ModelFormatException(file, "layer '" + layer + "': " + why);
  }

  /** Refuses external data inside subgraphs, which the export does not move. */
  private void refuseExternalData(NodeProto node) throws ModelFormatException {
    for (var a : node.getAttributeList()) {
      List<GraphProto> bodies = new ArrayList<>(a.getGraphsList());
      if (a.hasG()) {
        bodies.add(a.getG());
      }
      for (GraphProto body : bodies) {
        for (TensorProto t : body.getInitializerList()) {
          if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new ModelFormatException(
                file,
                "subgraph tensor '"
                    + t.getName()
                    + "' is kept in external data; exporting such models is not supported yet");
          }
        }
        for (NodeProto inner : body.getNodeList()) {
          refuseExternalData(inner);
        }
      }
    }
  }

  private int opset() {
    for (var o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        return (int) o.getVersion();
      }
    }
    return 1;
  }
}
