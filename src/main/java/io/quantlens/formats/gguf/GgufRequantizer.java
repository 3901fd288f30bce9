package io.quantlens.formats.gguf;

import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a copy of a GGUF file with chosen tensors in other ggml types, as {@code llama-quantize
 * --tensor-type} does: every metadata value is copied byte for byte (vocabularies included) unless
 * overridden, a tensor kept at its type is copied byte for byte, and a retyped tensor is decoded
 * and quantized block by block along its rows with the reference quantizers QuantLens ports from
 * ggml. The copy is written to a temporary file and moved over {@code target} when complete.
 */
public final class GgufRequantizer {
  private GgufRequantizer() {}

  /**
   * @param types tensor name → its new type; tensors not listed keep theirs
   * @param overrides metadata keys to set (existing ones keep their place, new ones come last)
   * @throws ModelFormatException naming the source when a tensor cannot be retyped as asked
   */
  public static void write(
      Path source, Map<String, GgmlType> types, Map<String, GgufValue> overrides, Path target)
      throws IOException, ModelFormatException {
    if (Files.exists(target) && Files.isSameFile(source, target)) {
      throw new IllegalArgumentException("the copy would replace its source " + source);
    }
    GgufContents contents = new GgufReader().contents(source);
    Map<String, GgufValue> pending = new LinkedHashMap<>(overrides);
    GgufWriter writer = new GgufWriter();
    contents
        .metadata()
        .forEach(
            (key, entry) -> {
              GgufValue override = pending.remove(key);
              writer.put(key, override != null ? override : copied(source, entry));
            });
    pending.forEach(writer::put);
    Map<String, Tensor> byName = new HashMap<>();
    contents.model().initializers().forEach(t -> byName.put(t.name(), t));
    for (TensorInfo info : contents.tensors()) {
      GgmlType stored =
          info.type()
              .orElseThrow(
                  () ->
                      new ModelFormatException(
                          source,
                          "tensor " + info.name() + " has unknown type id " + info.typeId()));
      GgmlType wanted = types.getOrDefault(info.name(), stored);
      if (wanted == stored) {
        long at = contents.data().fileOffset(info);
        long size = info.byteSize().orElseThrow();
        writer.tensor(info.name(), stored, info.shape(), out -> copy(source, at, size, out));
      } else {
        check(source, info, stored, wanted);
        writer.tensorFromFloats(
            info.name(), wanted, info.shape(), byName.get(info.name()).reader());
      }
    }
    writer.write(target);
  }

  /** Long strings and arrays are copied from the file (the reader kept only their start). */
  private static GgufValue copied(Path file, MetadataReader.Entry entry) {
    GgufValue v = entry.value();
    boolean summarised = v instanceof GgufValue.Text || v instanceof GgufValue.Array;
    return summarised
        ? new GgufValue.Stored(v, file, entry.start(), entry.end() - entry.start())
        : v;
  }

  private static void check(Path source, TensorInfo info, GgmlType stored, GgmlType wanted)
      throws ModelFormatException {
    String what = "tensor " + info.name();
    if (!stored.isDecodable()) {
      throw new ModelFormatException(
          source, what + ": its " + info.typeLabel() + " values cannot be decoded to retype them");
    }
    Optional<?> format = wanted.blockFormat();
    boolean plain = wanted == GgmlType.F32 || wanted == GgmlType.F16 || wanted == GgmlType.BF16;
    if (format.isEmpty() && !plain) {
      throw new ModelFormatException(
          source,
          what + ": QuantLens cannot write " + wanted.name().toLowerCase(java.util.Locale.ROOT));
    }
    long row = info.ne()[0];
    if (row % wanted.blockElements() != 0) {
      throw new ModelFormatException(
          source,
          what
              + ": rows of "
              + row
              + " weights do not split into "
              + wanted.name().toLowerCase(java.util.Locale.ROOT)
              + " blocks of "
              + wanted.blockElements());
    }
  }

  private static void copy(
      Path file, long offset, long size, java.nio.channels.WritableByteChannel out)
      throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long done = 0;
      while (done < size) {
        long n = in.transferTo(offset + done, size - done, out);
        if (n <= 0) {
          throw new java.io.EOFException(file + " ends inside a tensor");
        }
        done += n;
      }
    }
  }
}
