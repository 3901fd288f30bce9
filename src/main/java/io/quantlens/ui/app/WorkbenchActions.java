package io.quantlens.ui.app;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.quant.Scheme;
import io.quantlens.session.ModelSources;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.text.CatalogText;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/** What menus, toolbar buttons and shortcuts do: opening, presets, undo, pinning. */
final class WorkbenchActions {
  private final Workspace workspace;
  private final PlanEditor plans;
  private final Messages m;
  private final Dialogs dialogs;

  WorkbenchActions(Workspace workspace, PlanEditor plans, Dialogs dialogs) {
    this.workspace = workspace;
    this.plans = plans;
    this.m = workspace.services().messages();
    this.dialogs = dialogs;
  }

  void openFile() {
    dialogs
        .openFile(
            m.get("open.title"),
            List.of(
                new Dialogs.FileType(
                    m.get("open.models"),
                    "*.onnx",
                    "*.safetensors",
                    "*.gguf",
                    "*.index.json",
                    "*.xml"),
                new Dialogs.FileType(m.get("open.all"), "*")))
        .ifPresent(this::open);
  }

  /** File ▸ Open model folder…: an MLX, Hugging Face or ONNX Runtime GenAI folder. */
  void openFolder() {
    dialogs.folder(m.get("open.folderTitle")).ifPresent(this::open);
  }

  void open(Path file) {
    workspace.open(file.toString(), null);
  }

  /** "Open sample" entries, one per bundled sample. */
  List<MenuItem> sampleItems() {
    CatalogText text = CatalogText.of(m.language());
    return ModelSources.samples().stream()
        .map(
            s -> {
              MenuItem item = new MenuItem(text.title(s));
              item.setId("sample-" + s.id());
              item.setOnAction(e -> workspace.open(s.id(), null));
              return item;
            })
        .toList();
  }

  /** Fills {@code menu} with the recent files, kept current. */
  void bindRecent(Menu menu) {
    Runnable fill =
        () -> {
          menu.getItems()
              .setAll(
                  workspace.recent().entries().stream()
                      .map(
                          source -> {
                            MenuItem item = new MenuItem(source);
                            item.setMnemonicParsing(false);
                            item.setOnAction(e -> workspace.open(source, null));
                            return item;
                          })
                      .toList());
          menu.setDisable(menu.getItems().isEmpty());
        };
    fill.run();
    workspace.recent().entries().addListener((ListChangeListener<String>) c -> fill.run());
  }

  /**
   * One item per preset, its name over what it does, the document it follows in a tooltip; a fresh
   * list for each menu that shows them.
   */
  List<MenuItem> presetItems() {
    return PlanPresets.all().stream()
        .<MenuItem>map(p -> PresetItem.of(p, m, () -> applyPreset(p)))
        .toList();
  }

  void applyPreset(PlanPreset preset) {
    plans.applyPreset(preset);
  }

  void setSelected(List<String> layers, Scheme scheme) {
    plans.setScheme(layers, scheme);
  }
}
