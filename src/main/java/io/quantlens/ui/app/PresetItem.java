package io.quantlens.ui.app;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.text.Messages;
import io.quantlens.ui.text.CatalogText;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A preset as a menu entry: its name as written ({@code Q4_0} keeps its underscore, which a plain
 * menu item would take for a mnemonic), a second line saying what it imitates, and the document or
 * source revision it follows in a tooltip.
 */
final class PresetItem {
  /** The description wraps at this width, so a long one makes a taller item, not a wider menu. */
  static final double TEXT_WIDTH = 460;

  private PresetItem() {}

  static CustomMenuItem of(PlanPreset preset, Messages m, Runnable apply) {
    CatalogText text = CatalogText.of(m.language());
    Label name = new Label(text.name(preset));
    name.setId("presetName-" + preset.id());
    name.getStyleClass().add("text-bold");
    Label description = new Label(text.description(preset));
    description.setId("presetDescription-" + preset.id());
    description.getStyleClass().addAll("text-muted", "text-small");
    description.setWrapText(true);
    description.setPrefWidth(TEXT_WIDTH);
    description.setMinHeight(Region.USE_PREF_SIZE);
    VBox content = new VBox(1, name, description);
    Tooltip source = new Tooltip(m.get("preset.source", preset.source()));
    source.setWrapText(true);
    source.setMaxWidth(560);
    source.setShowDelay(Duration.millis(400));
    Tooltip.install(content, source);

    CustomMenuItem item = new CustomMenuItem(content);
    item.setId("preset-" + preset.id());
    item.setMnemonicParsing(false);
    item.setText(text.name(preset));
    item.setOnAction(e -> apply.run());
    return item;
  }
}
