package io.quantlens.ui.app;

import io.quantlens.cost.HardwareProfile;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import io.quantlens.ui.help.HelpMenu;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.MaskerPane;

/** Lays the window out: menus and toolbar, layer table, layer detail, dashboard, status bar. */
final class MainView extends BorderPane {
  private final Workbench app;

  MainView(Workbench app) {
    this.app = app;
    setId("mainView");
    setTop(new VBox(menuBar(), toolBar()));
    // Below its charts' minimum sizes (a 1024×700 window) the detail scrolls rather than squeeze
    // them into slivers; above, it fills the pane.
    ScrollPane detail = new ScrollPane(app.detailView());
    detail.setFitToWidth(true);
    detail.setFitToHeight(true);
    detail.getStyleClass().add("edge-to-edge");
    SplitPane top = new SplitPane(app.tableView(), detail);
    top.setDividerPositions(0.53);
    SplitPane main = new SplitPane(top, app.dashboardView());
    main.setOrientation(Orientation.VERTICAL);
    main.setDividerPositions(0.6);
    setCenter(new StackPane(main, masker()));
    setBottom(app.statusView());
    acceptDrops();
  }

  private Node masker() {
    Messages m = app.messages();
    MaskerPane masker = new MaskerPane();
    masker.setId("loadingMask");
    masker.visibleProperty().bind(app.workspace().loading().isNotNull());
    app.workspace()
        .loading()
        .addListener(
            (obs, old, task) -> {
              masker.textProperty().unbind();
              masker.progressProperty().unbind();
              if (task != null) {
                masker.textProperty().bind(task.messageProperty());
                masker.progressProperty().bind(task.progressProperty());
              }
            });
    Button cancel = new Button(m.get("action.cancel"));
    cancel.setId("cancelLoading");
    cancel.setOnAction(e -> app.workspace().cancelLoading());
    cancel.visibleProperty().bind(masker.visibleProperty());
    StackPane.setAlignment(cancel, Pos.CENTER);
    cancel.setTranslateY(70);
    return new StackPane(masker, cancel) {
      {
        setPickOnBounds(false);
        visibleProperty().bind(masker.visibleProperty());
      }
    };
  }

  private MenuBar menuBar() {
    Messages m = app.messages();
    WorkbenchActions actions = app.actions();
    Menu samples = new Menu(m.get("menu.openSample"));
    samples.getItems().setAll(actions.sampleItems());
    Menu recent = new Menu(m.get("menu.openRecent"));
    actions.bindRecent(recent);
    Menu file =
        new Menu(
            m.get("menu.file"),
            null,
            item(m.get("menu.open"), "Shortcut+O", actions::openFile),
            item(m.get("menu.openFolder"), "Shortcut+Alt+O", actions::openFolder),
            samples,
            recent,
            new SeparatorMenuItem(),
            item(m.get("menu.openProject"), "Shortcut+Shift+O", app.projects()::openProject),
            item(m.get("menu.saveProject"), "Shortcut+S", app.projects()::saveProject),
            new SeparatorMenuItem(),
            item(m.get("menu.exportTable"), "Shortcut+E", app.exports()::exportTable),
            item(m.get("menu.exportReport"), "Shortcut+Shift+E", app.exports()::exportReportFolder),
            item(m.get("menu.exportModel"), null, app.modelExports()::exportModel),
            item(m.get("menu.exportGguf"), null, app.modelExports()::exportGguf),
            new SeparatorMenuItem(),
            item(m.get("menu.quit"), "Shortcut+Q", app::quit));
    MenuItem undo = item(m.get("menu.undo"), "Shortcut+Z", app.plans()::undo);
    undo.disableProperty().bind(app.plans().canUndo().not());
    MenuItem redo = item(m.get("menu.redo"), "Shortcut+Shift+Z", app.plans()::redo);
    redo.disableProperty().bind(app.plans().canRedo().not());
    Menu setSelected = new Menu(m.get("menu.setSelected"));
    Runnable fill =
        () ->
            setSelected
                .getItems()
                .setAll(
                    app.workspace().schemes().stream()
                        .map(
                            s ->
                                item(
                                    s.id(),
                                    null,
                                    () -> actions.setSelected(app.tableView().selectedNames(), s)))
                        .toList());
    fill.run();
    app.workspace().schemes().addListener((ListChangeListener<Scheme>) c -> fill.run());
    Menu edit =
        new Menu(m.get("menu.edit"), null, undo, redo, new SeparatorMenuItem(), setSelected);
    Menu presets = new Menu(m.get("menu.presets"));
    presets.getItems().setAll(actions.presetItems());
    MenuItem pin = item(m.get("menu.pin"), "Shortcut+P", app.plans()::pin);
    MenuItem unpin = item(m.get("menu.unpin"), null, app.plans()::unpin);
    unpin.disableProperty().bind(app.plans().pinned().isNull());
    MenuItem sensitivity = item(m.get("menu.sensitivity"), "Shortcut+R", app::showSensitivity);
    sensitivity.disableProperty().bind(cannotMeasure());
    MenuItem flipped = item(m.get("menu.flipped"), "Shortcut+Shift+F", app::showFlipped);
    flipped.disableProperty().bind(cannotMeasure());
    MenuItem activations =
        item(m.get("menu.activations"), "Shortcut+Shift+A", app::showActivations);
    activations.disableProperty().bind(cannotMeasure());
    MenuItem measure =
        item(m.get("menu.measureAccuracy"), "Shortcut+M", () -> app.accuracy().measure());
    measure.disableProperty().bind(cannotMeasure());
    MenuItem consistent =
        item(
            m.get("menu.consistentPlan"),
            null,
            () -> {
              var mismatch = app.costs().mismatch().get();
              var open = app.workspace().opened().get();
              if (mismatch != null && open != null) {
                app.plans()
                    .apply(
                        mismatch.consistentPlan(open.analysis().model(), app.plans().plan().get()),
                        m.get("undo.consistentPlan"));
              }
            });
    consistent.setId("consistentPlan");
    consistent.disableProperty().bind(app.costs().mismatch().isNull());
    Menu plan =
        new Menu(
            m.get("menu.plan"),
            null,
            presets,
            consistent,
            pin,
            unpin,
            SmoothQuantMenu.create(m, app.plans(), Bindings.isNull(app.workspace().opened())),
            new SeparatorMenuItem(),
            measure,
            sensitivity,
            flipped,
            activations);
    CheckMenuItem dark = new CheckMenuItem(m.get("menu.dark"));
    dark.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
    dark.selectedProperty().bindBidirectional(app.appearance().dark());
    MenuItem settings = item(m.get("menu.settings"), "Shortcut+Comma", app::showSettings);
    MenuItem info = item(m.get("menu.modelInfo"), "Shortcut+I", app::showModelInfo);
    info.disableProperty().bind(Bindings.isNull(app.workspace().opened()));
    Menu language = new Menu(m.get("menu.language"));
    language.setId("languageMenu");
    ToggleGroup languages = new ToggleGroup();
    for (Language l : Language.values()) {
      RadioMenuItem item = new RadioMenuItem(l.nativeName());
      item.setId("language-" + l.locale().getLanguage());
      item.setToggleGroup(languages);
      item.setSelected(l == m.language());
      item.setOnAction(e -> app.switchLanguage(l));
      language.getItems().add(item);
    }
    MenuItem toolchains = item(m.get("menu.toolchains"), "Shortcut+Shift+T", app::showToolchains);
    toolchains.setId("toolchainsMenu");
    toolchains.disableProperty().bind(Bindings.isNull(app.workspace().opened()));
    Menu view =
        new Menu(
            m.get("menu.view"),
            null,
            info,
            toolchains,
            new SeparatorMenuItem(),
            dark,
            settings,
            language);
    MenuBar bar = new MenuBar(file, edit, plan, view);
    bar.getMenus().add(new HelpMenu(m, app::stage, bar, app::showLessons).menu());
    bar.setId("menuBar");
    return bar;
  }

  private ToolBar toolBar() {
    Messages m = app.messages();
    Button open = button(m.get("toolbar.open"), m.get("menu.open"), app.actions()::openFile);
    Button undo = button("↶", m.get("menu.undo"), app.plans()::undo);
    undo.setId("undoButton");
    undo.disableProperty().bind(app.plans().canUndo().not());
    Button redo = button("↷", m.get("menu.redo"), app.plans()::redo);
    redo.setId("redoButton");
    redo.disableProperty().bind(app.plans().canRedo().not());
    MenuButton preset = new MenuButton(m.get("toolbar.preset"));
    preset.setId("presetButton");
    preset.getItems().setAll(app.actions().presetItems());
    preset.disableProperty().bind(Bindings.isNull(app.workspace().opened()));
    ToggleButton pin = new ToggleButton(m.get("toolbar.pin"));
    pin.setId("pinButton");
    pin.setTooltip(new Tooltip(m.get("toolbar.pinTip")));
    app.plans().pinned().addListener((obs, old, now) -> pin.setSelected(now != null));
    pin.setOnAction(
        e -> {
          if (pin.isSelected()) {
            app.plans().pin();
          } else {
            app.plans().unpin();
          }
        });
    ComboBox<HardwareProfile> hardware = new ComboBox<>(app.costs().profiles());
    hardware.setId("hardwareBox");
    // Long profile names are cut with an ellipsis, so the whole toolbar fits at 1024 px.
    hardware.setPrefWidth(300);
    hardware.valueProperty().bindBidirectional(app.costs().hardware());
    hardware.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(HardwareProfile p) {
            return p == null ? "" : p.name();
          }

          @Override
          public HardwareProfile fromString(String s) {
            return null;
          }
        });
    Label hardwareLabel = new Label(m.get("toolbar.hardware"));
    Button sensitivity =
        button(m.get("toolbar.sensitivity"), m.get("menu.sensitivity"), app::showSensitivity);
    sensitivity.setId("sensitivityButton");
    sensitivity.disableProperty().bind(cannotMeasure());
    Button teach = button(m.get("toolbar.teach"), m.get("help.lessons"), app::showLessons);
    teach.setId("teachButton");
    return new ToolBar(
        open,
        vertical(),
        undo,
        redo,
        vertical(),
        preset,
        pin,
        sensitivity,
        teach,
        vertical(),
        hardwareLabel,
        hardware);
  }

  private void acceptDrops() {
    setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
          }
          e.consume();
        });
    setOnDragDropped(
        e -> {
          var files = e.getDragboard().getFiles();
          boolean ok = files != null && !files.isEmpty();
          if (ok) {
            app.openDropped(files.get(0).toPath());
          }
          e.setDropCompleted(ok);
          e.consume();
        });
  }

  private static Separator vertical() {
    return new Separator(Orientation.VERTICAL);
  }

  private static MenuItem item(String text, String shortcut, Runnable action) {
    MenuItem item = new MenuItem(text);
    if (shortcut != null) {
      item.setAccelerator(KeyCombination.keyCombination(shortcut));
    }
    item.setOnAction(e -> action.run());
    return item;
  }

  private static Button button(String text, String tooltip, Runnable action) {
    Button b = new Button(text);
    b.setTooltip(new Tooltip(tooltip));
    b.setOnAction(e -> action.run());
    return b;
  }

  /** No model, or one without a graph to run (safetensors, GGUF). */
  private javafx.beans.binding.BooleanBinding cannotMeasure() {
    return Bindings.isNull(app.workspace().opened()).or(app.accuracy().problem().isNotNull());
  }
}
