package io.quantlens.ui.export;

import io.quantlens.text.Messages;
import io.quantlens.ui.state.Appearance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Makes every chart pane of the window, each styled for the screen's theme with its exports on
 * right click, and keeps the list for the report folder.
 */
public final class ChartPanes {
  private final ChartExports exports;
  private final Appearance appearance;
  private final Messages m;
  private final Supplier<String> model;
  private final Supplier<String> layer;
  private final List<ChartPane> all = new ArrayList<>();

  /**
   * @param model the open model's file name, empty when none is open
   * @param layer the selected layer's name, null when none is selected
   */
  public ChartPanes(
      ChartExports exports,
      Appearance appearance,
      Messages m,
      Supplier<String> model,
      Supplier<String> layer) {
    this.exports = exports;
    this.appearance = appearance;
    this.m = m;
    this.model = model;
    this.layer = layer;
  }

  /**
   * A new pane for a chart of the whole model; {@code name} is short and file-name friendly, e.g.
   * {@code sqnr-per-layer}.
   */
  public ChartPane create(String name) {
    return add(new ChartPane(name, () -> new ChartSubject(model.get(), null), exports, dark(), m));
  }

  /** A new pane for a chart of the selected layer, whose exports name the layer. */
  public ChartPane createForLayer(String name) {
    return add(
        new ChartPane(name, () -> new ChartSubject(model.get(), layer.get()), exports, dark(), m));
  }

  private javafx.beans.property.BooleanProperty dark() {
    return appearance.dark();
  }

  private ChartPane add(ChartPane pane) {
    all.add(pane);
    return pane;
  }

  /** Every pane made so far, in the order they were made. */
  public List<ChartPane> all() {
    return List.copyOf(all);
  }
}
