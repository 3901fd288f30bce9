package io.quantlens.ui.export;

import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.text.Messages;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every chart pane of the window, each styled for the screen's theme with its exports on
 * right click, and keeps the list for the report folder.
 */
public final class ChartPanes {
  private final ChartExports exports;
  private final Appearance appearance;
  private final Messages m;
  private final List<ChartPane> all = new ArrayList<>();

  public ChartPanes(ChartExports exports, Appearance appearance, Messages m) {
    this.exports = exports;
    this.appearance = appearance;
    this.m = m;
  }

  /** A new pane; {@code name} is short and file-name friendly, e.g. {@code weight-histogram}. */
  public ChartPane create(String name) {
    ChartPane pane = new ChartPane(name, exports, appearance.dark(), m);
    all.add(pane);
    return pane;
  }

  /** Every pane made so far, in the order they were made. */
  public List<ChartPane> all() {
    return List.copyOf(all);
  }
}
