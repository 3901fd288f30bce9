package io.quantlens.analysis.compare;

import io.quantlens.model.Layer;
import io.quantlens.model.LayerKey;
import io.quantlens.model.LayerKey.Part;
import io.quantlens.model.Model;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When one side of a comparison is a GGUF file of the {@code llama} architecture and the other is
 * not, the rows of attn_q and attn_k are in another order inside each head ({@link
 * ChannelOrder#ropePairs}); every other pairing keeps its order.
 */
final class RopeOrder {
  private static final String GGUF = "GGUF";
  private static final String ARCHITECTURE = "general.architecture";

  private RopeOrder() {}

  static ChannelOrder of(Model original, Model artifact, Layer layer, List<ChannelSlice> slices) {
    boolean artifactGguf = isGgufLlama(artifact);
    if (artifactGguf == isGgufLlama(original) || slices.size() != 1) {
      return ChannelOrder.SAME;
    }
    Model gguf = artifactGguf ? artifact : original;
    Optional<Part> part = LayerKey.of(layer.name()).map(LayerKey::part);
    Optional<Long> heads =
        part.flatMap(
            p ->
                switch (p) {
                  case Q -> number(gguf, "llama.attention.head_count");
                  case K ->
                      number(gguf, "llama.attention.head_count_kv")
                          .or(() -> number(gguf, "llama.attention.head_count"));
                  default -> Optional.empty();
                });
    long rows = slices.get(0).count();
    if (heads.isEmpty() || heads.get() <= 0 || rows % (2 * heads.get()) != 0) {
      return ChannelOrder.SAME;
    }
    return ChannelOrder.ropePairs(rows / heads.get(), artifactGguf);
  }

  private static boolean isGgufLlama(Model model) {
    return model.metadata().format().equals(GGUF)
        && "llama".equals(model.metadata().properties().get(ARCHITECTURE));
  }

  private static Optional<Long> number(Model model, String key) {
    Map<String, String> properties = model.metadata().properties();
    try {
      return Optional.ofNullable(properties.get(key)).map(String::trim).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
