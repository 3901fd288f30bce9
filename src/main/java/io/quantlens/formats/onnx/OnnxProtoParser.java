package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.quantlens.formats.RegularFiles;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Memory-maps an .onnx file and parses it so that every {@code raw_data} aliases the mapped bytes
 * instead of being copied onto the heap.
 */
final class OnnxProtoParser {
  private OnnxProtoParser() {}

  static ModelProto parse(Path file) throws ModelFormatException {
    ByteBuffer bytes = map(file);
    String foreign = FileSignatures.describe(bytes);
    if (foreign != null) {
      throw new ModelFormatException(file, "not an ONNX model (" + foreign + ")");
    }
    ModelProto model;
    try {
      // A ByteString over the mapping gives an "immutable" input, which is what lets
      // enableAliasing hand out slices of the mapping; CodedInputStream.newInstance(ByteBuffer)
      // would copy every raw_data.
      CodedInputStream input = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
      input.enableAliasing(true);
      input.setSizeLimit(Integer.MAX_VALUE);
      model = ModelProto.parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      if (isTruncation(e) && FileSignatures.startsLikeModelProto(bytes)) {
        throw new ModelFormatException(
            file, "truncated file: the ONNX protobuf ends in the middle of a field", e);
      }
      throw new ModelFormatException(file, "not an ONNX model (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(file, "not an ONNX model (" + e + ")", e);
    }
    if (!model.hasGraph()) {
      throw new ModelFormatException(
          file, "not an ONNX model (no graph found; the file may be truncated or of another kind)");
    }
    return model;
  }

  private static ByteBuffer map(Path file) throws ModelFormatException {
    RegularFiles.require(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        throw new ModelFormatException(file, "empty file (0 bytes)");
      }
      if (size > Integer.MAX_VALUE) {
        throw new ModelFormatException(
            file,
            "file is "
                + size
                + " bytes; a single ONNX protobuf cannot exceed 2 GB, so a model this large"
                + " must keep its weights in external data files");
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return mapped;
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file, "file not found", e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new ModelFormatException(file, "is a directory, not an ONNX file", e);
      }
      throw new ModelFormatException(file, "cannot read file: " + e, e);
    }
  }

  private static boolean isTruncation(InvalidProtocolBufferException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("truncated") || message.contains("ended unexpectedly");
  }
}
