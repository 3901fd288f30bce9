package io.quantlens.ui.toolchains;

import atlantafx.base.theme.Styles;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.Series;
import io.quantlens.charts.ToolchainSqnrChart;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.task.Coalescer;
import io.quantlens.ui.task.TaskProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Add toolchain files, see each one's totals in a row, its layers (or every artifact's side by
 * side) below, and every artifact's SQNR per layer in a chart.
 */
public final class ToolchainsView extends VBox {
  private final ToolchainsModel model;
  private final Messages m;
  private final Dialogs dialogs;
  private final TableView<ComparedArtifact> summary;
  private final LayerTable layers;
  private final CheckBox sideBySide;
  private final Label unmatched = new Label();
  private final ChartPane chart;
  private final TabPane tabs = new TabPane();

  public ToolchainsView(ToolchainsModel model, ChartPanes charts, Dialogs dialogs, Messages m) {
    this.model = model;
    this.m = m;
    this.dialogs = dialogs;
    setId("toolchainsView");
    setSpacing(8);
    setPadding(new Insets(12));
    summary = SummaryTable.create(model, m);
    layers = new LayerTable(m);
    sideBySide = new CheckBox(m.get("toolchains.sideBySide"));
    sideBySide.setId("toolchainsSideBySide");
    chart = charts.create("toolchain-sqnr");

    Label status = new Label();
    status.setId("toolchainsStatus");
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.textProperty().bind(model.status());
    Button cancel = new Button(m.get("action.cancel"));
    cancel.setId("toolchainsCancel");
    cancel.visibleProperty().bind(model.comparing().isNotNull());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> model.cancel());
    HBox progress =
        new HBox(8, TaskProgressBar.of(model.comparing(), "toolchainsProgress"), cancel, status);
    progress.setAlignment(Pos.CENTER_LEFT);

    unmatched.setId("toolchainsUnmatched");
    unmatched.setWrapText(true);
    ScrollPane unmatchedScroll = new ScrollPane(unmatched);
    unmatchedScroll.setFitToWidth(true);
    unmatchedScroll.setPrefViewportHeight(54);
    unmatchedScroll.setMaxHeight(96);
    unmatchedScroll.getStyleClass().add("edge-to-edge");
    VBox layerBox = new VBox(6, sideBySide, layers.table(), unmatchedScroll);
    layerBox.setPadding(new Insets(6, 0, 0, 0));
    VBox.setVgrow(layers.table(), Priority.ALWAYS);
    Tab layerTab = new Tab(m.get("toolchains.tab.layers"), layerBox);
    layerTab.setId("toolchainsLayersTab");
    Tab chartTab = new Tab(m.get("toolchains.tab.chart"), chart);
    chartTab.setId("toolchainsChartTab");
    tabs.getTabs().setAll(layerTab, chartTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

    SplitPane split = new SplitPane(summary, tabs);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.26);
    VBox.setVgrow(split, Priority.ALWAYS);
    Label hint = new Label(m.get("toolchains.hint"));
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    hint.getStyleClass().add(Styles.TEXT_MUTED);
    getChildren().addAll(controls(), hint, progress, split);

    // A layer picked here is selected in the workbench too, where its histograms are.
    layers
        .table()
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, row) -> {
              if (row != null) {
                model.select(row.layer());
              }
            });
    Coalescer redraw = new Coalescer(this::draw);
    model.artifacts().addListener((ListChangeListener<ComparedArtifact>) c -> redraw.request());
    summary.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> redraw.request());
    sideBySide.selectedProperty().addListener((o, a, b) -> redraw.request());
    // A new artifact is the one to look at: it is selected as it arrives.
    model
        .artifacts()
        .addListener(
            (ListChangeListener<ComparedArtifact>)
                c -> {
                  while (c.next()) {
                    if (c.wasAdded()) {
                      summary.getSelectionModel().select(c.getAddedSubList().get(0));
                    }
                  }
                });
    if (!model.artifacts().isEmpty()) {
      summary.getSelectionModel().select(0);
    }
    draw();
  }

  public TableView<ComparedArtifact> summary() {
    return summary;
  }

  public TableView<LayerGrid.Row> layers() {
    return layers.table();
  }

  public CheckBox sideBySide() {
    return sideBySide;
  }

  public ChartPane chart() {
    return chart;
  }

  public TabPane tabs() {
    return tabs;
  }

  /** The unmatched layers of the shown artifacts, as listed under the layer table. */
  public String unmatchedText() {
    return unmatched.getText();
  }

  private VBox controls() {
    Button add = new Button(m.get("toolchains.add"));
    add.setId("toolchainsAdd");
    add.setDefaultButton(true);
    add.disableProperty().bind(model.canAdd().not());
    add.setOnAction(e -> addFiles());
    Button folder = new Button(m.get("toolchains.addFolder"));
    folder.setId("toolchainsAddFolder");
    folder.disableProperty().bind(model.canAdd().not());
    folder.setOnAction(
        e ->
            dialogs
                .folder(m.get("toolchains.addFolderTitle"))
                .ifPresent(f -> model.add(List.of(f))));
    Button remove = new Button(m.get("toolchains.remove"));
    remove.setId("toolchainsRemove");
    remove.disableProperty().bind(summary.getSelectionModel().selectedItemProperty().isNull());
    remove.setOnAction(e -> model.remove(summary.getSelectionModel().getSelectedItem()));
    Button again = new Button(m.get("toolchains.again"));
    again.setId("toolchainsAgain");
    again.setTooltip(new Tooltip(m.get("toolchains.againTip")));
    again
        .disableProperty()
        .bind(Bindings.isEmpty(model.artifacts()).or(model.comparing().isNotNull()));
    again.setOnAction(e -> model.compareAgain());

    Label presetLabel = new Label(m.get("toolchains.preset"));
    ComboBox<PresetChoice> preset = new ComboBox<>();
    preset.setId("toolchainsPreset");
    preset.getItems().setAll(PresetChoice.all());
    preset.setCellFactory(l -> presetCell());
    preset.setButtonCell(presetCell());
    preset.setValue(model.preset().get());
    preset.valueProperty().addListener((obs, old, now) -> model.setPreset(now));
    model.preset().addListener((obs, old, now) -> preset.setValue(now));
    preset.setPrefWidth(300);
    presetLabel.setLabelFor(preset);

    Label mapping = new Label();
    mapping.setId("toolchainsMappingFile");
    mapping.getStyleClass().add(Styles.TEXT_MUTED);
    mapping
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.mappingFile().get() == null
                        ? m.get("toolchains.mapping.none")
                        : String.valueOf(model.mappingFile().get().getFileName()),
                model.mappingFile()));
    Button chooseMapping = new Button(m.get("toolchains.mapping.choose"));
    chooseMapping.setId("toolchainsMapping");
    chooseMapping.setOnAction(
        e ->
            dialogs
                .openFile(
                    m.get("toolchains.mapping.title"),
                    List.of(
                        new Dialogs.FileType(m.get("toolchains.mapping.files"), "*.csv"),
                        new Dialogs.FileType(m.get("open.all"), "*")))
                .ifPresent(model::setMapping));
    Button clearMapping = new Button(m.get("toolchains.mapping.clear"));
    clearMapping.setId("toolchainsClearMapping");
    clearMapping.disableProperty().bind(model.mappingFile().isNull());
    clearMapping.setOnAction(e -> model.clearMapping());

    HBox files = new HBox(8, add, folder, remove, again);
    files.setAlignment(Pos.CENTER_LEFT);
    HBox settings =
        new HBox(
            8,
            presetLabel,
            preset,
            new Separator(Orientation.VERTICAL),
            chooseMapping,
            mapping,
            clearMapping);
    settings.setAlignment(Pos.CENTER_LEFT);
    // Buttons and labels keep their whole text; the mapping file's name is what gives way.
    for (HBox row : List.of(files, settings)) {
      row.getChildren().stream()
          .filter(n -> n instanceof javafx.scene.control.Control && n != mapping)
          .forEach(n -> ((javafx.scene.control.Control) n).setMinWidth(Region.USE_PREF_SIZE));
    }
    return new VBox(6, files, settings);
  }

  private void addFiles() {
    List<java.nio.file.Path> files =
        dialogs.openFiles(
            m.get("toolchains.addTitle"),
            List.of(
                new Dialogs.FileType(
                    m.get("toolchains.files"),
                    "*.gguf",
                    "*.onnx",
                    "*.safetensors",
                    "*.index.json",
                    "*.xml",
                    "*.npz"),
                new Dialogs.FileType(m.get("open.all"), "*")));
    model.add(files);
  }

  private ListCell<PresetChoice> presetCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(PresetChoice choice, boolean empty) {
        super.updateItem(choice, empty);
        setText(empty || choice == null ? null : choice.label(m));
      }
    };
  }

  private void draw() {
    List<ComparedArtifact> all = List.copyOf(model.artifacts());
    Model original = model.original().get();
    if (all.isEmpty() || original == null) {
      layers.show(List.of(), List.of(), List.of());
      unmatched.setText("");
      chart.empty(m.get("toolchains.chart.empty"));
      return;
    }
    List<LayerGrid.Row> rows = LayerGrid.of(original, all);
    ComparedArtifact selected = summary.getSelectionModel().getSelectedItem();
    List<Integer> shown =
        sideBySide.isSelected() || selected == null
            ? IntStream.range(0, all.size()).boxed().toList()
            : List.of(all.indexOf(selected));
    layers.show(rows, shown, shown.stream().map(i -> all.get(i).name()).toList());
    unmatched.setText(
        shown.stream().map(i -> unmatched(all.get(i))).collect(Collectors.joining("\n")));

    List<Series> series = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int a = 0; a < all.size(); a++) {
      double[] values = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        values[r] = rows.get(r).cell(a).map(l -> l.stats().sqnrDb()).orElse(Double.NaN);
      }
      String name = uniqueName(all.get(a).name(), names);
      names.add(name);
      series.add(new Series(name, values));
    }
    BuiltChart built =
        ToolchainSqnrChart.create(
            m,
            rows.stream().map(LayerGrid.Row::original).toList(),
            series,
            m.get("toolchains.chart.title", original.source().getFileName()));
    chart.show(built);
  }

  /** Two artifacts of one file name (from different folders) get {@code (2)} in the legend. */
  private static String uniqueName(String name, List<String> taken) {
    String unique = name;
    for (int n = 2; taken.contains(unique); n++) {
      unique = name + " (" + n + ")";
    }
    return unique;
  }

  private String unmatched(ComparedArtifact a) {
    ArtifactComparison c = a.comparison();
    if (c.unmatchedArtifact().isEmpty() && c.unmatchedOriginal().isEmpty()) {
      return m.get("toolchains.unmatched.none", a.name());
    }
    return m.get(
        "toolchains.unmatched.some",
        a.name(),
        names(c.unmatchedArtifact()),
        names(c.unmatchedOriginal()));
  }

  private String names(List<Layer> layers) {
    return layers.isEmpty()
        ? "—"
        : layers.stream().map(Layer::name).collect(Collectors.joining(", "));
  }
}
