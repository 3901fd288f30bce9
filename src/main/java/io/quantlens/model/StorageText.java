package io.quantlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the layer table names a weight's storage: the stored type, short ({@code f16}, {@code uint4},
 * {@code q4_k}), then a few words picked from the reader's description ({@link Layer#storage()},
 * worded as docs/onnx-weights.md says), e.g. {@code int8 QDQ ch}, {@code uint4 g32} (a MatMulNBits
 * layer), {@code f16 Cast}, {@code int4 NNCF g128} (an OpenVINO IR layer); the whole description
 * goes in the cell's tooltip.
 */
public final class StorageText {
  /** Operators that hold quantized weights, most specific first (a Gather then DQ is not QDQ). */
  private static final List<Map.Entry<String, String>> OPERATORS =
      List.of(
          Map.entry("Gather then DequantizeLinear", "Gather+QDQ"),
          Map.entry("GatherBlockQuantized", "GatherBlockQuantized"),
          Map.entry("MatMulNBits", "MatMulNBits"),
          Map.entry("DynamicQuantizeMatMul", "DynamicQuantizeMatMul"),
          Map.entry("MatMulInteger", "MatMulInteger"),
          Map.entry("ConvInteger", "ConvInteger"),
          Map.entry("QLinearConv", "QLinearConv"),
          Map.entry("QLinearMatMul", "QLinearMatMul"),
          Map.entry("MLX", "MLX"),
          Map.entry("NNCF", "NNCF"),
          Map.entry("DequantizeLinear", "QDQ"));

  /** "block 32", "group of 64", or NNCF's "g128" (docs/file-formats.md#openvino-ir). */
  private static final Pattern BLOCK =
      Pattern.compile("\\b(?:(?:blocks?|group) (?:of )?|g)(\\d+)\\b");

  private StorageText() {}

  /** The stored type in the scheme ids' spelling: {@code f32}, {@code bf16}, {@code q4_k}. */
  public static String type(Layer layer) {
    return layer
        .weight()
        .dtype()
        .name()
        .toLowerCase(Locale.ROOT)
        .replace("bfloat", "bf")
        .replace("float", "f");
  }

  /** The type and the description's key words; an ellipsis when none of its words are known. */
  public static String compact(Layer layer) {
    String storage = layer.storage();
    if (storage.isEmpty()) {
      return type(layer);
    }
    List<String> words = new ArrayList<>();
    if (storage.contains("Constant node")) {
      words.add("Constant");
    }
    if (storage.contains(" of subgraph ")) {
      words.add("subgraph");
    }
    // The Op column already names a MatMulNBits or QLinearConv layer's operator.
    OPERATORS.stream()
        .filter(op -> storage.contains(op.getKey()))
        .findFirst()
        .filter(op -> !op.getKey().equals(layer.opType()))
        .ifPresent(op -> words.add(op.getValue()));
    Matcher block = BLOCK.matcher(storage);
    if (block.find()) {
      words.add("g" + block.group(1));
    } else if (storage.contains("per channel") || storage.contains("per-channel")) {
      words.add("ch");
    } else if (storage.contains("per tensor") || storage.contains("per-tensor")) {
      words.add("tensor");
    }
    if (storage.contains("(directions,")) {
      words.add("gates");
    }
    if (storage.contains("Cast to ")) {
      words.add("Cast");
    }
    if (storage.contains("Transpose")) {
      words.add("Transpose");
    }
    return type(layer) + " " + (words.isEmpty() ? "…" : String.join(" ", words));
  }

  /** The reader's whole description, or the type's name for a plain tensor. */
  public static String full(Layer layer) {
    return layer.storage().isEmpty() ? layer.weight().dtype().name() : layer.storage();
  }
}
