package io.quantlens.ui.table;

import io.quantlens.analysis.PlanSummary;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.model.Layer;
import io.quantlens.model.StorageText;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One row of the layer table: a layer, or the heading of a repeated block's layers when the table
 * groups them. Rows live as long as the model is open; a plan change updates their properties, so
 * sorting, filtering, selection and scroll position survive it.
 */
public final class LayerRow {
  /** Null for a block heading. */
  private final Layer layer;

  private final String label;
  private final BlockGroup block;
  private final ObjectProperty<Scheme> scheme = new SimpleObjectProperty<>();
  private final ObjectProperty<ActivationScheme> activation = new SimpleObjectProperty<>();
  private final DoubleProperty sqnrDb = new SimpleDoubleProperty();
  private final DoubleProperty bitsPerWeight = new SimpleDoubleProperty();
  private final LongProperty storedBytes = new SimpleLongProperty();
  private final ObjectProperty<LayerSensitivity> sensitivity = new SimpleObjectProperty<>();

  public LayerRow(Layer layer, String label) {
    this.layer = layer;
    this.label = label;
    this.block = null;
  }

  private LayerRow(BlockGroup block, String label) {
    this.layer = null;
    this.label = label;
    this.block = block;
  }

  /** The heading row of {@code block}, reading {@code label}. */
  static LayerRow heading(BlockGroup block, String label) {
    return new LayerRow(block, label);
  }

  /** True for a block's heading, which stands for no layer. */
  public boolean isHeading() {
    return layer == null;
  }

  /** The block this heading opens; null for a layer's row. */
  BlockGroup block() {
    return block;
  }

  public void update(PlanSummary.LayerRow summary) {
    scheme.set(summary.scheme());
    sqnrDb.set(summary.sqnrDb());
    bitsPerWeight.set(summary.bitsPerWeight());
    storedBytes.set(summary.storedBytes());
  }

  /** The layer's name; a heading's is its block's prefix, e.g. {@code /encoder/layer.3}. */
  public String name() {
    return layer == null ? block.prefix() : layer.name();
  }

  /** The name shortened to what tells it apart from the model's other layers. */
  public String label() {
    return label;
  }

  public String op() {
    return layer == null ? "" : layer.opType();
  }

  /** How the file stores the weights, e.g. {@code f32}, {@code bf16}, {@code q4_k}. */
  public String stored() {
    return layer == null ? "" : StorageText.type(layer);
  }

  /** The Stored cell: the type and how the file holds it, e.g. {@code int8 QDQ ch}. */
  public String storedForm() {
    return layer == null ? "" : StorageText.compact(layer);
  }

  /** The Stored cell's tooltip: the reader's whole description of the weight's storage. */
  public String storage() {
    return layer == null ? "" : StorageText.full(layer);
  }

  public String shape() {
    return layer == null ? "" : layer.weight().shapeText();
  }

  public long parameters() {
    return layer == null ? block.parameters() : layer.parameterCount();
  }

  /** How the plan quantizes the layer's input; null for a block heading. */
  public ObjectProperty<ActivationScheme> activation() {
    return activation;
  }

  public ObjectProperty<Scheme> scheme() {
    return scheme;
  }

  public DoubleProperty sqnrDb() {
    return sqnrDb;
  }

  public DoubleProperty bitsPerWeight() {
    return bitsPerWeight;
  }

  public LongProperty storedBytes() {
    return storedBytes;
  }

  public ObjectProperty<LayerSensitivity> sensitivity() {
    return sensitivity;
  }
}
