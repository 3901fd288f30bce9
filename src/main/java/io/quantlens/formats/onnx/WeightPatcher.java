package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedOutputStream;
import io.quantlens.formats.onnx.LayerDiscovery.Use;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.quant.ActivationScheme;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ONNX model with some layers' weights replaced by given values, serialized for ONNX Runtime to
 * run. The values are given as the layer shows its weight and reach every node that reads it: a
 * float weight is written back into its stored tensor (initializer or Constant, any graph) at the
 * stored type, through the inverse of the view's Reshape/Transpose steps; a dequantized weight
 * replaces its decoder (DequantizeLinear by a Constant, MatMulNBits by MatMul, GatherBlockQuantized
 * and Gather → DequantizeLinear by a Gather of a float table). docs/onnx-weights.md gives the
 * rules.
 */
public final class WeightPatcher {
  /** Name prefix of the values the patch adds. */
  static final String PREFIX = "quantlens.patch/";

  /** Name prefix of the activation round trips the patch adds. */
  static final String ACTIVATION_PREFIX = "quantlens.act/";

  /** Names of the nodes and values bias correction adds. */
  static final String OFFSET_PREFIX = "quantlens.bias/";

  private static final Set<String> DECODERS =
      Set.of("DequantizeLinear", "MatMulNBits", "GatherBlockQuantized");
  private static final Set<String> INTEGER_OPS =
      Set.of(
          "MatMulInteger", "ConvInteger", "QLinearMatMul", "QLinearConv", "DynamicQuantizeMatMul");

  private final Path file;
  private final ModelProto model;
  private final WeightResolver resolver;
  private final Map<String, List<Use>> layers;
  private final IntegerOpsAsFloat integerOps;

  private WeightPatcher(
      Path file, ModelProto model, WeightResolver resolver, Map<String, List<Use>> layers) {
    this.file = file;
    this.model = model;
    this.resolver = resolver;
    this.layers = layers;
    this.integerOps = new IntegerOpsAsFloat(resolver);
  }

  /** Reads the model's graph and finds its layers as {@link OnnxModelReader} does. */
  public static WeightPatcher open(Path file) throws ModelFormatException {
    ModelProto model = OnnxProtoParser.parse(file);
    TensorFactory factory = new TensorFactory(file, new ExternalDataResolver(file));
    WeightResolver resolver = new WeightResolver(file, factory);
    List<GraphScope> scopes = GraphScope.main(model.getGraph()).withSubgraphs();
    List<Use> uses = new LayerDiscovery(resolver).uses(scopes);
    return new WeightPatcher(file, model, resolver, LayerGrouping.grouped(resolver, uses).uses());
  }

  /** Why {@code layer}'s weight cannot be replaced, or empty when it can. */
  public Optional<String> refusal(String layer) {
    List<Use> uses = layers.get(layer);
    if (uses == null) {
      return Optional.of("the model has no layer '" + layer + "'");
    }
    if (uses.isEmpty()) {
      return Optional.of("nodes read overlapping parts of its stored tensor");
    }
    WeightView view = uses.get(0).weight();
    if (view.source() == null) {
      return Optional.of("its weight joins several stored tensors");
    }
    if (view.tensor().elementCount() > Integer.MAX_VALUE - 8) {
      return Optional.of("its weight has more than 2^31 values");
    }
    for (Use use : uses) {
      WeightView v = use.weight();
      String op = v.quantized() ? v.decoder().getOpType() : "";
      if (INTEGER_OPS.contains(op)) {
        String why = integerOps.refusal(use.scope(), v.decoder());
        if (why != null) {
          return Optional.of(why);
        }
      } else if (v.quantized() && !DECODERS.contains(op)) {
        return Optional.of("no float form is known for " + op);
      }
      if (v.quantized() && v.selects()) {
        return Optional.of("its decoded weight is sliced or joined on the way to the node");
      }
      if (v.quantized() && !op.equals("DequantizeLinear") && !v.steps().isEmpty()) {
        return Optional.of("its decoded weight passes through further operations");
      }
    }
    return Optional.empty();
  }

  /**
   * The model with each named layer's weight replaced by its values (laid out as the layer shows
   * it), serialized into a direct buffer.
   *
   * @throws ModelFormatException when a layer cannot be replaced or the result exceeds 2 GB
   */
  public ByteBuffer patched(Map<String, float[]> values) throws ModelFormatException {
    return patched(values, Map.of(), List.of());
  }

  /**
   * As {@link #patched(Map)}, with each named layer's input activations also passing through the
   * quantization round trip {@code activations} gives it (docs/activations.md#simulation), and
   * {@code outputs} (main-graph values) added to the graph's outputs.
   *
   * @throws ModelFormatException when a weight or an activation cannot be rewritten
   */
  public ByteBuffer patched(
      Map<String, float[]> values,
      Map<String, ActivationQuant> activations,
      Collection<String> outputs)
      throws ModelFormatException {
    return patched(values, activations, Map.of(), outputs);
  }

  /**
   * As above, with each layer in {@code offsets} adding its per-output-channel offset to the output
   * of its node (bias correction, docs/activations.md#bias-correction).
   */
  public ByteBuffer patched(
      Map<String, float[]> values,
      Map<String, ActivationQuant> activations,
      Map<String, OutputOffset> offsets,
      Collection<String> outputs)
      throws ModelFormatException {
    GraphEdits edits = new GraphEdits();
    Map<String, StoredValues> floats = new LinkedHashMap<>();
    for (var entry : values.entrySet()) {
      Optional<String> refusal = refusal(entry.getKey());
      if (refusal.isPresent()) {
        throw new ModelFormatException(file, "layer '" + entry.getKey() + "': " + refusal.get());
      }
      replace(entry.getKey(), layers.get(entry.getKey()), entry.getValue(), floats, edits);
    }
    for (StoredValues stored : floats.values()) {
      stored.writeTo(edits);
    }
    for (var entry : activations.entrySet()) {
      Optional<String> refusal = activationRefusal(entry.getKey(), entry.getValue().scheme());
      if (refusal.isEmpty() && entry.getValue().smoothing() != null) {
        refusal = smoothingRefusal(entry.getKey());
      }
      if (refusal.isPresent()) {
        throw new ModelFormatException(
            file, "input of layer '" + entry.getKey() + "': " + refusal.get());
      }
      ActivationRewrite.apply(
          layers.get(entry.getKey()),
          entry.getValue(),
          opset(),
          ACTIVATION_PREFIX + entry.getKey() + "/",
          edits);
    }
    for (var entry : offsets.entrySet()) {
      offset(entry.getKey(), entry.getValue(), edits);
    }
    addOutputs(outputs, edits);
    return serialized(model.toBuilder().setGraph(edits.applyMain(model.getGraph())).build());
  }

  /** Why {@code layer}'s output cannot take a bias correction, or empty. */
  public Optional<String> offsetRefusal(String layer) {
    List<Use> uses = layers.get(layer);
    if (uses == null) {
      return Optional.of("the model has no layer '" + layer + "'");
    }
    List<Use> main = uses.stream().filter(u -> u.scope().isMain()).toList();
    if (main.size() != 1 || uses.size() != 1) {
      return Optional.of("its weight is read by " + uses.size() + " nodes, not one");
    }
    return Optional.empty();
  }

  /** Add(output, offset) right after the layer's node. */
  private void offset(String layer, OutputOffset offset, GraphEdits edits)
      throws ModelFormatException {
    Optional<String> refusal = offsetRefusal(layer);
    if (refusal.isPresent()) {
      throw new ModelFormatException(
          file, "bias correction of layer '" + layer + "': " + refusal.get());
    }
    NodeProto node = layers.get(layer).get(0).node();
    String prefix = OFFSET_PREFIX + layer + "/";
    edits.interpose(node, prefix + "raw", offset.nodes(prefix, prefix + "raw", node.getOutput(0)));
  }

  /** Why {@code layer}'s input activation cannot be quantized under {@code scheme}, or empty. */
  public Optional<String> activationRefusal(String layer, ActivationScheme scheme) {
    List<Use> uses = layers.get(layer);
    if (uses == null) {
      return Optional.of("the model has no layer '" + layer + "'");
    }
    if (uses.isEmpty()) {
      return Optional.of("nodes read overlapping parts of its stored tensor");
    }
    Optional<String> why = ActivationInputs.refusal(uses);
    return why.isPresent() ? why : FakeQuantNodes.refusal(scheme, opset());
  }

  /**
   * Why SmoothQuant cannot fold {@code layer}'s input scale into its weight, or empty when it can
   * (docs/activations.md#smoothquant).
   */
  public Optional<String> smoothingRefusal(String layer) {
    List<Use> uses = layers.get(layer);
    return uses == null
        ? Optional.of("the model has no layer '" + layer + "'")
        : ActivationRewrite.smoothingRefusal(uses);
  }

  /** True when some node of {@code layer} has a float data input that can be quantized. */
  public boolean readsActivation(String layer) {
    List<Use> uses = layers.get(layer);
    return uses != null && !ActivationInputs.edges(uses).isEmpty();
  }

  /** The values {@code layer}'s nodes read as their activation input, each once, in node order. */
  public List<String> activationValues(String layer) {
    List<Use> uses = layers.getOrDefault(layer, List.of());
    return ActivationInputs.edges(uses).stream()
        .filter(e -> e.scope().isMain())
        .map(ActivationInputs.Edge::value)
        .distinct()
        .toList();
  }

  /** The model as stored with {@code values} (main-graph values) added to its outputs. */
  public ByteBuffer withOutputs(Collection<String> values) throws ModelFormatException {
    return patched(Map.of(), Map.of(), values);
  }

  /**
   * The value each layer's first main-graph node writes (its output before any bias Add or
   * activation function that follows), by layer name; layers used only in subgraphs are left out.
   */
  public Map<String, String> layerOutputs() {
    Map<String, String> outputs = new LinkedHashMap<>();
    layers.forEach(
        (layer, uses) ->
            uses.stream()
                .filter(u -> u.scope().isMain() && u.node().getOutputCount() > 0)
                .findFirst()
                .ifPresent(u -> outputs.put(layer, u.node().getOutput(0))));
    return outputs;
  }

  private void addOutputs(Collection<String> values, GraphEdits edits) {
    Set<String> outputs = new HashSet<>();
    model.getGraph().getOutputList().forEach(o -> outputs.add(o.getName()));
    for (String value : values) {
      if (outputs.add(value)) {
        edits.addMainOutput(value);
      }
    }
  }

  /** The default-domain opset the model imports. */
  int opset() {
    for (var opset : model.getOpsetImportList()) {
      if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
        return (int) opset.getVersion();
      }
    }
    return 1;
  }

  private ByteBuffer serialized(ModelProto patched) throws ModelFormatException {
    long size = patched.getSerializedSize();
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(
          file, "with the plan's weights written as floats the model exceeds ONNX's 2 GB limit");
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) size);
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(buffer);
      patched.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot write the patched model: " + e, e);
    }
    return buffer.flip();
  }

  /** A float stored tensor's new values, gathered from every layer that writes part of it. */
  private record StoredValues(StoredTensor source, long[] shape, float[] values) {
    void writeTo(GraphEdits edits) {
      TensorProto t = GraphEdits.floats(source.name(), shape, source.proto().getDataType(), values);
      if (source.constant()) {
        NodeProto constant = source.scope().define(source.name()).producer();
        edits.replace(constant, List.of(GraphEdits.constant(constant.getName(), source.name(), t)));
      } else {
        edits.replace(source.proto(), t);
      }
    }
  }

  private void replace(
      String layer,
      List<Use> uses,
      float[] values,
      Map<String, StoredValues> floats,
      GraphEdits edits)
      throws ModelFormatException {
    WeightView view = uses.get(0).weight();
    StoredTensor source = view.source();
    long[] stored = resolver.factory().shape(source.proto(), source.key());
    if (view.selects()) {
      // Slice/Concat views: each value goes to the stored index it was read from; the rest of
      // the tensor keeps its values (or those another layer of the plan gives it).
      StoredValues target = floats.get(source.key());
      if (target == null) {
        Tensor t = resolver.tensor(source);
        float[] all = new float[Math.toIntExact(t.elementCount())];
        t.reader().read(0, all, 0, all.length);
        target = new StoredValues(source, stored, all);
        floats.put(source.key(), target);
      }
      int[] at = Footprint.indices(view, stored);
      for (int i = 0; i < at.length; i++) {
        target.values()[at[i]] = values[i];
      }
      return;
    }
    long[] start = view.steps().isEmpty() ? view.tensor().shape() : stored;
    float[] decoded = StepInverse.toStart(view, start, values);
    if (!view.quantized()) {
      floats.put(source.key(), new StoredValues(source, start, decoded));
      return;
    }
    Map<NodeProto, Boolean> done = new IdentityHashMap<>();
    for (Use use : uses) {
      NodeProto decoder = use.weight().decoder();
      if (done.put(decoder, true) == null) {
        decode(layer, use, start, decoded, edits);
      }
    }
  }

  /** Replaces the node that decodes {@code use}'s weight by float operators on {@code values}. */
  private void decode(String layer, Use use, long[] shape, float[] values, GraphEdits edits)
      throws ModelFormatException {
    NodeProto decoder = use.weight().decoder();
    String table = PREFIX + layer;
    switch (decoder.getOpType()) {
      case "DequantizeLinear" -> {
        int type = floatType(use, decoder, 1);
        NodeProto gather = use.node();
        if (gather.getOpType().equals("Gather")
            && gather.getOutput(0).equals(Nodes.input(decoder, 0))) {
          // Gather(codes) → DequantizeLinear: gather from the float table straight into the
          // dequantized value.
          TensorProto t = GraphEdits.floats(table, shape, type, values);
          NodeProto floatGather =
              gather.toBuilder().setInput(0, table).setOutput(0, decoder.getOutput(0)).build();
          edits.replace(gather, List.of(GraphEdits.constant(table, table, t), floatGather));
          edits.replace(decoder, List.of());
          edits.forgetValueInfo(gather.getOutput(0));
        } else {
          TensorProto t = GraphEdits.floats(decoder.getOutput(0), shape, type, values);
          edits.replace(
              decoder, List.of(GraphEdits.constant(decoder.getName(), decoder.getOutput(0), t)));
        }
      }
      case "MatMulNBits" -> edits.replace(decoder, matMul(decoder, table, shape, values, use));
      case "GatherBlockQuantized" -> {
        TensorProto t = GraphEdits.floats(table, shape, floatType(use, decoder, 2), values);
        NodeProto floatGather =
            GraphEdits.node(
                decoder.getName(),
                "Gather",
                List.of(table, decoder.getInput(1)),
                decoder.getOutput(0),
                List.of(
                    AttributeProto.newBuilder()
                        .setName("axis")
                        .setType(AttributeProto.AttributeType.INT)
                        .setI(Nodes.longAttribute(decoder, "gather_axis", 0))
                        .build()));
        edits.replace(decoder, List.of(GraphEdits.constant(table, table, t), floatGather));
      }
      default -> {
        edits.replace(decoder, integerOps.replace(use.scope(), decoder, table, shape, values));
        // MatMulInteger and ConvInteger gave int32; the stand-in gives float
        edits.forgetValueInfo(decoder.getOutput(0));
      }
    }
  }

  /** MatMulNBits(A, B…) as MatMul(A, Bᵀ) and, with a bias input, an Add. */
  private List<NodeProto> matMul(
      NodeProto node, String table, long[] shape, float[] values, Use use)
      throws ModelFormatException {
    long[] kn = {shape[1], shape[0]};
    float[] transposed = TensorViews.permute(values, shape, new int[] {1, 0});
    TensorProto t = GraphEdits.floats(table, kn, floatType(use, node, 2), transposed);
    String bias = Nodes.input(node, 5);
    String product = bias.isEmpty() ? node.getOutput(0) : table + "/product";
    List<NodeProto> nodes = new ArrayList<>();
    nodes.add(GraphEdits.constant(table, table, t));
    nodes.add(
        GraphEdits.node(
            node.getName(), "MatMul", List.of(node.getInput(0), table), product, List.of()));
    if (!bias.isEmpty()) {
      nodes.add(
          GraphEdits.node(
              node.getName() + "/bias",
              "Add",
              List.of(product, bias),
              node.getOutput(0),
              List.of()));
    }
    return Collections.unmodifiableList(nodes);
  }

  /** The float type of the decoder's scale input, which is the type of what it outputs. */
  private int floatType(Use use, NodeProto decoder, int scaleInput) throws ModelFormatException {
    StoredTensor scale = resolver.stored(use.scope(), Nodes.input(decoder, scaleInput));
    if (scale == null || !OnnxDataType.isFloat(scale.proto().getDataType())) {
      throw new ModelFormatException(
          file, "node '" + decoder.getName() + "': its scale is not a stored float tensor");
    }
    return scale.proto().getDataType();
  }
}
