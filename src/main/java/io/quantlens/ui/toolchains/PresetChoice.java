package io.quantlens.ui.toolchains;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.compare.MatchingPreset;
import io.quantlens.model.Model;
import io.quantlens.text.Messages;
import io.quantlens.ui.text.CatalogText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which preset's prediction goes beside each artifact layer: the one the artifact's own type names
 * ({@link MatchingPreset}), a chosen one, or none.
 *
 * @param kind which of the three
 * @param preset the chosen preset, for {@link Kind#CHOSEN} only
 */
public record PresetChoice(Kind kind, PlanPreset preset) {
  /** How the preset is found. */
  public enum Kind {
    AUTO,
    CHOSEN,
    NONE
  }

  public static final PresetChoice AUTO = new PresetChoice(Kind.AUTO, null);
  public static final PresetChoice NONE = new PresetChoice(Kind.NONE, null);

  public PresetChoice {
    if ((kind == Kind.CHOSEN) != (preset != null)) {
      throw new IllegalArgumentException("a preset goes with a chosen preset only");
    }
  }

  public static PresetChoice of(PlanPreset preset) {
    return new PresetChoice(Kind.CHOSEN, preset);
  }

  /** Automatic, none, then every preset. */
  public static List<PresetChoice> all() {
    List<PresetChoice> all = new ArrayList<>(List.of(AUTO, NONE));
    PlanPresets.all().forEach(p -> all.add(of(p)));
    return all;
  }

  /** The preset to predict {@code artifact} with. */
  public Optional<PlanPreset> resolve(Model artifact) {
    return switch (kind) {
      case AUTO -> MatchingPreset.of(artifact);
      case CHOSEN -> Optional.of(preset);
      case NONE -> Optional.empty();
    };
  }

  /** What the preset list shows. */
  public String label(Messages m) {
    return switch (kind) {
      case AUTO -> m.get("toolchains.preset.auto");
      case NONE -> m.get("toolchains.preset.none");
      case CHOSEN -> CatalogText.of(m.language()).name(preset) + " (" + preset.id() + ")";
    };
  }
}
