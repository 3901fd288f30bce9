package io.quantlens.formats.safetensors;

import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.Tensor;
import java.nio.file.Path;

/**
 * One tensor of a safetensors file with its bytes in the mapping.
 *
 * @param file the file (a shard of a sharded model) that holds it
 * @param entry its header entry
 * @param region its bytes
 */
record StoredTensor(Path file, TensorEntry entry, ByteRegion region) {
  String name() {
    return entry.name();
  }

  /** The tensor as stored, its values read as its dtype says. */
  Tensor plain() {
    return new Tensor(
        entry.name(),
        entry.type().dtype(),
        entry.shape(),
        entry.type().reader(entry.name(), region, entry.elements()));
  }
}
