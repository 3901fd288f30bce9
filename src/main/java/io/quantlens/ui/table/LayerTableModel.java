package io.quantlens.ui.table;

import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.model.TensorNames;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The layer table's rows and filter, kept in step with the plan summary and sensitivity scan. */
public final class LayerTableModel {
  /** Below this SQNR a layer is flagged as badly hurt. */
  public static final double LOW_SQNR_DB = 20;

  /** Below this SQNR a layer is flagged as worth a look. */
  public static final double FAIR_SQNR_DB = 30;

  private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
  private final FilteredList<LayerRow> visible = new FilteredList<>(rows);
  private final StringProperty filter = new SimpleStringProperty("");
  private final Map<String, LayerRow> byName = new HashMap<>();
  private final ObservableList<LayerRow> shown = FXCollections.observableArrayList();
  private final BooleanProperty grouped = new SimpleBooleanProperty(true);
  private final ReadOnlyBooleanWrapper hasBlocks = new ReadOnlyBooleanWrapper();
  private final Set<String> collapsed = new HashSet<>();
  private final AccuracyState accuracy;

  public LayerTableModel(Workspace workspace, PlanEditor plans, AccuracyState accuracy) {
    this.accuracy = accuracy;
    workspace
        .opened()
        .addListener(
            (obs, old, now) -> {
              if (old == null || now == null || old.session() != now.session()) {
                rebuild(now);
              }
            });
    plans.summary().addListener((obs, old, now) -> update(now));
    plans.plan().addListener((obs, old, now) -> updateActivations(now));
    accuracy
        .sensitivity()
        .addListener(
            (MapChangeListener<String, LayerSensitivity>)
                change -> {
                  LayerRow row = byName.get(change.getKey());
                  if (row != null) {
                    row.sensitivity().set(change.wasAdded() ? change.getValueAdded() : null);
                  }
                });
    filter.addListener((obs, old, now) -> visible.setPredicate(row -> matches(row, now)));
    visible.addListener((ListChangeListener<LayerRow>) change -> regroup());
    grouped.addListener((obs, old, now) -> regroup());
  }

  /**
   * What the table lists: the filtered rows, grouped under a heading per repeated block when {@link
   * #grouped()} is on and the model has blocks.
   */
  public ObservableList<LayerRow> shown() {
    return shown;
  }

  /** Whether the layers of each repeated block are listed under a heading that folds them. */
  public BooleanProperty grouped() {
    return grouped;
  }

  /** True when the model has two blocks or more to group. */
  public ReadOnlyBooleanProperty hasBlocks() {
    return hasBlocks.getReadOnlyProperty();
  }

  public boolean isCollapsed(String blockPrefix) {
    return collapsed.contains(blockPrefix);
  }

  /** Folds the block's layers under its heading, or unfolds them. */
  public void toggle(String blockPrefix) {
    if (!collapsed.remove(blockPrefix)) {
      collapsed.add(blockPrefix);
    }
    regroup();
  }

  /** Unfolds the block holding {@code layer}, so a layer chosen elsewhere (a chart) shows. */
  public void reveal(String layer) {
    String prefix = TensorNames.blockPrefix(layer);
    if (collapsed.contains(prefix)) {
      toggle(prefix);
    }
  }

  private void regroup() {
    shown.setAll(
        grouped.get() && hasBlocks.get()
            ? BlockGroups.of(visible, collapsed)
            : List.copyOf(visible));
  }

  public ObservableList<LayerRow> rows() {
    return rows;
  }

  public FilteredList<LayerRow> visible() {
    return visible;
  }

  /** Words that must all appear in a row's name or op type, case-insensitively. */
  public StringProperty filter() {
    return filter;
  }

  /** The scheme the last sensitivity scan probed with, or null before a scan. */
  public ReadOnlyObjectProperty<Scheme> sensitivityScheme() {
    return accuracy.sensitivityScheme();
  }

  public LayerRow row(String name) {
    return byName.get(name);
  }

  private void rebuild(OpenModel open) {
    byName.clear();
    collapsed.clear();
    if (open == null) {
      hasBlocks.set(false);
      rows.clear();
      return;
    }
    ObservableList<LayerRow> fresh = FXCollections.observableArrayList();
    List<String> labels =
        TensorNames.abbreviate(
            open.analysis().layers().stream().map(l -> l.layer().name()).toList());
    for (int i = 0; i < labels.size(); i++) {
      LayerAnalysis layer = open.analysis().layers().get(i);
      LayerRow row = new LayerRow(layer.layer(), labels.get(i));
      byName.put(row.name(), row);
      fresh.add(row);
    }
    hasBlocks.set(BlockGroups.blockCount(fresh) >= 2);
    rows.setAll(fresh);
    regroup();
  }

  private void update(PlanSummary summary) {
    if (summary == null) {
      return;
    }
    for (PlanSummary.LayerRow s : summary.layers()) {
      LayerRow row = byName.get(s.layer().name());
      if (row != null) {
        row.update(s);
      }
    }
  }

  private void updateActivations(PrecisionPlan plan) {
    if (plan == null) {
      return;
    }
    byName.forEach((name, row) -> row.activation().set(plan.activationFor(name)));
  }

  public static boolean matches(LayerRow row, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String text = (row.name() + " " + row.op()).toLowerCase(Locale.ROOT);
    for (String word : filter.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
      if (!text.contains(word)) {
        return false;
      }
    }
    return true;
  }
}
