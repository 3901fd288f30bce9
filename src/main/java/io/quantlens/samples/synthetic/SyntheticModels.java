package io.quantlens.samples.synthetic;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.formats.gguf.LlamaFileTypes;
import io.quantlens.formats.safetensors.ByteSource;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.formats.safetensors.TensorSpec;
import io.quantlens.model.RopeRows;
import io.quantlens.model.TensorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes Llama- and Phi-3-shaped models of deterministic random weights, as safetensors (one file
 * or shards) or GGUF, for tests and benchmarks. Weights are generated while the file is written, so
 * a model far larger than memory can be produced; {@code progress} receives the number of weights
 * written.
 */
public final class SyntheticModels {
  private static final Map<SafetensorsType, String> TORCH_DTYPES =
      Map.of(
          SafetensorsType.F32, "float32",
          SafetensorsType.F16, "float16",
          SafetensorsType.BF16, "bfloat16");

  private SyntheticModels() {}

  /** Element types a safetensors model can be generated in. */
  public enum SafetensorsType {
    F32,
    F16,
    BF16
  }

  /**
   * Writes the model as safetensors: to {@code target} itself for one shard, else {@code shards}
   * files plus {@code model.safetensors.index.json} in the folder {@code target}; and beside it,
   * unless the folder has one, the {@code config.json} of a Hugging Face checkpoint ({@link
   * HfConfigFile}).
   *
   * @return the file to open: the model file or the index
   */
  public static Path writeSafetensors(
      LlmShape shape,
      SafetensorsType type,
      int shards,
      long seed,
      Path target,
      LongConsumer progress)
      throws IOException {
    List<SyntheticTensor> tensors = shape.tensors(TensorNaming.HUGGING_FACE);
    if (shards < 1 || shards > tensors.size()) {
      throw new IllegalArgumentException(
          "a " + shape.id() + " model can be split into 1 to " + tensors.size() + " shards");
    }
    Map<String, String> metadata =
        Map.of("format", "pt", "producer", "QuantLens synthetic " + shape.id() + " seed " + seed);
    List<TensorSpec> specs = new ArrayList<>();
    for (SyntheticTensor t : tensors) {
      ByteSource source =
          ByteSource.floats(
              reader(new SyntheticValues(seed, t), progress), type.name(), t.elementCount());
      specs.add(new TensorSpec(t.name(), type.name(), t.shape(), source));
    }
    Path written;
    if (shards == 1) {
      SafetensorsWriter.write(target, specs, metadata);
      written = target;
    } else {
      written = SafetensorsWriter.writeSharded(target, split(specs, shards), metadata);
    }
    Path config = written.toAbsolutePath().resolveSibling(HfConfigFile.FILE_NAME);
    if (!Files.exists(config)) {
      HfConfigFile.write(shape, TORCH_DTYPES.get(type), config);
    }
    return written;
  }

  /**
   * Writes the model as GGUF v3: matrices in {@code matrixType} (quantized with ggml's reference
   * quantizers for block types), normalization weights in F32 as llama.cpp keeps them, with the
   * hyperparameters and tokenizer llama.cpp needs to load the file.
   */
  public static Path writeGguf(
      LlmShape shape, GgmlType matrixType, long seed, Path target, LongConsumer progress)
      throws IOException {
    GgufWriter writer = new GgufWriter();
    LlamaCppMetadata.put(writer, shape, LlamaFileTypes.forType(matrixType));
    List<SyntheticTensor> gguf = shape.tensors(TensorNaming.GGUF);
    List<SyntheticTensor> hf = shape.tensors(TensorNaming.HUGGING_FACE);
    for (int i = 0; i < gguf.size(); i++) {
      SyntheticTensor t = gguf.get(i);
      GgmlType type = t.norm() ? GgmlType.F32 : matrixType;
      // The Hugging Face file's values, in the rows llama.cpp's converter would put them.
      TensorReader values = reader(new SyntheticValues(seed, hf.get(i)), progress);
      if (shape.architecture() == LlmArchitecture.LLAMA && isQueryOrKey(hf.get(i))) {
        values = RopeRows.ggufOrdered(values, t.shape()[1], shape.hidden() / shape.heads());
      }
      writer.tensorFromFloats(t.name(), type, t.shape(), values);
    }
    writer.write(target);
    return target;
  }

  private static boolean isQueryOrKey(SyntheticTensor t) {
    return t.name().endsWith("self_attn.q_proj.weight")
        || t.name().endsWith("self_attn.k_proj.weight");
  }

  private static TensorReader reader(SyntheticValues values, LongConsumer progress) {
    return (start, dst, off, count) -> {
      values.fill(start, dst, off, count);
      progress.accept(count);
    };
  }

  /** Consecutive runs of tensors, as even in bytes as whole tensors allow. */
  private static List<List<TensorSpec>> split(List<TensorSpec> specs, int shards) {
    long total = specs.stream().mapToLong(TensorSpec::byteLength).sum();
    List<List<TensorSpec>> result = new ArrayList<>();
    List<TensorSpec> current = new ArrayList<>();
    long written = 0;
    for (int i = 0; i < specs.size(); i++) {
      TensorSpec spec = specs.get(i);
      current.add(spec);
      written += spec.byteLength();
      int left = specs.size() - i - 1;
      int shardsLeft = shards - result.size() - 1;
      boolean full = written >= total * (result.size() + 1) / shards;
      if (shardsLeft > 0 && (full || left == shardsLeft)) {
        result.add(current);
        current = new ArrayList<>();
      }
    }
    result.add(current);
    return result;
  }
}
