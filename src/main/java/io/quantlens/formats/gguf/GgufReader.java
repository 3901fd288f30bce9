package io.quantlens.formats.gguf;

import io.quantlens.formats.HeaderBudget;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF file (versions 2 and 3, docs/file-formats.md#gguf) into a format-neutral {@link
 * Model}. The file is memory-mapped; the header is parsed through bounds-checked reads of the
 * mapping, and tensor values stay in the mapping until a tensor's reader asks for them. Tensors of
 * types QuantLens does not decode are listed with a note and made into no layer. Instances hold no
 * state and may be shared.
 *
 * <p>Metadata: every key appears in {@link ModelMetadata#properties()} as text (arrays summarized
 * by element type, count and first values), after the headline facts of {@link GgufSummary}.
 */
public final class GgufReader {
  /** "GGUF" read as a little-endian u32. */
  private static final long MAGIC = 0x46554747L;

  private static final int DEFAULT_ALIGNMENT = 32;

  private final long chunkSize;

  public GgufReader() {
    this(ChunkedMapping.DEFAULT_CHUNK_SIZE);
  }

  /** A reader that maps files in chunks of {@code chunkSize} bytes (small in tests). */
  GgufReader(long chunkSize) {
    this.chunkSize = chunkSize;
  }

  /**
   * Reads the model.
   *
   * @throws ModelFormatException when the file cannot be read, is not GGUF, or is inconsistent; the
   *     message names the file, the problem and, where there is one, the tensor
   */
  public Model read(Path file) throws ModelFormatException {
    return contents(file).model();
  }

  /** The model and what a rewriter needs beside it: metadata spans, tensor infos, data offsets. */
  GgufContents contents(Path file) throws ModelFormatException {
    ChunkedMapping mapping;
    try {
      mapping = ChunkedMapping.map(file, chunkSize);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
    if (mapping.size() == 0) {
      throw new ModelFormatException(file, "the file is empty");
    }
    try {
      return read(file, mapping);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file, "cannot read GGUF model: " + e, e);
    }
  }

  private GgufContents read(Path file, ChunkedMapping mapping) throws ModelFormatException {
    HeaderCursor in = new HeaderCursor(file, mapping.region(0, mapping.size()));
    long version = readPreamble(in);
    long tensorCount = in.count("tensor count");
    long metadataCount = in.count("metadata count");
    HeaderBudget.entries(
        file,
        tensorCount + metadataCount,
        "the header's " + tensorCount + " tensors and " + metadataCount + " metadata keys");
    Map<String, MetadataReader.Entry> entries = MetadataReader.read(in, metadataCount);
    Map<String, GgufValue> metadata = new LinkedHashMap<>();
    entries.forEach((key, entry) -> metadata.put(key, entry.value()));
    int alignment = alignment(in, metadata);
    List<TensorInfo> infos = TensorInfoReader.read(in, tensorCount);
    DataSection data = new DataSection(DataSection.align(in.position(), alignment), alignment);
    data.check(file, mapping.size(), infos);

    List<String> notes = new ArrayList<>();
    List<Tensor> tensors = new ArrayList<>(infos.size());
    List<Tensor> decodable = new ArrayList<>();
    for (TensorInfo info : infos) {
      if (info.type().filter(GgmlType::isDecodable).isPresent()) {
        Tensor tensor = GgufTensors.decodable(info, mapping, data);
        tensors.add(tensor);
        decodable.add(tensor);
      } else {
        tensors.add(GgufTensors.listedOnly(info));
        notes.add(
            "tensor " + info.name() + ": type " + info.typeLabel() + " is not decoded; skipped");
      }
    }
    Model model =
        new Model(
            file,
            metadata(version, metadata, notes),
            List.of(),
            List.of(),
            GgufLayers.of(decodable),
            tensors);
    return new GgufContents(model, entries, infos, data);
  }

  static long readPreamble(HeaderCursor in) throws ModelFormatException {
    long magic = in.u32("magic");
    if (magic != MAGIC) {
      throw in.error(
          String.format(
              "not a GGUF file (it starts with %08X, not 47475546 \"GGUF\")", swap(magic)));
    }
    long version = in.u32("version");
    if (version == 0) {
      throw in.error("GGUF version 0 is invalid");
    }
    if ((version & 0xFFFF) == 0) {
      throw in.error(
          "GGUF version field is "
              + version
              + ": the byte order looks big-endian, which QuantLens does not read");
    }
    if (version == 1) {
      throw in.error("GGUF version 1 is no longer supported; convert the file to version 3");
    }
    if (version > 3) {
      throw in.error("GGUF version " + version + " is newer than QuantLens reads (2 and 3)");
    }
    return version;
  }

  private static long swap(long u32) {
    return Integer.toUnsignedLong(Integer.reverseBytes((int) u32));
  }

  private static int alignment(HeaderCursor in, Map<String, GgufValue> metadata)
      throws ModelFormatException {
    GgufValue value = metadata.get("general.alignment");
    if (value == null) {
      return DEFAULT_ALIGNMENT;
    }
    if (!(value instanceof GgufValue.Int i) || i.type() != GgufValueType.UINT32) {
      throw in.error("general.alignment must be a uint32, not " + value.type().label());
    }
    long a = i.value();
    if (a == 0 || Long.bitCount(a) != 1 || a > (1 << 30)) {
      throw in.error("general.alignment " + a + " is not a power of two");
    }
    return (int) a;
  }

  private static ModelMetadata metadata(
      long version, Map<String, GgufValue> metadata, List<String> notes) {
    Map<String, String> properties = new LinkedHashMap<>(GgufSummary.of(metadata).properties());
    metadata.forEach((key, value) -> properties.put(key, value.text()));
    return new ModelMetadata("GGUF", producer(metadata), version, Map.of(), properties, notes);
  }

  private static String producer(Map<String, GgufValue> metadata) {
    String name = text(metadata.get("general.name"));
    String quantizedBy = text(metadata.get("general.quantized_by"));
    if (quantizedBy.isEmpty()) {
      return name;
    }
    return name.isEmpty() ? "quantized by " + quantizedBy : name + ", quantized by " + quantizedBy;
  }

  private static String text(GgufValue value) {
    return value instanceof GgufValue.Text t ? t.value() : "";
  }
}
