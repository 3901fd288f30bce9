package io.quantlens.formats.gguf;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the tensor data starts and the checks that every tensor's bytes lie inside it: aligned,
 * in-bounds, non-overlapping tensors, but not gguf.cpp's strictly sequential offsets
 * (docs/file-formats.md#gguf-data-section).
 *
 * @param start file offset of the data section
 * @param alignment the file's alignment
 */
record DataSection(long start, int alignment) {

  static long align(long offset, int alignment) {
    return offset + (alignment - offset % alignment) % alignment;
  }

  /** File offset of a tensor's first byte. */
  long fileOffset(TensorInfo info) {
    return start + info.offset();
  }

  void check(Path file, long fileSize, List<TensorInfo> infos) throws ModelFormatException {
    long room = fileSize - start;
    List<TensorInfo> sized = new ArrayList<>();
    for (TensorInfo info : infos) {
      String what = "tensor '" + info.name() + "'";
      if (info.offset() % alignment != 0) {
        throw new ModelFormatException(
            file,
            what
                + ": offset "
                + info.offset()
                + " is not a multiple of the alignment "
                + alignment);
      }
      long size = info.byteSize().orElse(0L);
      if (room < 0 || info.offset() > room - size) {
        throw new ModelFormatException(
            file,
            what
                + ": its "
                + size
                + " bytes at file offset "
                + (start + info.offset())
                + " run past the end of the file ("
                + fileSize
                + " bytes)");
      }
      if (size > 0) {
        sized.add(info);
      }
    }
    checkOverlaps(file, sized);
  }

  private static void checkOverlaps(Path file, List<TensorInfo> sized) throws ModelFormatException {
    sized.sort(Comparator.comparingLong(TensorInfo::offset));
    TensorInfo furthest = null;
    long furthestEnd = 0;
    for (TensorInfo info : sized) {
      if (furthest != null && info.offset() < furthestEnd) {
        throw new ModelFormatException(
            file,
            "tensors '"
                + furthest.name()
                + "' and '"
                + info.name()
                + "' overlap (bytes "
                + furthest.offset()
                + "–"
                + furthestEnd
                + " and "
                + info.offset()
                + "–"
                + (info.offset() + info.byteSize().orElseThrow())
                + " of the data section)");
      }
      long end = info.offset() + info.byteSize().orElseThrow();
      if (end > furthestEnd) {
        furthest = info;
        furthestEnd = end;
      }
    }
  }
}
