package io.quantlens.ui.text;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.session.ModelSources.SampleChoice;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.ResourceBundle;

/**
 * The names of what QuantLens ships (presets, bundled samples) as the window shows them: from
 * {@code catalog_<lang>.properties} where the language has them, else their own English.
 */
public final class CatalogText {
  private static final String BUNDLE = "io.quantlens.text.catalog";

  private final ResourceBundle bundle;

  private CatalogText(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  public static CatalogText of(Language language) {
    return new CatalogText(Messages.forLocale(BUNDLE, language.locale()).bundle());
  }

  public String name(PlanPreset preset) {
    return text("preset." + preset.id() + ".name", preset.name());
  }

  public String description(PlanPreset preset) {
    return text("preset." + preset.id() + ".description", preset.description());
  }

  public String title(SampleChoice sample) {
    return text("sample." + sample.id() + ".title", sample.title());
  }

  private String text(String key, String english) {
    return bundle.containsKey(key) ? bundle.getString(key) : english;
  }
}
