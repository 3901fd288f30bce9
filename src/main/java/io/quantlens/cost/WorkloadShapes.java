package io.quantlens.cost;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Graph;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Node;
import io.quantlens.model.Tensor;
import io.quantlens.model.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures every value's shape at a workload with one ONNX Runtime run of the model rewritten so
 * that every node output is a graph output, then derives each node's MACs and activation bytes.
 * Running the graph, rather than inferring shapes statically, also resolves the Shape → Gather →
 * Concat chains exported transformers compute their Reshape targets with. The run holds every
 * intermediate tensor at once, so its memory is the sum of all activations at the workload.
 */
public final class WorkloadShapes {
  /** ORT's key for where external data files are found when the model is loaded from memory. */
  private static final String EXTERNAL_DATA_FOLDER =
      "session.model_external_initializers_file_folder_path";

  private WorkloadShapes() {}

  /**
   * Runs the model once at the workload's input shapes and costs every node.
   *
   * @param modelFile the model file {@code model} was read from
   * @throws IllegalArgumentException when the workload sets a dimension the model does not have
   * @throws ModelFormatException when the model cannot be read or run
   */
  public static WorkloadCosts measure(Path modelFile, Model model, Workload workload)
      throws ModelFormatException {
    if (LayerOnlyWorkloads.appliesTo(model)) {
      return LayerOnlyWorkloads.measure(model, workload);
    }
    workload.checkAgainst(model.inputs());
    Graph graph = ModelFiles.graph(modelFile);
    Map<String, Sized> values = new LinkedHashMap<>();
    Set<String> initializers = new LinkedHashSet<>();
    for (Tensor t : model.initializers()) {
      initializers.add(t.name());
      values.put(t.name(), new Sized(t.shape(), t.dtype().bits()));
    }
    try {
      values.putAll(run(modelFile, model, workload));
    } catch (OrtException e) {
      throw new ModelFormatException(
          modelFile,
          "ONNX Runtime cannot run the model to measure its shapes: " + e.getMessage(),
          e);
    }
    Map<String, long[]> shapes = new LinkedHashMap<>();
    values.forEach((name, v) -> shapes.put(name, v.shape()));

    List<NodeCost> costs = new ArrayList<>(graph.nodes().size());
    Map<String, String> dequantized = dequantizedInitializers(graph, initializers);
    for (Node node : graph.nodes()) {
      try {
        costs.add(cost(node, shapes, values, initializers, dequantized));
      } catch (IllegalStateException | ArithmeticException e) {
        throw new ModelFormatException(modelFile, "cannot cost the graph: " + e.getMessage(), e);
      }
    }
    return new WorkloadCosts(workload, workload.effectiveDims(model.inputs()), costs, shapes);
  }

  private static NodeCost cost(
      Node node,
      Map<String, long[]> shapes,
      Map<String, Sized> values,
      Set<String> initializers,
      Map<String, String> dequantized) {
    long macs = MacCounter.macs(node, shapes);
    long read = 0;
    for (String input : new LinkedHashSet<>(node.inputs())) {
      if (!input.isEmpty() && !initializers.contains(input) && values.containsKey(input)) {
        read += values.get(input).bytes();
      }
    }
    long written = 0;
    for (String output : node.outputs()) {
      Sized v = values.get(output);
      written += v == null ? 0 : v.bytes();
    }
    String first = node.outputs().isEmpty() ? "" : node.outputs().get(0);
    long[] outputShape = shapes.getOrDefault(first, new long[0]);
    String name = node.name().isEmpty() ? first : node.name();
    return new NodeCost(
        name,
        node.opType(),
        macs,
        outputShape,
        read,
        written,
        weight(node, initializers, dequantized));
  }

  /** The initializer behind the node's weight operand, directly or through a DequantizeLinear. */
  private static String weight(
      Node node, Set<String> initializers, Map<String, String> dequantized) {
    int[] positions = MacCounter.WEIGHT_INPUTS.get(node.opType());
    if (positions == null) {
      return null;
    }
    for (int position : positions) {
      String input = node.input(position);
      if (initializers.contains(input)) {
        return input;
      }
      if (dequantized.containsKey(input)) {
        return dequantized.get(input);
      }
    }
    return null;
  }

  /** DequantizeLinear outputs whose quantized input is an initializer, to that initializer. */
  private static Map<String, String> dequantizedInitializers(
      Graph graph, Set<String> initializers) {
    Map<String, String> map = new HashMap<>();
    for (Node node : graph.nodes()) {
      if (node.opType().equals("DequantizeLinear")
          && initializers.contains(node.input(0))
          && !node.outputs().isEmpty()) {
        map.put(node.outputs().get(0), node.input(0));
      }
    }
    return map;
  }

  /** Shapes and element sizes of the graph inputs and of every node output, from one run. */
  private static Map<String, Sized> run(Path modelFile, Model model, Workload workload)
      throws OrtException, ModelFormatException {
    byte[] rewritten = ModelFiles.withEveryValueAsOutput(modelFile);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, Sized> values = new LinkedHashMap<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // Unoptimized, so that every node and value of the file is there as written.
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      Path folder = modelFile.toAbsolutePath().getParent();
      if (folder != null) {
        options.addConfigEntry(EXTERNAL_DATA_FOLDER, folder.toString());
      }
      try (OrtSession session = env.createSession(rewritten, options)) {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
          for (ValueInfo input : model.inputs()) {
            NodeInfo info = session.getInputInfo().get(input.name());
            if (info == null || !(info.getInfo() instanceof TensorInfo tensorInfo)) {
              continue;
            }
            OnnxTensor tensor = generated(env, input, tensorInfo.type, workload.resolve(input));
            inputs.put(input.name(), tensor);
            values.put(input.name(), sized(tensor.getInfo()));
          }
          try (OrtSession.Result result = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> output : result) {
              if (output.getValue() instanceof OnnxTensor tensor) {
                values.put(output.getKey(), sized(tensor.getInfo()));
              }
            }
          }
        } finally {
          inputs.values().forEach(OnnxTensor::close);
        }
      }
    }
    return values;
  }

  /** Zeros, or ones for masks, so attention masks keep every position. */
  private static OnnxTensor generated(
      OrtEnvironment env, ValueInfo input, OnnxJavaType type, long[] shape) throws OrtException {
    long count = MacCounter.product(shape);
    int size = Math.max(1, type.size);
    ByteBuffer bytes =
        ByteBuffer.allocateDirect(Math.toIntExact(Math.multiplyExact(count, size)))
            .order(ByteOrder.nativeOrder());
    if (input.name().toLowerCase(Locale.ROOT).contains("mask")) {
      for (long i = 0; i < count; i++) {
        switch (type) {
          case FLOAT -> bytes.putFloat(1f);
          case DOUBLE -> bytes.putDouble(1);
          case INT64 -> bytes.putLong(1);
          case INT32 -> bytes.putInt(1);
          case INT16 -> bytes.putShort((short) 1);
          case FLOAT16 -> bytes.putShort((short) 0x3c00);
          case BFLOAT16 -> bytes.putShort((short) 0x3f80);
          default -> bytes.put((byte) 1);
        }
      }
      bytes.flip();
    }
    return OnnxTensor.createTensor(env, bytes, shape, type);
  }

  private static Sized sized(TensorInfo info) {
    return new Sized(info.getShape(), bits(info.onnxType));
  }

  private static int bits(TensorInfo.OnnxTensorType type) {
    String name = type.name();
    if (name.endsWith("INT4") || name.endsWith("FLOAT4E2M1")) {
      return 4;
    }
    if (name.contains("FLOAT8") || name.endsWith("INT8") || name.endsWith("BOOL")) {
      return 8;
    }
    return 8 * Math.max(1, OnnxJavaType.mapFromOnnxTensorType(type).size);
  }

  /** A value's shape and element width. */
  private record Sized(long[] shape, int bits) {
    long bytes() {
      return (MacCounter.product(shape) * bits + 7) / 8;
    }
  }
}
