package io.quantlens.ui.toolchains;

import io.quantlens.analysis.compare.ChannelSlice;
import io.quantlens.analysis.compare.LayerComparison;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layers of several artifacts lined up by the original weights each was made from: one row per
 * original side ({@code LayerPairing.originalText()}), in the original's layer order, with each
 * artifact's layer (if it has one) in its column.
 */
public final class LayerGrid {
  /**
   * One row.
   *
   * @param original the original side, e.g. {@code model.layers.0.self_attn.q_proj}
   * @param layer the name of the first original layer on that side, as the workbench names it
   * @param cells per artifact, in the artifacts' order: its layer, or empty
   */
  public record Row(String original, String layer, List<Optional<LayerComparison>> cells) {
    public Row {
      cells = List.copyOf(cells);
    }

    public Optional<LayerComparison> cell(int artifact) {
      return artifact < cells.size() ? cells.get(artifact) : Optional.empty();
    }
  }

  private LayerGrid() {}

  /** The rows of {@code artifacts} against {@code original}. */
  public static List<Row> of(Model original, List<ComparedArtifact> artifacts) {
    Map<String, Integer> order = new HashMap<>();
    List<Layer> layers = original.layers();
    for (int i = 0; i < layers.size(); i++) {
      order.putIfAbsent(layers.get(i).name(), i);
    }
    Map<String, LayerComparison[]> byOriginal = new LinkedHashMap<>();
    Map<String, long[]> place = new HashMap<>();
    for (int a = 0; a < artifacts.size(); a++) {
      for (LayerComparison l : artifacts.get(a).comparison().layers()) {
        String key = l.pairing().originalText();
        byOriginal.computeIfAbsent(key, k -> new LayerComparison[artifacts.size()])[a] = l;
        ChannelSlice first = l.pairing().original().get(0);
        place.putIfAbsent(
            key,
            new long[] {
              order.getOrDefault(first.layer().name(), Integer.MAX_VALUE), first.first()
            });
      }
    }
    List<String> keys = new ArrayList<>(byOriginal.keySet());
    keys.sort(
        Comparator.<String>comparingLong(k -> place.get(k)[0])
            .thenComparingLong(k -> place.get(k)[1]));
    List<Row> rows = new ArrayList<>();
    for (String key : keys) {
      List<Optional<LayerComparison>> cells = new ArrayList<>();
      for (LayerComparison l : byOriginal.get(key)) {
        cells.add(Optional.ofNullable(l));
      }
      String layer =
          cells.stream()
              .flatMap(Optional::stream)
              .findFirst()
              .map(l -> l.pairing().original().get(0).layer().name())
              .orElse(key);
      rows.add(new Row(key, layer, cells));
    }
    return rows;
  }
}
