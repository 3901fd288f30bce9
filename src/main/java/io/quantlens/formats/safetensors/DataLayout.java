package io.quantlens.formats.safetensors;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference reader's rule for the data section: tensors sorted by their offsets tile it
 * exactly, from byte 0 to its last byte, without gaps, overlaps or trailing bytes.
 */
final class DataLayout {
  private DataLayout() {}

  static void check(Path file, List<TensorEntry> tensors, long dataLength)
      throws ModelFormatException {
    List<TensorEntry> sorted = new ArrayList<>(tensors);
    sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
    TensorEntry previous = null;
    long expectedBegin = 0;
    for (TensorEntry t : sorted) {
      if (t.begin() < expectedBegin) {
        throw new ModelFormatException(
            file,
            "tensors '"
                + previous.name()
                + "' "
                + previous.offsetsText()
                + " and '"
                + t.name()
                + "' "
                + t.offsetsText()
                + " overlap in the data section");
      }
      if (t.begin() > expectedBegin) {
        String before =
            previous == null
                ? "the start of the data section"
                : "the end of tensor '" + previous.name() + "' (byte " + expectedBegin + ")";
        throw new ModelFormatException(
            file,
            "gap of "
                + (t.begin() - expectedBegin)
                + " bytes between "
                + before
                + " and tensor '"
                + t.name()
                + "' "
                + t.offsetsText()
                + "; tensors must be stored contiguously");
      }
      expectedBegin = t.end();
      previous = t;
    }
    if (expectedBegin != dataLength) {
      String after =
          previous == null
              ? "a header without tensors"
              : "the last tensor '" + previous.name() + "'";
      throw new ModelFormatException(
          file,
          (dataLength - expectedBegin)
              + " trailing bytes after "
              + after
              + " (the data section holds "
              + dataLength
              + " bytes, the tensors "
              + expectedBegin
              + ")");
    }
  }
}
