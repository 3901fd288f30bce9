package io.quantlens.ui;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.quant.Scheme;
import io.quantlens.session.ModelSources;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** What menus, toolbar buttons and shortcuts do: opening, presets, undo, pinning. */
final class WorkbenchActions {
  private final WorkbenchModel workbench;
  private final Messages m;
  private final Window owner;

  WorkbenchActions(WorkbenchModel workbench, Window owner) {
    this.workbench = workbench;
    this.m = workbench.messages();
    this.owner = owner;
  }

  void openFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(m.get("open.title"));
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                m.get("open.models"), "*.onnx", "*.safetensors", "*.gguf", "*.index.json"),
            new FileChooser.ExtensionFilter(m.get("open.all"), "*"));
    File file = chooser.showOpenDialog(owner);
    if (file != null) {
      workbench.open(file.getPath(), null);
    }
  }

  void open(Path file) {
    workbench.open(file.toString(), null);
  }

  /** "Open sample" entries, one per bundled sample. */
  List<MenuItem> sampleItems() {
    return ModelSources.samples().stream()
        .map(
            s -> {
              MenuItem item = new MenuItem(s.title());
              item.setId("sample-" + s.id());
              item.setOnAction(e -> workbench.open(s.id(), null));
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
                  workbench.recent().entries().stream()
                      .map(
                          source -> {
                            MenuItem item = new MenuItem(source);
                            item.setMnemonicParsing(false);
                            item.setOnAction(e -> workbench.open(source, null));
                            return item;
                          })
                      .toList());
          menu.setDisable(menu.getItems().isEmpty());
        };
    fill.run();
    workbench.recent().entries().addListener((ListChangeListener<String>) c -> fill.run());
  }

  List<MenuItem> presetItems() {
    return PlanPresets.all().stream()
        .map(
            p -> {
              MenuItem item = new MenuItem(p.name());
              item.setId("preset-" + p.id());
              item.setOnAction(e -> applyPreset(p));
              return item;
            })
        .toList();
  }

  void applyPreset(PlanPreset preset) {
    if (workbench.model().get() != null) {
      workbench.applyPreset(preset);
    }
  }

  void setSelected(List<String> layers, Scheme scheme) {
    if (!layers.isEmpty()) {
      workbench.setScheme(layers, scheme);
    }
  }
}
