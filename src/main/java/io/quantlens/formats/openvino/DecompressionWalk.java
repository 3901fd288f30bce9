package io.quantlens.formats.openvino;

import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the constant behind a weight input by walking back through the decompression subgraph
 * (docs/file-formats.md#openvino-ir-decompression): {@code Const → [Convert] → [Subtract(zero
 * point)] → [Multiply(scale)] → [Reshape] → [Convert]}, where a zero point or scale is a {@code
 * Const}, possibly through a {@code Convert}. An input that leads to any other operation is no
 * constant weight (an activation); a subgraph of these operations in another arrangement is named
 * in a note and not read.
 */
final class DecompressionWalk {
  private static final Set<String> STEPS = Set.of("Convert", "Subtract", "Multiply", "Reshape");

  /**
   * Operations followed back from one input; a longer chain is not followed (so that a hostile
   * graph cannot make every layer walk the whole file).
   */
  private static final int MAX_STEPS = 64;

  private final IrGraph graph;
  private final Map<Long, IrConstant> constants;

  DecompressionWalk(IrGraph graph, Map<Long, IrConstant> constants) {
    this.graph = graph;
    this.constants = constants;
  }

  /**
   * A weight found.
   *
   * @param codes the constant that holds the stored values
   * @param tensor the weight as the consuming layer reads it
   * @param form how it is stored
   */
  record Weight(IrConstant codes, Tensor tensor, StoredForm form) {}

  /** What one input holds: a weight, or a note on why it was not read, or neither. */
  record Result(Weight weight, String note) {
    static final Result NONE = new Result(null, null);
  }

  /**
   * @throws ModelFormatException when the walk meets a cycle or an input without an edge, the
   *     constant's element type is not decoded, or a zero point, scale or Reshape does not fit
   */
  Result walk(IrNet.Layer consumer, int input) throws ModelFormatException {
    List<IrNet.Layer> ops = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    seen.add(consumer.id());
    IrNet.Layer at = graph.source(consumer, input);
    while (!IrConstant.isConstant(at)) {
      if (!seen.add(at.id())) {
        throw problem(consumer, "the graph has a cycle through layer " + at.label());
      }
      if (!STEPS.contains(at.type())) {
        return Result.NONE;
      }
      if (ops.size() == MAX_STEPS) {
        return new Result(
            null,
            note(
                consumer,
                "its input passes through more than "
                    + MAX_STEPS
                    + " Convert, Subtract, Multiply and Reshape operations, which are not"
                    + " followed"));
      }
      ops.add(at);
      at = graph.source(at, dataInput(at));
    }
    Collections.reverse(ops);
    return assemble(consumer, constants.get(at.id()), ops);
  }

  private Result assemble(IrNet.Layer consumer, IrConstant codes, List<IrNet.Layer> ops)
      throws ModelFormatException {
    if (!codes.type().readable()) {
      throw problem(
          consumer,
          "its weight Const "
              + codes.layer().label()
              + " has element type "
              + codes.type().irName()
              + ", which QuantLens does not read (unsupported element type; it reads "
              + IrElementType.READ
              + ")");
    }
    int i = 0;
    List<String> steps = new ArrayList<>();
    IrElementType type = codes.type();
    if (i < ops.size() && ops.get(i).type().equals("Convert")) {
      type = destination(ops.get(i));
      steps.add("Convert to " + type.irName());
      i++;
    }
    IrElementType arithmetic = type;
    IrConstant zeroPoint = null;
    IrConstant scale = null;
    if (i < ops.size() && ops.get(i).type().equals("Subtract")) {
      if (!isParameter(graph.source(ops.get(i), 1))) {
        return new Result(null, note(consumer, "its weight has a zero point that is no constant"));
      }
      zeroPoint = parameter(consumer, ops.get(i), 1, type, codes);
      steps.add("Subtract in " + type.irName());
      i++;
    }
    if (i < ops.size() && ops.get(i).type().equals("Multiply")) {
      int scaleInput = 1 - dataInput(ops.get(i));
      if (!isParameter(graph.source(ops.get(i), scaleInput))) {
        return new Result(
            null, note(consumer, "its weight is multiplied by a value that is no constant"));
      }
      scale = parameter(consumer, ops.get(i), scaleInput, type, codes);
      steps.add("Multiply in " + type.irName());
      i++;
    }
    long[] shape = codes.shape();
    boolean reshaped = false;
    if (i < ops.size() && ops.get(i).type().equals("Reshape")) {
      shape = reshape(consumer, ops.get(i), codes);
      steps.add("Reshape to " + Arrays.toString(shape));
      reshaped = true;
      i++;
    }
    IrElementType output = type;
    if (i < ops.size() && ops.get(i).type().equals("Convert")) {
      output = destination(ops.get(i));
      steps.add("Convert to " + output.irName());
      i++;
    }
    if (i < ops.size()) {
      return new Result(
          null,
          note(
              consumer,
              "its weight is computed by "
                  + chain(codes, ops)
                  + ", an arrangement QuantLens does not read"));
    }
    boolean computes = zeroPoint != null || scale != null;
    if ((computes && arithmetic != IrElementType.F16 && arithmetic != IrElementType.F32)
        || !(output == IrElementType.F16
            || output == IrElementType.F32
            || output == IrElementType.BF16
            || (ops.isEmpty() && output.readable()))) {
      return new Result(
          null,
          note(
              consumer,
              "its weight is computed in "
                  + arithmetic.irName()
                  + " and returned as "
                  + output.irName()
                  + ", which QuantLens does not read"));
    }
    TensorReader reader = codes.reader();
    if (!ops.isEmpty()) {
      reader =
          new DecompressedReader(
              codes.reader(),
              codes.elements(),
              arithmetic,
              parameter(codes, zeroPoint),
              parameter(codes, scale),
              output);
    }
    float zeroPointValue = Float.NaN;
    if (zeroPoint != null && zeroPoint.elements() == 1) {
      float[] one = new float[1];
      zeroPoint.reader().read(0, one, 0, 1);
      zeroPointValue = one[0];
    }
    Tensor tensor = new Tensor(codes.layer().name(), codes.type().dtype(), shape, reader);
    var form = new StoredForm(codes, zeroPoint, zeroPointValue, scale, reshaped, arithmetic, steps);
    return new Result(new Weight(codes, tensor, form), null);
  }

  private static DecompressedReader.Parameter parameter(IrConstant codes, IrConstant p) {
    if (p == null) {
      return null;
    }
    return new DecompressedReader.Parameter(
        p.reader(), p.elements(), BroadcastIndex.of(codes.shape(), p.shape()));
  }

  /**
   * The zero point or scale on input {@code index} of {@code op}: a Const, possibly through a
   * Convert, of the arithmetic type once converted, broadcasting to the codes' shape.
   */
  private IrConstant parameter(
      IrNet.Layer consumer, IrNet.Layer op, int index, IrElementType arithmetic, IrConstant codes)
      throws ModelFormatException {
    IrNet.Layer at = graph.source(op, index);
    IrElementType type = null;
    if (at.type().equals("Convert")) {
      type = destination(at);
      at = graph.source(at, 0);
    }
    if (!IrConstant.isConstant(at)) {
      throw problem(
          consumer,
          "input "
              + index
              + " of "
              + op.label()
              + " is "
              + at.label()
              + ", not a Const (possibly through a Convert)");
    }
    IrConstant p = constants.get(at.id());
    if (!p.type().readable()) {
      throw problem(
          consumer,
          "Const "
              + p.layer().label()
              + " has element type "
              + p.type().irName()
              + ", which QuantLens does not read (unsupported element type)");
    }
    IrElementType converted = type == null ? p.type() : type;
    if (converted != arithmetic) {
      throw problem(
          consumer,
          op.label()
              + " combines "
              + arithmetic.irName()
              + " with "
              + converted.irName()
              + " from "
              + p.layer().label());
    }
    if (!BroadcastIndex.fits(codes.shape(), p.shape())) {
      throw problem(
          consumer,
          "Const "
              + p.layer().label()
              + " of shape "
              + Arrays.toString(p.shape())
              + " does not broadcast to the weight's "
              + Arrays.toString(codes.shape()));
    }
    return p;
  }

  /** The Reshape's static output shape, which must hold the codes' elements. */
  private long[] reshape(IrNet.Layer consumer, IrNet.Layer op, IrConstant codes)
      throws ModelFormatException {
    if (op.outputs().isEmpty()) {
      throw problem(consumer, op.label() + " has no output port");
    }
    List<String> dims = op.outputs().get(0).dims();
    long[] shape = new long[dims.size()];
    long product = 1;
    for (int d = 0; d < shape.length; d++) {
      try {
        shape[d] = Long.parseLong(dims.get(d));
        product = Math.multiplyExact(product, shape[d]);
      } catch (NumberFormatException | ArithmeticException e) {
        shape[d] = -1;
      }
      if (shape[d] < 0) {
        throw problem(
            consumer,
            op.label() + " has output dims " + dims + "; expected static, non-negative sizes");
      }
    }
    if (product != codes.elements()) {
      throw problem(
          consumer,
          op.label() + " reshapes " + codes.elements() + " elements to " + Arrays.toString(shape));
    }
    return shape;
  }

  /**
   * The input of {@code op} that carries the weight: the first, except for a Multiply whose first
   * input is a lone constant and whose second is not, or is a larger one.
   */
  private int dataInput(IrNet.Layer op) throws ModelFormatException {
    if (!op.type().equals("Multiply") || op.inputs().size() < 2) {
      return 0;
    }
    IrConstant first = lone(graph.source(op, 0));
    IrConstant second = lone(graph.source(op, 1));
    if (first == null) {
      return 0;
    }
    return second == null || second.elements() > first.elements() ? 1 : 0;
  }

  /** Whether {@code at} is a Const, directly or through one Convert. */
  private boolean isParameter(IrNet.Layer at) throws ModelFormatException {
    return lone(at) != null;
  }

  /** The Const at {@code at}, directly or through one Convert, or null. */
  private IrConstant lone(IrNet.Layer at) throws ModelFormatException {
    if (at.type().equals("Convert") && !at.inputs().isEmpty()) {
      at = graph.source(at, 0);
    }
    return IrConstant.isConstant(at) ? constants.get(at.id()) : null;
  }

  private IrElementType destination(IrNet.Layer convert) throws ModelFormatException {
    String name = convert.data().get("destination_type");
    IrElementType type = name == null ? null : IrElementType.of(name);
    if (type == null) {
      throw new ModelFormatException(
          graph.file(),
          "Convert layer "
              + convert.label()
              + (name == null
                  ? " has no destination_type"
                  : " has unknown destination_type '" + IrXml.shorten(name) + "'"));
    }
    return type;
  }

  private static String chain(IrConstant codes, List<IrNet.Layer> ops) {
    StringBuilder b = new StringBuilder("Const(" + codes.type().irName() + ")");
    for (IrNet.Layer op : ops) {
      b.append(" → ").append(op.type());
    }
    return b.toString();
  }

  private static String note(IrNet.Layer consumer, String why) {
    return "layer " + consumer.label() + " is not read as a weight layer: " + why;
  }

  private ModelFormatException problem(IrNet.Layer consumer, String problem) {
    return new ModelFormatException(graph.file(), "layer " + consumer.label() + ": " + problem);
  }
}
