package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.InsideFolder;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the bytes of tensors stored in external data files
 * (docs/file-formats.md#onnx-external-data). Locations must be relative paths inside the model's
 * folder. Each external file is mapped once and shared by all its tensors. One instance serves one
 * {@code read} call.
 */
final class ExternalDataResolver {
  private final Path modelFile;
  private final Path folder;
  private final Map<Path, ChunkedMapping> mappings = new LinkedHashMap<>();

  ExternalDataResolver(Path modelFile) {
    this.modelFile = modelFile;
    Path parent = modelFile.toAbsolutePath().getParent();
    this.folder = parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /** The external data files resolved so far, in the order first read, without the model file. */
  List<Path> files() throws IOException {
    List<Path> files = new java.util.ArrayList<>();
    for (Path f : mappings.keySet()) {
      if (!Files.isSameFile(f, modelFile)) {
        files.add(f);
      }
    }
    return files;
  }

  /**
   * The region holding the tensor's data.
   *
   * @param expectedBytes bytes the tensor's shape and type need, or -1 when unknown
   */
  ByteRegion resolve(TensorProto tensor, String name, long expectedBytes)
      throws ModelFormatException {
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto entry : tensor.getExternalDataList()) {
      switch (entry.getKey()) {
        case "location" -> location = entry.getValue();
        case "offset" -> offset = number(name, "offset", entry.getValue());
        case "length" -> length = number(name, "length", entry.getValue());
        default -> {
          // "checksum" and unknown keys are ignored.
        }
      }
    }
    if (location == null || location.isEmpty()) {
      throw problem("tensor '" + name + "' is stored externally but has no 'location'");
    }
    ChunkedMapping mapping = mapping(name, location);
    long size = mapping.size();
    if (length < 0) {
      length = expectedBytes >= 0 ? expectedBytes : size - Math.min(offset, size);
    }
    if (offset > size || length > size - offset) {
      throw problem(
          "tensor '"
              + name
              + "' extends past the end of external data file '"
              + location
              + "' (offset "
              + offset
              + " + length "
              + length
              + " > file size "
              + size
              + ")");
    }
    if (expectedBytes >= 0 && length != expectedBytes) {
      throw problem(
          "tensor '"
              + name
              + "' has length "
              + length
              + " in external data file '"
              + location
              + "' but its shape and type need "
              + expectedBytes
              + " bytes");
    }
    return mapping.region(offset, length);
  }

  private ChunkedMapping mapping(String name, String location) throws ModelFormatException {
    Path file = checkedPath(name, location);
    ChunkedMapping mapping = mappings.get(file);
    if (mapping == null) {
      try {
        mapping = ChunkedMapping.map(file);
      } catch (IOException e) {
        throw problem(
            "cannot read external data file '" + location + "' of tensor '" + name + "': " + e, e);
      }
      mappings.put(file, mapping);
    }
    return mapping;
  }

  /** Resolves the location and refuses anything that could leave the model's folder. */
  private Path checkedPath(String name, String location) throws ModelFormatException {
    String where = "external data location '" + location + "' of tensor '" + name + "'";
    if (location.startsWith("/")
        || location.startsWith("\\")
        || location.matches("^[A-Za-z]:.*")
        || location.indexOf('\0') >= 0) {
      throw problem(where + " is an absolute path; it must be relative to the model's folder");
    }
    for (String part : location.split("[/\\\\]")) {
      if (part.equals("..")) {
        throw problem(where + " contains '..'; it must stay inside the model's folder");
      }
    }
    Path file;
    try {
      file = folder.resolve(location).normalize();
    } catch (InvalidPathException e) {
      throw problem(where + " is not a valid path", e);
    }
    if (!Files.exists(file) && file.startsWith(folder)) {
      throw problem(where + " does not exist (looked for " + file + ")");
    }
    Path real;
    try {
      String escape = InsideFolder.escape(folder, file);
      if (escape != null) {
        throw problem(where + " " + escape);
      }
      real = file.toRealPath();
    } catch (IOException e) {
      throw problem(where + " cannot be resolved: " + e, e);
    }
    if (!Files.isRegularFile(real)) {
      throw problem(where + " is not a regular file");
    }
    return real;
  }

  private long number(String name, String key, String value) throws ModelFormatException {
    try {
      long n = Long.parseLong(value.trim());
      if (n < 0) {
        throw problem("tensor '" + name + "' has a negative external data " + key + ": " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw problem(
          "tensor '"
              + name
              + "' has an external data "
              + key
              + " that is not a number: '"
              + value
              + "'");
    }
  }

  private ModelFormatException problem(String message) {
    return new ModelFormatException(modelFile, message);
  }

  private ModelFormatException problem(String message, Throwable cause) {
    return new ModelFormatException(modelFile, message, cause);
  }
}
