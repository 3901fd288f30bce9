package io.quantlens.ui.table;

import io.quantlens.eval.LayerSensitivity;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.text.SensitivityText;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The layers: name, op, shape, parameters, how the file stores the weight, scheme (an editable
 * combo box per row), SQNR, effective bits, size and sensitivity; sortable, filterable,
 * multi-select, low SQNR tinted.
 */
public final class LayerTableView extends VBox {
  private final TableView<LayerRow> table = new TableView<>();
  private final PlanEditor plans;
  private final Dialogs dialogs;
  private final SchemeChoices choices;
  private final Messages m;

  public LayerTableView(
      Workspace workspace, PlanEditor plans, LayerTableModel model, Dialogs dialogs, Messages m) {
    this.plans = plans;
    this.dialogs = dialogs;
    this.choices = new SchemeChoices(workspace, plans, m);
    this.m = m;
    getStyleClass().add("layer-table");
    TextField filter = new TextField();
    filter.setId("layerFilter");
    filter.setPromptText(m.get("table.filter"));
    model.filter().bind(filter.textProperty());

    CheckBox byBlock = new CheckBox(m.get("table.groupBlocks"));
    byBlock.setId("groupBlocks");
    byBlock.setTooltip(new Tooltip(m.get("table.groupBlocksHint")));
    byBlock.selectedProperty().bindBidirectional(model.grouped());
    byBlock.visibleProperty().bind(model.hasBlocks());
    byBlock.managedProperty().bind(model.hasBlocks());
    byBlock.setMinWidth(Region.USE_PREF_SIZE);
    HBox.setHgrow(filter, Priority.ALWAYS);
    HBox tools = new HBox(8, filter, byBlock);
    tools.setAlignment(Pos.CENTER_LEFT);

    SortedList<LayerRow> sorted = new SortedList<>(model.shown());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.setId("layerTable");
    table.setEditable(true);
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setPlaceholder(new Label(m.get("table.empty")));

    TableColumn<LayerRow, String> name = text(m.get("table.name"), LayerRow::label);
    name.setId("nameColumn");
    name.setPrefWidth(200);
    name.setCellFactory(c -> new NameCell(model, m));
    TableColumn<LayerRow, String> op = text(m.get("table.op"), LayerRow::op);
    op.setPrefWidth(66);
    TableColumn<LayerRow, String> shape = text(m.get("table.shape"), LayerRow::shape);
    shape.setPrefWidth(80);
    TableColumn<LayerRow, String> stored = text(m.get("table.stored"), LayerRow::storedForm);
    stored.setId("storedColumn");
    stored.setCellFactory(c -> new TooltipCell(LayerRow::storage, OverrunStyle.ELLIPSIS));
    stored.setPrefWidth(100);
    TableColumn<LayerRow, Number> params = new TableColumn<>(m.get("table.params"));
    params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().parameters()));
    params.setCellFactory(c -> numberCell(v -> m.numbers().count(v.longValue()), null));
    params.setPrefWidth(66);

    TableColumn<LayerRow, Scheme> scheme = new TableColumn<>(m.get("table.scheme"));
    scheme.setId("schemeColumn");
    scheme.setCellValueFactory(c -> c.getValue().scheme());
    scheme.setCellFactory(c -> new SchemeCell<>(choices::choices, Scheme::parse, Scheme::id));
    scheme.setOnEditCommit(e -> commit(e.getRowValue(), e.getNewValue()));
    scheme.setPrefWidth(118);
    scheme.setComparator(Comparator.comparing(Scheme::id));

    TableColumn<LayerRow, ActivationScheme> activation =
        new TableColumn<>(m.get("table.activation"));
    activation.setId("activationColumn");
    activation.setCellValueFactory(c -> c.getValue().activation());
    List<SchemeChoices.Choice> activationChoices =
        ACTIVATION_CHOICES.stream()
            .map(id -> new SchemeChoices.Choice(ActivationScheme.parse(id).id(), false))
            .toList();
    activation.setCellFactory(
        c ->
            new SchemeCell<>(
                () -> activationChoices, ActivationScheme::parse, ActivationScheme::id));
    activation.setOnEditCommit(e -> commitActivation(e.getRowValue(), e.getNewValue()));
    activation.setComparator(Comparator.nullsFirst(Comparator.comparing(ActivationScheme::id)));
    activation.setPrefWidth(110);

    TableColumn<LayerRow, Number> sqnr = new TableColumn<>(m.get("table.sqnr"));
    sqnr.setId("sqnrColumn");
    sqnr.setCellValueFactory(c -> c.getValue().isHeading() ? null : c.getValue().sqnrDb());
    sqnr.setCellFactory(c -> numberCell(v -> m.numbers().db(v.doubleValue()), this::sqnrStyle));
    sqnr.setPrefWidth(64);
    TableColumn<LayerRow, Number> bits = new TableColumn<>(m.get("table.bits"));
    bits.setCellValueFactory(c -> c.getValue().isHeading() ? null : c.getValue().bitsPerWeight());
    bits.setCellFactory(c -> numberCell(v -> m.numbers().three(v.doubleValue()), null));
    bits.setPrefWidth(42);
    TableColumn<LayerRow, Number> size = new TableColumn<>(m.get("table.size"));
    size.setCellValueFactory(c -> c.getValue().isHeading() ? null : c.getValue().storedBytes());
    size.setCellFactory(c -> numberCell(v -> m.numbers().bytes(v.doubleValue()), null));
    size.setPrefWidth(62);
    TableColumn<LayerRow, LayerSensitivity> sensitivity = new TableColumn<>();
    sensitivity.setId("sensitivityColumn");
    sensitivity
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> sensitivityTitle(model.sensitivityScheme().get()),
                model.sensitivityScheme()));
    // The header names the probed scheme: the column widens to show it whole.
    model
        .sensitivityScheme()
        .addListener(
            (obs, old, now) ->
                sensitivity.setPrefWidth(
                    Math.max(
                        sensitivity.getPrefWidth(),
                        new Text(sensitivity.getText()).getLayoutBounds().getWidth() + 28)));
    sensitivity.setCellValueFactory(c -> c.getValue().sensitivity());
    sensitivity.setCellFactory(c -> new SensitivityCell(m));
    sensitivity.setComparator(
        Comparator.nullsFirst(Comparator.comparingDouble(LayerSensitivity::primaryLoss)));
    sensitivity.setPrefWidth(92);

    table.getColumns().setAll(List.of(name, op, shape, params, stored, scheme, sqnr));
    table.getColumns().add(activation);
    table.getColumns().add(sensitivity);
    table.getColumns().addAll(List.of(bits, size));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null && !now.isHeading()) {
                workspace.select(now.name());
              }
            });
    workspace
        .selectedLayer()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                model.reveal(now);
              }
              LayerRow current = table.getSelectionModel().getSelectedItem();
              LayerRow wanted = now == null ? null : model.row(now);
              if (wanted != null && current != wanted) {
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(wanted);
                table.scrollTo(wanted);
              }
            });
    table.setContextMenu(contextMenu());
    table.setRowFactory(t -> new BlockHeadingRow(model));
    // Sorting by a column lists the layers flat (a heading has no value to sort by); grouping
    // again restores the model's order.
    table
        .getSortOrder()
        .addListener(
            (ListChangeListener<TableColumn<LayerRow, ?>>)
                c -> {
                  if (!table.getSortOrder().isEmpty()) {
                    model.grouped().set(false);
                  }
                });
    model
        .grouped()
        .addListener(
            (obs, old, now) -> {
              if (now) {
                table.getSortOrder().clear();
              }
            });
    VBox.setVgrow(table, Priority.ALWAYS);
    getChildren().addAll(tools, table);
  }

  public TableView<LayerRow> table() {
    return table;
  }

  /** Names of the selected rows. */
  public List<String> selectedNames() {
    return table.getSelectionModel().getSelectedItems().stream()
        .filter(r -> !r.isHeading())
        .map(LayerRow::name)
        .toList();
  }

  private void commit(LayerRow row, Scheme scheme) {
    if (scheme != null) {
      plans.setScheme(targets(row), scheme);
    }
  }

  private void commitActivation(LayerRow row, ActivationScheme scheme) {
    if (scheme != null) {
      plans.setActivation(targets(row), scheme);
    }
  }

  /** Editing a row of a multi-row selection sets the whole selection, as spreadsheets do. */
  private List<String> targets(LayerRow row) {
    List<String> selected = selectedNames();
    return selected.contains(row.name()) ? selected : List.of(row.name());
  }

  /** The input activations offered for a selection: float, static and dynamic int8, casts. */
  static final List<String> ACTIVATION_CHOICES =
      List.of(
          "fp32",
          "int8",
          "int8:entropy",
          "int8:dynamic",
          "int8:token:sym:dynamic",
          "int4:token:sym:dynamic",
          "fp8e4m3",
          "fp16",
          "bf16");

  private ContextMenu contextMenu() {
    Menu set = new Menu(m.get("table.setSelected"));
    set.setId("setSelected");
    Menu input = new Menu(m.get("table.setActivation"));
    input.setId("setActivation");
    for (String id : ACTIVATION_CHOICES) {
      ActivationScheme scheme = ActivationScheme.parse(id);
      MenuItem item = new MenuItem(scheme.id());
      item.setOnAction(e -> plans.setActivation(selectedNames(), scheme));
      input.getItems().add(item);
    }
    MenuItem biasOn = new MenuItem(m.get("table.biasOn"));
    biasOn.setId("biasOn");
    biasOn.setOnAction(e -> plans.setBiasCorrection(selectedNames(), true));
    MenuItem biasOff = new MenuItem(m.get("table.biasOff"));
    biasOff.setId("biasOff");
    biasOff.setOnAction(e -> plans.setBiasCorrection(selectedNames(), false));
    // The weight submenu last: reaching its items from it crosses no other item.
    ContextMenu menu = new ContextMenu(biasOn, biasOff, input, set);
    // Filled when shown: the recent schemes and the analysed ones change with every edit.
    menu.setOnShowing(
        e -> choices.fill(set, s -> plans.setScheme(selectedNames(), s), this::askCustomScheme));
    choices.fill(set, s -> plans.setScheme(selectedNames(), s), this::askCustomScheme);
    return menu;
  }

  /** Asks for a scheme text and sets the selected rows to it. */
  public void askCustomScheme() {
    List<String> selected = selectedNames();
    if (selected.isEmpty()) {
      return;
    }
    LayerRow first = table.getSelectionModel().getSelectedItem();
    String initial = first == null || first.scheme().get() == null ? "" : first.scheme().get().id();
    dialogs
        .text(m.get("table.customHeader"), initial, SchemeChoices::problem)
        .ifPresent(text -> plans.setScheme(selected, Scheme.parse(text)));
  }

  private String sensitivityTitle(Scheme probed) {
    return probed == null ? m.get("table.sensitivity") : m.get("table.sensitivityOf", probed.id());
  }

  private String sqnrStyle(Number value) {
    double db = value.doubleValue();
    if (db < LayerTableModel.LOW_SQNR_DB) {
      return "sqnr-low";
    }
    return db < LayerTableModel.FAIR_SQNR_DB ? "sqnr-fair" : null;
  }

  private static TableColumn<LayerRow, String> text(
      String title, Function<LayerRow, String> value) {
    TableColumn<LayerRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    return column;
  }

  private static TableCell<LayerRow, Number> numberCell(
      Function<Number, String> text, Function<Number, String> styleClass) {
    return new TableCell<>() {
      @Override
      protected void updateItem(Number item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll("sqnr-low", "sqnr-fair");
        setText(empty || item == null ? null : text.apply(item));
        if (!empty && item != null && styleClass != null) {
          String style = styleClass.apply(item);
          if (style != null) {
            getStyleClass().add(style);
          }
        }
      }
    };
  }

  /** Shortened text; the tooltip shows the whole of it. */
  private static final class TooltipCell extends TableCell<LayerRow, String> {
    private final Function<LayerRow, String> whole;

    /** A layer name is cut at its start (LEADING_ELLIPSIS): its end tells layers apart. */
    TooltipCell(Function<LayerRow, String> whole, OverrunStyle overrun) {
      this.whole = whole;
      setTextOverrun(overrun);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty ? null : item);
      LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
      setTooltip(empty || row == null ? null : new Tooltip(whole.apply(row)));
    }
  }

  /** The sensitivity scan's loss for the row, worded for the model's task. */
  private static final class SensitivityCell extends TableCell<LayerRow, LayerSensitivity> {
    private final Messages messages;

    SensitivityCell(Messages messages) {
      this.messages = messages;
    }

    @Override
    protected void updateItem(LayerSensitivity item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : SensitivityText.of(item, messages));
    }
  }
}
