package io.quantlens.ui.dashboard;

import io.quantlens.cost.Explanation;
import io.quantlens.text.Messages;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PopOver;

/**
 * One headline figure of the dashboard: a caption, the value, a line comparing it with FP32 (and
 * the pinned plan), and a "why" button that shows how the figure is computed and from what.
 */
public final class MetricTile extends VBox {
  private final Label value = new Label("—");
  private final Label comparison = new Label();
  private final Button why = new Button("?");
  private Supplier<List<Explanation>> explanations = List::of;

  public MetricTile(String id, String caption, Messages messages) {
    setId(id);
    getStyleClass().add("metric-tile");
    Label title = new Label(caption);
    title.getStyleClass().add("metric-caption");
    // A narrow tile cuts its caption and comparison with an ellipsis; the tooltip has them whole.
    title.setTooltip(new Tooltip(caption));
    value.getStyleClass().add("metric-value");
    value.setId(id + "Value");
    comparison.getStyleClass().add("metric-comparison");
    comparison.setWrapText(true);
    comparison.setId(id + "Comparison");
    Tooltip whole = new Tooltip();
    whole.setWrapText(true);
    whole.setMaxWidth(360);
    whole.textProperty().bind(comparison.textProperty());
    comparison.setTooltip(whole);
    why.getStyleClass().addAll("why-button", "flat");
    why.setId(id + "Why");
    why.setTooltip(new Tooltip(messages.get("dashboard.why")));
    why.setOnAction(e -> showWhy(messages));
    why.setVisible(false);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(4, title, spacer, why);
    header.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(header, value, comparison);
  }

  public void show(String text, String versus, Supplier<List<Explanation>> why) {
    value.setText(text);
    comparison.setText(versus);
    explanations = why == null ? List::of : why;
    this.why.setVisible(why != null);
  }

  public void clear(String text) {
    show(text, "", null);
  }

  public Label valueLabel() {
    return value;
  }

  public Label comparisonLabel() {
    return comparison;
  }

  private void showWhy(Messages messages) {
    List<Explanation> list = explanations.get();
    if (list.isEmpty()) {
      return;
    }
    VBox box = new VBox(10);
    box.getStyleClass().add("why-box");
    for (Explanation e : list) {
      box.getChildren().add(explanationBlock(e, messages));
    }
    PopOver pop = new PopOver(box);
    pop.setTitle(messages.get("dashboard.whyTitle"));
    pop.setHeaderAlwaysVisible(true);
    pop.setDetachable(true);
    pop.setArrowLocation(PopOver.ArrowLocation.LEFT_TOP);
    pop.show(why);
  }

  /**
   * One explanation: the figure, its formula, then a row per symbol (symbol, value, what it means
   * and where it comes from) and the note.
   */
  private static VBox explanationBlock(Explanation e, Messages messages) {
    Label head = new Label(e.name() + " = " + value(e.value(), e.unit(), messages));
    head.getStyleClass().add("why-quantity");
    Label formula = new Label(e.formula());
    formula.getStyleClass().add("why-formula");
    formula.setWrapText(true);
    formula.setMaxWidth(520);
    GridPane terms = new GridPane();
    terms.getStyleClass().add("why-terms");
    terms.setHgap(10);
    terms.setVgap(2);
    int row = 0;
    for (Explanation.Term t : e.terms()) {
      Label symbol = new Label(t.symbol());
      symbol.getStyleClass().add("why-symbol");
      Label meaning = new Label(t.meaning());
      meaning.setWrapText(true);
      meaning.setMaxWidth(300);
      Label source = new Label(t.source());
      source.getStyleClass().add("why-source");
      source.setWrapText(true);
      source.setMaxWidth(300);
      Label value = new Label(value(t.value(), t.unit(), messages));
      VBox about = new VBox(meaning, source);
      terms.addRow(row++, symbol, value, about);
      for (Node cell : List.of(symbol, value, about)) {
        GridPane.setValignment(cell, VPos.TOP);
      }
    }
    VBox block = new VBox(3, head, formula, terms);
    if (!e.note().isEmpty()) {
      Label note = new Label(e.note());
      note.getStyleClass().add("why-note");
      note.setWrapText(true);
      note.setMaxWidth(520);
      block.getChildren().add(note);
    }
    return block;
  }

  /**
   * A value in its unit: dB, points and sizes as the tiles write them, shares to 0.01 % (so 99.95 %
   * agreement does not read as all), counts whole, NaN as varying.
   */
  static String value(double v, String unit, Messages messages) {
    if (Double.isNaN(v)) {
      return messages.get("why.varies");
    }
    return switch (unit) {
      case "dB" -> messages.numbers().db(v);
      case "pts" -> messages.numbers().format("%+.2f pts", v);
      case "%" -> messages.numbers().format("%.2f %%", v);
      case "B" -> messages.numbers().bytes(v);
      case "1/s" ->
          (v >= 1000 ? messages.numbers().count(Math.round(v)) : messages.numbers().three(v))
              + " /s";
      case "bits", "kg", "kg/kWh", "kWh" -> messages.numbers().three(v) + " " + unit;
      case "" ->
          v == Math.rint(v) && Math.abs(v) < 1e15
              ? messages.numbers().count((long) v)
              : messages.numbers().three(v);
      default -> messages.numbers().scaled(v, unit).trim();
    };
  }
}
