package io.quantlens.cost;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ValueInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Workloads of models stored as bare tensors (safetensors, GGUF), which have no graph to run. Each
 * layer is costed as what a transformer does with it for every token of the batch: a weight matrix
 * of {@code out × in} is a linear map of {@code out·in} MACs per token, and an embedding looks up
 * one row per token. Attention's activation products and elementwise work are not counted.
 */
public final class LayerOnlyWorkloads {
  /** The one input such a model is seen to have: {@code tokens} hidden vectors per sample. */
  static final ValueInfo TOKENS =
      new ValueInfo("hidden_states", "FLOAT", List.of(Workload.BATCH, "tokens"));

  private static final long FLOAT_BYTES = 4;
  private static final long TOKEN_ID_BYTES = 8;

  private LayerOnlyWorkloads() {}

  /** True when the model has no graph, so its costs come from its layers alone. */
  public static boolean appliesTo(Model model) {
    return !model.metadata().format().equals("ONNX");
  }

  /** The inputs whose symbolic dimensions a workload sets for this model. */
  public static List<ValueInfo> inputs(Model model) {
    return appliesTo(model) ? List.of(TOKENS) : model.inputs();
  }

  /** One node per layer at the workload's batch × tokens. */
  static WorkloadCosts measure(Path file, Model model, Workload workload)
      throws ModelFormatException {
    workload.checkAgainst(List.of(TOKENS));
    long[] shape = workload.resolve(TOKENS);
    long tokens = Math.multiplyExact(shape[0], shape[1]);
    List<NodeCost> nodes = new ArrayList<>();
    for (Layer layer : model.layers()) {
      try {
        nodes.add(node(layer, shape, tokens));
      } catch (ArithmeticException e) {
        throw new ModelFormatException(
            file,
            "layer '"
                + layer.name()
                + "' "
                + layer.weight().shapeText()
                + ": its cost at "
                + tokens
                + " tokens overflows 64 bits; the tensor's shape is not a real one");
      }
    }
    return new WorkloadCosts(
        workload, workload.effectiveDims(List.of(TOKENS)), nodes, java.util.Map.of());
  }

  private static NodeCost node(Layer layer, long[] tokenShape, long tokens) {
    long rows = layer.weight().rank() == 0 ? 1 : layer.weight().dim(layer.channelAxis());
    long perRow = rows == 0 ? 0 : layer.weight().elementCount() / rows;
    String weight = layer.weight().name();
    if (layer.opType().equals("Gather")) {
      // An embedding of vocabulary × width: each token id selects one row of `perRow` values.
      long[] out = {tokenShape[0], tokenShape[1], perRow};
      return new NodeCost(
          layer.name(),
          layer.opType(),
          0,
          out,
          tokens * TOKEN_ID_BYTES,
          Math.multiplyExact(tokens, perRow) * FLOAT_BYTES,
          weight);
    }
    long[] out = {tokenShape[0], tokenShape[1], rows};
    return new NodeCost(
        layer.name(),
        layer.opType(),
        Math.multiplyExact(tokens, Math.multiplyExact(rows, perRow)),
        out,
        Math.multiplyExact(tokens, perRow) * FLOAT_BYTES,
        Math.multiplyExact(tokens, rows) * FLOAT_BYTES,
        weight);
  }
}
