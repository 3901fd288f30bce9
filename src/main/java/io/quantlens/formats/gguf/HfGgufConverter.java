package io.quantlens.formats.gguf;

import io.quantlens.model.DType;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.RopeRows;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a Hugging Face Llama or Phi-3 checkpoint as the GGUF file llama.cpp's {@code
 * convert_hf_to_gguf.py} makes of it (docs/hf-to-gguf.md), with each weight in the ggml type asked
 * for: the hyperparameters from {@code config.json}, the tokenizer (or a placeholder), the tensors
 * under their GGUF names, llama's query and key rows reordered for llama.cpp's rotary embedding.
 * Norms, biases and rotary tables are F32, as the converter keeps them; a weight not asked for
 * keeps its own float type. Tensors stream from the mapped checkpoint into the file one chunk at a
 * time, written under a temporary name and moved into place when complete.
 */
public final class HfGgufConverter {
  /**
   * What was written.
   *
   * @param retyped GGUF tensor name → type, for the weights written in the type asked for
   * @param realTokenizer false when the file carries the placeholder vocabulary
   */
  public record Converted(Map<String, GgmlType> retyped, boolean realTokenizer) {}

  private HfGgufConverter() {}

  /**
   * @param types Hugging Face tensor name → the ggml type to write it in; others keep theirs
   * @param fileType the {@code general.file_type} (llama.h {@code llama_ftype}) to write
   * @throws ModelFormatException one line naming the file: no or unsupported config.json, a tensor
   *     with no GGUF name, not in floats, or whose rows do not split into the type's blocks
   */
  public static Converted write(Model source, Map<String, GgmlType> types, int fileType, Path out)
      throws IOException, ModelFormatException {
    Path folder = source.source().toAbsolutePath().getParent();
    HfConfig config = HfConfig.read(folder);
    GgufWriter writer = new GgufWriter();
    writer
        .put("general.architecture", GgufValue.string(config.architecture()))
        .put("general.type", GgufValue.string("model"))
        .put("general.name", GgufValue.string(folder.getFileName().toString()));
    HfMetadata.put(writer, config, fileType);
    writer.put("general.quantization_version", GgufValue.uint32(2));
    boolean realTokenizer = HfVocabulary.put(writer, folder, config, embeddingRows(source));
    for (HfMetadata.ExtraTensor extra : HfMetadata.extraTensors(config)) {
      float[] v = extra.values();
      writer.tensorFromFloats(
          extra.name(),
          GgmlType.F32,
          new long[] {v.length},
          (start, dst, off, count) -> System.arraycopy(v, (int) start, dst, off, count));
    }
    Map<String, GgmlType> retyped = new LinkedHashMap<>();
    for (Tensor t : source.initializers()) {
      if (HfTensorNames.skipped(t.name())) {
        continue;
      }
      String name =
          HfTensorNames.gguf(t.name())
              .orElseThrow(
                  () ->
                      new ModelFormatException(
                          source.source(),
                          "tensor "
                              + t.name()
                              + " has no GGUF name in llama.cpp's "
                              + config.architecture()
                              + " architecture"));
      GgmlType type = type(source, t, name, types);
      if (types.containsKey(t.name()) && type == types.get(t.name())) {
        retyped.put(name, type);
      }
      int heads = HfTensorNames.permutedHeads(t.name(), config);
      TensorReader values = heads > 0 ? ropeOrdered(t, heads) : t.reader();
      writer.tensorFromFloats(name, type, t.shape(), values);
    }
    writer.write(out);
    return new Converted(retyped, realTokenizer);
  }

  private static long embeddingRows(Model source) {
    return source.initializers().stream()
        .filter(t -> t.name().equals("model.embed_tokens.weight") && t.rank() == 2)
        .mapToLong(t -> t.dim(0))
        .findFirst()
        .orElse(-1);
  }

  /**
   * F32 for what the converter keeps in F32 (1-D tensors, norms, anything not a {@code .weight});
   * else the type asked for, else the tensor's own float type (F64 and others become F32).
   */
  private static GgmlType type(Model source, Tensor t, String name, Map<String, GgmlType> types)
      throws ModelFormatException {
    DType d = t.dtype();
    if (d != DType.FLOAT32 && d != DType.FLOAT16 && d != DType.BFLOAT16 && d != DType.FLOAT64) {
      throw new ModelFormatException(
          source.source(),
          "tensor " + t.name() + " is " + d + "; GGUF conversion reads float tensors only");
    }
    if (t.rank() <= 1 || name.endsWith("_norm.weight") || !name.endsWith(".weight")) {
      return GgmlType.F32;
    }
    GgmlType wanted = types.get(t.name());
    if (wanted == null) {
      return d == DType.FLOAT16 ? GgmlType.F16 : d == DType.BFLOAT16 ? GgmlType.BF16 : GgmlType.F32;
    }
    long row = t.dim(t.rank() - 1);
    if (row % wanted.blockElements() != 0) {
      throw new ModelFormatException(
          source.source(),
          "tensor "
              + t.name()
              + ": rows of "
              + row
              + " weights do not split into "
              + wanted.name().toLowerCase(Locale.ROOT)
              + " blocks of "
              + wanted.blockElements());
    }
    return wanted;
  }

  /** The tensor's values with the rows of each head in the order llama.cpp's converter writes. */
  private static TensorReader ropeOrdered(Tensor t, int heads) {
    long columns = t.rank() == 1 ? 1 : t.elementCount() / t.dim(0);
    return RopeRows.ggufOrdered(t.reader(), columns, t.dim(0) / heads);
  }
}
