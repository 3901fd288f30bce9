package io.quantlens.ui.text;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.ResourceBundle;

/**
 * A preset's name and description as the window shows them: from {@code presets_<lang>.properties}
 * where the language has them, else the preset's own English.
 */
public final class PresetText {
  private static final String BUNDLE = "io.quantlens.text.presets";

  private final ResourceBundle bundle;

  private PresetText(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  public static PresetText of(Language language) {
    return new PresetText(Messages.forLocale(BUNDLE, language.locale()).bundle());
  }

  public String name(PlanPreset preset) {
    return text(preset.id() + ".name", preset.name());
  }

  public String description(PlanPreset preset) {
    return text(preset.id() + ".description", preset.description());
  }

  private String text(String key, String english) {
    return bundle.containsKey("preset." + key) ? bundle.getString("preset." + key) : english;
  }
}
