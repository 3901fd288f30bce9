package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.mapped.BufferRegion;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main graph's large initializers moved into one external data file beside the model, as the
 * onnx package's {@code convert_model_to_external_data} lays it out (every tensor of 1,024 bytes or
 * more, one after the other, each with {@code location}, {@code offset} and {@code length}), so a
 * model over protobuf's 2 GB limit can be written. Tensors the source already keeps outside its
 * file are copied into the new data file.
 */
final class ExternalDataWriter {
  /** The onnx package's default {@code size_threshold}. */
  static final long SIZE_THRESHOLD = 1024;

  private record Moved(int index, ByteRegion bytes, long offset) {}

  private final TensorFactory factory;

  ExternalDataWriter(TensorFactory factory) {
    this.factory = factory;
  }

  /**
   * Writes the data file {@code data} (atomically) and returns the graph whose large initializers
   * point into it by its file name.
   */
  GraphProto externalize(GraphProto graph, Path data) throws IOException, ModelFormatException {
    List<Moved> moved = new ArrayList<>();
    long offset = 0;
    List<TensorProto> inits = graph.getInitializerList();
    for (int i = 0; i < inits.size(); i++) {
      TensorProto t = inits.get(i);
      boolean external = t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
      if (external || t.getRawData().size() >= SIZE_THRESHOLD) {
        ByteRegion bytes =
            external ? factory.bytes(t) : new BufferRegion(t.getRawData().asReadOnlyByteBuffer());
        moved.add(new Moved(i, bytes, offset));
        offset += bytes.length();
      }
    }
    AtomicWrite.write(
        data,
        channel -> {
          for (Moved m : moved) {
            long at = 0;
            while (at < m.bytes().length()) {
              ByteBuffer view = m.bytes().view(at);
              at += view.remaining();
              while (view.hasRemaining()) {
                channel.write(view);
              }
            }
          }
        });
    GraphProto.Builder b = graph.toBuilder();
    String location = data.getFileName().toString();
    for (Moved m : moved) {
      b.setInitializer(
          m.index(),
          inits.get(m.index()).toBuilder()
              .clearRawData()
              .clearExternalData()
              .setDataLocation(TensorProto.DataLocation.EXTERNAL)
              .addExternalData(entry("location", location))
              .addExternalData(entry("offset", Long.toString(m.offset())))
              .addExternalData(entry("length", Long.toString(m.bytes().length()))));
    }
    return b.build();
  }

  /** The data file for {@code out}: {@code <out file name>.data} beside it. */
  static Path dataFile(Path out) {
    Path absolute = out.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + ".data");
  }

  /** True when {@code data} is a file the source reads (itself or one of its data files). */
  static boolean isSourceFile(Path data, Path source, GraphProto graph) throws IOException {
    if (!Files.exists(data)) {
      return false;
    }
    if (Files.isSameFile(data, source)) {
      return true;
    }
    Path folder = source.toAbsolutePath().getParent();
    for (TensorProto t : graph.getInitializerList()) {
      for (StringStringEntryProto e : t.getExternalDataList()) {
        if (e.getKey().equals("location")) {
          Path p = folder.resolve(e.getValue());
          if (Files.exists(p) && Files.isSameFile(p, data)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
