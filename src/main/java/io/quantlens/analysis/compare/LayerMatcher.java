package io.quantlens.analysis.compare;

import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.TensorLayout;
import io.quantlens.analysis.compare.LayerPairing.Match;
import io.quantlens.model.Layer;
import io.quantlens.model.LayerKey;
import io.quantlens.model.LayerKey.Part;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.TensorNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, for each layer of an artifact, the original weights it was made from: by the user's
 * mapping, then the same name, then the same name without its operator ({@code …/query/MatMul} and
 * {@code …/query/MatMul_quant}), then the same {@link LayerKey} with fused and split matrices
 * joined or sliced along their output channels (docs/compare.md).
 */
public final class LayerMatcher {
  private final Model original;
  private final Model artifact;
  private final Map<String, Layer> byName = new HashMap<>();
  private final Map<String, Layer> byPath = new HashMap<>();
  private final Map<LayerKey, Layer> byKey = new HashMap<>();
  private final Map<LayerKey, Layer> artifactByKey = new HashMap<>();
  private final Path mappingFile;
  private final LayerMapping mapping;

  private LayerMatcher(Model original, Model artifact, LayerMapping mapping, Path mappingFile) {
    this.original = original;
    this.artifact = artifact;
    this.mapping = mapping;
    this.mappingFile = mappingFile;
    for (Layer layer : layers(original)) {
      byName.putIfAbsent(layer.name(), layer);
      byName.putIfAbsent(layer.weight().name(), layer);
      byPath.putIfAbsent(TensorNames.withoutOperator(layer.name()), layer);
      LayerKey.of(layer.name()).ifPresent(k -> byKey.putIfAbsent(k, layer));
    }
    for (Layer layer : layers(artifact)) {
      LayerKey.of(layer.name()).ifPresent(k -> artifactByKey.putIfAbsent(k, layer));
    }
  }

  /** Matches without a mapping file. */
  public static Pairings match(Model original, Model artifact) {
    try {
      return match(original, artifact, LayerMapping.NONE, null);
    } catch (ModelFormatException e) {
      throw new IllegalStateException("no mapping file, yet a mapping error", e);
    }
  }

  /**
   * Matches with the user's mapping, which wins over names.
   *
   * @throws ModelFormatException naming {@code mappingFile} when an entry names a layer the models
   *     lack or channels whose shape does not fit
   */
  public static Pairings match(
      Model original, Model artifact, LayerMapping mapping, Path mappingFile)
      throws ModelFormatException {
    return new LayerMatcher(original, artifact, mapping, mappingFile).run();
  }

  /** The layers compared: those whose weights can be read, each weight once. */
  static List<Layer> layers(Model model) {
    Map<String, Layer> byTensor = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      byTensor.putIfAbsent(layer.weight().name(), layer);
    }
    return List.copyOf(byTensor.values());
  }

  private Pairings run() throws ModelFormatException {
    List<LayerPairing> pairs = new ArrayList<>();
    List<Layer> unmatched = new ArrayList<>();
    Map<String, Boolean> mapped = new HashMap<>();
    for (Layer layer : layers(artifact)) {
      Optional<LayerPairing> pair =
          mapping.entries().containsKey(layer.name()) ? Optional.of(mapped(layer)) : find(layer);
      mapped.put(layer.name(), true);
      pair.ifPresentOrElse(pairs::add, () -> unmatched.add(layer));
    }
    for (String name : mapping.entries().keySet()) {
      if (!mapped.containsKey(name)) {
        throw new ModelFormatException(mappingFile, "the artifact has no layer named " + name);
      }
    }
    return new Pairings(pairs, unmatched, uncovered(pairs));
  }

  private Optional<LayerPairing> find(Layer layer) {
    Layer same = byName.get(layer.name());
    if (same != null) {
      Optional<ChannelSlice> fit = fit(same, layer);
      if (fit.isPresent()) {
        return Optional.of(pairing(layer, List.of(fit.get()), Match.SAME_NAME));
      }
    }
    Layer samePath = byPath.get(TensorNames.withoutOperator(layer.name()));
    if (samePath != null) {
      Optional<ChannelSlice> fit = fit(samePath, layer);
      if (fit.isPresent()) {
        return Optional.of(pairing(layer, List.of(fit.get()), Match.SAME_NAME));
      }
    }
    return LayerKey.of(layer.name()).flatMap(key -> byKey(layer, key));
  }

  /** The candidates for a key, most direct first; the first whose shape fits wins. */
  private Optional<LayerPairing> byKey(Layer layer, LayerKey key) {
    Part part = key.part();
    Optional<LayerPairing> found = joined(layer, key.block(), List.of(part), Match.SAME_PLACE);
    if (found.isEmpty() && !part.components().isEmpty()) {
      found = joined(layer, key.block(), part.components(), Match.JOINED);
    }
    Optional<Part> fused = part.fusedInto();
    if (found.isEmpty() && fused.isPresent()) {
      // a fused matrix stored under one part's name (llama.cpp's phi3 ffn_up holds gate and up)
      found = joined(layer, key.block(), List.of(fused.get()), Match.SAME_PLACE);
      if (found.isEmpty()) {
        found = joined(layer, key.block(), fused.get().components(), Match.JOINED);
      }
      if (found.isEmpty()) {
        found = sliced(layer, key.block(), part, fused.get());
      }
    }
    if (found.isEmpty() && part == Part.HEAD) {
      found =
          joined(layer, -1, List.of(Part.EMBEDDING), Match.TIED_EMBEDDING)
              .filter(p -> !byKey.containsKey(new LayerKey(-1, Part.HEAD)));
    }
    return found;
  }

  /** The original's layers for {@code parts} of a block, joined, when their shapes fit. */
  private Optional<LayerPairing> joined(Layer layer, int block, List<Part> parts, Match how) {
    TensorLayout target = ChannelSlice.layout(layer, layer.channelAxis());
    List<ChannelSlice> slices = new ArrayList<>();
    long channels = 0;
    for (Part p : parts) {
      Layer source = byKey.get(new LayerKey(block, p));
      if (source == null) {
        return Optional.empty();
      }
      Optional<ChannelSlice> slice = slice(source, target.reduction());
      if (slice.isEmpty()) {
        return Optional.empty();
      }
      slices.add(slice.get());
      channels += slice.get().count();
    }
    return channels == target.channels()
        ? Optional.of(pairing(layer, slices, how))
        : Optional.empty();
  }

  /**
   * A separate artifact matrix cut from a fused original one: q, k, v from qkv at the offsets the
   * artifact's own q, k and v give; gate and up from the two halves of gate_up.
   */
  private Optional<LayerPairing> sliced(Layer layer, int block, Part part, Part fused) {
    Layer source = byKey.get(new LayerKey(block, fused));
    if (source == null) {
      return Optional.empty();
    }
    TensorLayout target = ChannelSlice.layout(layer, layer.channelAxis());
    Optional<ChannelSlice> whole = slice(source, target.reduction());
    if (whole.isEmpty()) {
      return Optional.empty();
    }
    long offset = 0;
    long total = 0;
    for (Part p : fused.components()) {
      Layer sibling = artifactByKey.get(new LayerKey(block, p));
      if (sibling == null) {
        return Optional.empty();
      }
      long c = ChannelSlice.layout(sibling, sibling.channelAxis()).channels();
      if (p.ordinal() < part.ordinal()) {
        offset += c;
      }
      total += c;
    }
    ChannelSlice all = whole.get();
    if (total != all.count()) {
      return Optional.empty();
    }
    ChannelSlice piece =
        new ChannelSlice(all.layer(), all.channelAxis(), offset, target.channels());
    return Optional.of(pairing(layer, List.of(piece), Match.SLICED));
  }

  private LayerPairing mapped(Layer layer) throws ModelFormatException {
    TensorLayout target = ChannelSlice.layout(layer, layer.channelAxis());
    List<ChannelSlice> slices = new ArrayList<>();
    long channels = 0;
    for (LayerMapping.Part p : mapping.entries().get(layer.name())) {
      Layer source = byName.get(p.layer());
      if (source == null) {
        throw new ModelFormatException(mappingFile, "the original has no layer named " + p.layer());
      }
      ChannelSlice whole =
          slice(source, target.reduction())
              .orElseThrow(
                  () ->
                      new ModelFormatException(
                          mappingFile,
                          source.name()
                              + " has no rows of "
                              + target.reduction()
                              + " weights, as "
                              + layer.name()
                              + " has"));
      long to = p.to() < 0 ? whole.count() : p.to();
      if (to > whole.count()) {
        throw new ModelFormatException(
            mappingFile, source.name() + " has " + whole.count() + " channels, not " + to);
      }
      slices.add(new ChannelSlice(source, whole.channelAxis(), p.from(), to - p.from()));
      channels += to - p.from();
    }
    if (channels != target.channels()) {
      throw new ModelFormatException(
          mappingFile,
          "the original parts of "
              + layer.name()
              + " have "
              + channels
              + " channels, the artifact layer "
              + target.channels());
    }
    return new LayerPairing(layer, slices, ChannelOrder.SAME, Match.MAPPING);
  }

  /** {@code source} as a whole slice matching {@code layer}'s channels and rows, if it fits. */
  private static Optional<ChannelSlice> fit(Layer source, Layer layer) {
    TensorLayout target = ChannelSlice.layout(layer, layer.channelAxis());
    return slice(source, target.reduction()).filter(s -> s.count() == target.channels());
  }

  /**
   * {@code source} around the axis that gives rows of {@code reduction} weights: its own channel
   * axis, or for a matrix the other one (a file that stores it transposed).
   */
  private static Optional<ChannelSlice> slice(Layer source, long reduction) {
    TensorLayout own = ChannelSlice.layout(source, source.channelAxis());
    if (own.reduction() == reduction) {
      return Optional.of(new ChannelSlice(source, source.channelAxis(), 0, own.channels()));
    }
    if (source.weight().rank() == 2) {
      int other = 1 - source.channelAxis();
      TensorLayout flipped = ChannelSlice.layout(source, other);
      if (flipped.reduction() == reduction) {
        return Optional.of(new ChannelSlice(source, other, 0, flipped.channels()));
      }
    }
    return Optional.empty();
  }

  private LayerPairing pairing(Layer layer, List<ChannelSlice> slices, Match how) {
    return new LayerPairing(layer, slices, RopeOrder.of(original, artifact, layer, slices), how);
  }

  /** Original layers some of whose weights no pairing reads. */
  private List<Layer> uncovered(List<LayerPairing> pairs) {
    Map<String, Long> covered = new HashMap<>();
    for (LayerPairing p : pairs) {
      for (ChannelSlice s : p.original()) {
        covered.merge(s.layer().weight().name(), s.count() * s.reduction(), Long::sum);
      }
    }
    List<Layer> left = new ArrayList<>();
    for (Layer layer : layers(original)) {
      if (covered.getOrDefault(layer.weight().name(), 0L) < layer.weight().elementCount()) {
        left.add(layer);
      }
    }
    return left;
  }
}
