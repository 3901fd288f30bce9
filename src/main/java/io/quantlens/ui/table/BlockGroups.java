package io.quantlens.ui.table;

import io.quantlens.model.TensorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The table's rows with a heading before each run of layers from one repeated block. */
final class BlockGroups {
  private BlockGroups() {}

  /** How many distinct blocks {@code rows} come from (layers outside any block not counted). */
  static long blockCount(List<LayerRow> rows) {
    return rows.stream()
        .map(r -> TensorNames.blockPrefix(r.name()))
        .filter(p -> !p.isEmpty())
        .distinct()
        .count();
  }

  /**
   * {@code rows} in their order, each run of consecutive layers with one block prefix after a
   * heading; the layers of a block in {@code collapsed} are left out, its heading stays. Layers in
   * no block (embeddings, the head) stand alone.
   */
  static List<LayerRow> of(List<LayerRow> rows, Set<String> collapsed) {
    List<LayerRow> out = new ArrayList<>(rows.size() + rows.size() / 4);
    int i = 0;
    while (i < rows.size()) {
      String prefix = TensorNames.blockPrefix(rows.get(i).name());
      if (prefix.isEmpty()) {
        out.add(rows.get(i++));
        continue;
      }
      int end = i;
      long parameters = 0;
      while (end < rows.size() && TensorNames.blockPrefix(rows.get(end).name()).equals(prefix)) {
        parameters += rows.get(end).parameters();
        end++;
      }
      int index = TensorNames.blockIndex(prefix).orElseThrow();
      out.add(LayerRow.heading(new BlockGroup(prefix, index, end - i, parameters), prefix));
      if (!collapsed.contains(prefix)) {
        out.addAll(rows.subList(i, end));
      }
      i = end;
    }
    return out;
  }
}
