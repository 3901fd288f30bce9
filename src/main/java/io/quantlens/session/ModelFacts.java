package io.quantlens.session;

import io.quantlens.formats.gguf.GgufSummary;
import io.quantlens.model.DType;
import io.quantlens.model.Model;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.ValueInfo;
import io.quantlens.text.Messages;
import io.quantlens.text.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts about an open model a user looks for first, in the order they are shown: format and
 * version, producer, operator sets, inputs and outputs with their shapes, and, for GGUF files, the
 * architecture, file type, quantization version and context length read from the file's metadata.
 */
public final class ModelFacts {
  /**
   * One fact.
   *
   * @param key stable name of what the value is (file, format, producer, opset, input, output,
   *     architecture, fileType, quantizationVersion, contextLength, blocks, tensors, layers,
   *     storedAs, fileSize); the window shows the label its messages give for it
   * @param value the value as text
   */
  public record Fact(String key, String value) {}

  private ModelFacts() {}

  /**
   * The facts, counts and sizes written in {@code m}'s language ({@code info.value.*} texts: "12
   * holding 4,321 parameters", "1,234 bytes in 3 files").
   */
  public static List<Fact> of(Model model, Messages m) {
    ModelMetadata meta = model.metadata();
    Map<String, String> p = meta.properties();
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("file", model.source().toString()));
    facts.add(new Fact("format", formatText(meta)));
    if (!meta.producer().isBlank()) {
      facts.add(new Fact("producer", meta.producer()));
    }
    facts.addAll(opsets(meta));
    facts.addAll(signature(model));
    String arch = p.get("general.architecture");
    if (arch != null) {
      facts.add(new Fact("architecture", arch));
      // The reader's summary names the llama.cpp file type: "15 (MOSTLY_Q4_K_M)".
      addIfPresent(
          facts, "fileType", p.getOrDefault(GgufSummary.FILE_TYPE, p.get("general.file_type")));
      addIfPresent(facts, "quantizationVersion", p.get("general.quantization_version"));
      addIfPresent(facts, "contextLength", p.get(arch + ".context_length"));
      addIfPresent(facts, "blocks", p.get(arch + ".block_count"));
    }
    Numbers n = m.numbers();
    facts.add(new Fact("tensors", n.count(model.initializers().size())));
    facts.add(
        new Fact(
            "layers",
            m.get(
                "info.value.layers",
                n.count(model.layers().size()),
                n.count(model.layerParameterCount()))));
    for (Map.Entry<DType, Long> e : model.bytesByDType().entrySet()) {
      facts.add(
          new Fact("storedAs", m.get("info.value.storedAs", e.getKey(), n.count(e.getValue()))));
    }
    try {
      int files = model.files().size();
      String size = n.count(model.fileBytes());
      facts.add(
          new Fact(
              "fileSize",
              files == 1
                  ? m.get("info.value.fileSize", size)
                  : m.get("info.value.fileSizeInFiles", size, n.count(files))));
    } catch (IOException e) {
      // The size is a convenience; a file that vanished since it was opened just lacks it.
    }
    return facts;
  }

  /**
   * The operator sets the model imports, by domain ({@code ai.onnx} for the default one): {@code
   * ai.onnx 17}, key {@code opset}.
   */
  public static List<Fact> opsets(ModelMetadata meta) {
    return meta.opsets().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e ->
                new Fact(
                    "opset", (e.getKey().isEmpty() ? "ai.onnx" : e.getKey()) + " " + e.getValue()))
        .toList();
  }

  /**
   * The graph's inputs then outputs with element type and shape, {@code image FLOAT [batch, 1, 28,
   * 28]}, keys {@code input} and {@code output}; none for a file without a graph.
   */
  public static List<Fact> signature(Model model) {
    List<Fact> facts = new ArrayList<>();
    for (ValueInfo v : model.inputs()) {
      facts.add(new Fact("input", valueText(v)));
    }
    for (ValueInfo v : model.outputs()) {
      facts.add(new Fact("output", valueText(v)));
    }
    return facts;
  }

  private static String valueText(ValueInfo v) {
    return v.name() + " " + v.elementType() + " " + v.shapeText();
  }

  /**
   * The metadata keys and values the file itself stores: the model's properties without the summary
   * a GGUF reader puts first ({@link GgufSummary#properties()}), which repeats stored keys under
   * names of its own.
   */
  public static Map<String, String> storedMetadata(Model model) {
    Map<String, String> stored = new LinkedHashMap<>(model.metadata().properties());
    if (model.metadata().format().equals("GGUF")) {
      stored.keySet().removeAll(SUMMARY_KEYS);
    }
    return stored;
  }

  private static final List<String> SUMMARY_KEYS =
      List.of(
          GgufSummary.ARCHITECTURE,
          GgufSummary.QUANTIZATION_VERSION,
          GgufSummary.FILE_TYPE,
          GgufSummary.CONTEXT_LENGTH);

  /** The format with its version, e.g. {@code GGUF (version 3)}. */
  public static String formatText(ModelMetadata meta) {
    return switch (meta.format()) {
      case "ONNX" -> "ONNX (IR version " + meta.formatVersion() + ")";
      case "GGUF" -> "GGUF (version " + meta.formatVersion() + ")";
      default -> meta.format();
    };
  }

  private static void addIfPresent(List<Fact> facts, String label, String value) {
    if (value != null) {
      facts.add(new Fact(label, value));
    }
  }
}
