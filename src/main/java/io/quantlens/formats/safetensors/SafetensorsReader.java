package io.quantlens.formats.safetensors;

import io.quantlens.formats.InsideFolder;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file, or a sharded model through its {@code
 * model.safetensors.index.json}, into a format-neutral {@link Model}
 * (docs/file-formats.md#safetensors). Files are memory-mapped; only headers are read when opening,
 * tensor values stream from the mapping. Instances hold no state and may be shared.
 */
public final class SafetensorsReader {
  public static final String FORMAT = "safetensors";

  /** Tensors of unread types named one by one in the notes; the rest are counted. */
  private static final int NAMED_UNREAD_TENSORS = 20;

  /** True for {@code *.safetensors} and {@code *.safetensors.index.json} file names. */
  public static boolean handles(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".safetensors") || name.endsWith(ShardIndex.FILE_SUFFIX);
  }

  /**
   * True when the file starts like a safetensors file: a plausible header length followed by
   * {@code '{'}.
   */
  public static boolean looksLikeSafetensors(Path file) {
    if (RegularFiles.problem(file) != null) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(9);
      if (start.length < 9 || start[8] != '{') {
        return false;
      }
      long headerLength = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getLong();
      return headerLength > 0
          && headerLength <= HeaderParser.MAX_HEADER_BYTES
          && headerLength <= Files.size(file) - 8;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads the model; a name ending in {@code .index.json} is read as a sharded model's index.
   *
   * @throws ModelFormatException when a file is missing, unreadable or inconsistent; the message
   *     names the file, and the tensor where there is one
   */
  public Model read(Path file) throws ModelFormatException {
    try {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".index.json") ? readSharded(file) : readSingle(file);
    } catch (ModelFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFormatException(file, "cannot read safetensors model: " + e, e);
    }
  }

  private Model readSingle(Path file) throws ModelFormatException {
    ChunkedMapping mapping = map(file);
    SafetensorsHeader header = HeaderParser.parse(file, mapping);
    List<StoredTensor> tensors = new ArrayList<>();
    for (TensorEntry entry : header.tensors()) {
      tensors.add(stored(file, entry, header, mapping));
    }
    return model(file, tensors, header.metadata(), new ArrayList<>(), List.of(file));
  }

  private Model readSharded(Path indexFile) throws ModelFormatException {
    ShardIndex index = ShardIndex.read(indexFile);
    Map<String, String> properties = new LinkedHashMap<>(index.metadata());
    List<String> notes = new ArrayList<>();
    Map<String, String> foundIn = new HashMap<>();
    List<StoredTensor> tensors = new ArrayList<>();
    List<Path> files = new ArrayList<>(List.of(indexFile));
    for (String shardName : index.shardNames()) {
      Path shard = index.shardPath(shardName);
      files.add(shard);
      String escape;
      try {
        escape = InsideFolder.escape(indexFile.toAbsolutePath().getParent(), shard);
      } catch (java.io.IOException e) {
        throw new ModelFormatException(indexFile, "shard '" + shardName + "': " + e, e);
      }
      if (escape != null) {
        throw new ModelFormatException(indexFile, "shard '" + shardName + "' " + escape);
      }
      if (Files.exists(shard)) {
        RegularFiles.require(shard);
      } else {
        throw new ModelFormatException(
            indexFile,
            "shard '"
                + shardName
                + "' named by the index does not exist (looked for "
                + shard
                + ")");
      }
      ChunkedMapping mapping = map(shard);
      SafetensorsHeader header = HeaderParser.parse(shard, mapping);
      header.metadata().forEach(properties::putIfAbsent);
      for (TensorEntry entry : header.tensors()) {
        String listed = index.weightMap().get(entry.name());
        String earlier = foundIn.putIfAbsent(entry.name(), shardName);
        if (earlier != null) {
          throw new ModelFormatException(
              indexFile,
              "tensor '"
                  + entry.name()
                  + "' is stored in both '"
                  + earlier
                  + "' and '"
                  + shardName
                  + "'");
        }
        if (listed == null) {
          notes.add(
              "tensor '" + entry.name() + "' in shard '" + shardName + "' is not in the index");
        } else if (!listed.equals(shardName)) {
          throw new ModelFormatException(
              indexFile,
              "tensor '"
                  + entry.name()
                  + "' is stored in shard '"
                  + shardName
                  + "' but the index puts it in '"
                  + listed
                  + "'");
        }
        tensors.add(stored(shard, entry, header, mapping));
      }
    }
    for (Map.Entry<String, String> listed : index.weightMap().entrySet()) {
      if (!foundIn.containsKey(listed.getKey())) {
        throw new ModelFormatException(
            indexFile,
            "tensor '"
                + listed.getKey()
                + "' is missing from shard '"
                + listed.getValue()
                + "' where the index puts it");
      }
    }
    return model(indexFile, tensors, properties, notes, files);
  }

  private static StoredTensor stored(
      Path file, TensorEntry entry, SafetensorsHeader header, ChunkedMapping mapping) {
    long length = entry.end() - entry.begin();
    return new StoredTensor(
        file, entry, mapping.region(header.dataStart() + entry.begin(), length));
  }

  /**
   * The model of these tensors: MLX-quantized weights ({@link MlxLayers}) dequantize as they are
   * read, their scales and biases are no layers.
   */
  private static Model model(
      Path source,
      List<StoredTensor> stored,
      Map<String, String> properties,
      List<String> notes,
      List<Path> files)
      throws ModelFormatException {
    MlxLayers.Found mlx = MlxLayers.find(source, stored);
    List<Tensor> tensors = new ArrayList<>();
    List<TensorEntry> unread = new ArrayList<>();
    for (StoredTensor t : stored) {
      tensors.add(mlx.tensor(t));
      if (!mlx.weights().containsKey(t.name())) {
        unread.add(t.entry());
      }
    }
    notes.addAll(mlx.notes());
    notes.addAll(unreadNotes(unread));
    String producer = properties.getOrDefault("producer", properties.getOrDefault("format", ""));
    ModelMetadata metadata = new ModelMetadata(FORMAT, producer, 0, Map.of(), properties, notes);
    return new Model(
        source,
        metadata,
        List.of(),
        List.of(),
        LayerAssembly.layers(tensors, mlx.storage(), mlx.parameters()),
        tensors,
        files);
  }

  /** One note per tensor whose type QuantLens does not read (the first few named). */
  private static List<String> unreadNotes(List<TensorEntry> entries) {
    List<String> notes = new ArrayList<>();
    int unread = 0;
    for (TensorEntry t : entries) {
      if (!t.type().readable()) {
        if (++unread <= NAMED_UNREAD_TENSORS) {
          notes.add(
              "tensor '"
                  + t.name()
                  + "' of type "
                  + t.type()
                  + " is listed but not read, so it is not analysed as a layer");
        }
      }
    }
    if (unread > NAMED_UNREAD_TENSORS) {
      notes.add(
          (unread - NAMED_UNREAD_TENSORS)
              + " more tensors of types QuantLens does not read are listed but not analysed");
    }
    return notes;
  }

  private static ChunkedMapping map(Path file) throws ModelFormatException {
    try {
      return ChunkedMapping.map(file);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file, "file not found", e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new ModelFormatException(file, "is a folder, not a safetensors file", e);
      }
      throw new ModelFormatException(file, "cannot read file: " + e, e);
    }
  }
}
