package io.quantlens.ui.accuracy;

import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityReport;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.Workspace;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;

/**
 * The sensitivity view's state: the probe scheme, whether a scan can start, the scan under way and
 * the last scan's layers ranked worst first; a layer picked here is selected in the whole window.
 */
public final class SensitivityViewModel {
  private final Workspace workspace;
  private final AccuracyState accuracy;
  private final ProbeScheme probe;
  private final BooleanBinding canScan;

  public SensitivityViewModel(Workspace workspace, AccuracyState accuracy, Messages m) {
    this.workspace = workspace;
    this.accuracy = accuracy;
    this.probe = new ProbeScheme(workspace, m);
    canScan =
        Bindings.createBooleanBinding(
            () ->
                workspace.opened().get() != null
                    && accuracy.problem().get() == null
                    && probe.scheme().get() != null
                    && accuracy.scanning().get() == null,
            workspace.opened(),
            accuracy.problem(),
            probe.scheme(),
            accuracy.scanning());
  }

  public ProbeScheme probe() {
    return probe;
  }

  /** A model is open that can be run, the probe scheme parses and no scan is under way. */
  public BooleanBinding canScan() {
    return canScan;
  }

  /** Why no scan can run on the open model (a file without a graph), or null. */
  public ReadOnlyStringProperty problem() {
    return accuracy.problem();
  }

  /** Starts a scan at the probe scheme; returns it, or null when none can start. */
  public Task<SensitivityReport> scan() {
    Scheme scheme = probe.scheme().get();
    return canScan.get() ? accuracy.scanSensitivity(scheme) : null;
  }

  public void cancel() {
    Task<SensitivityReport> running = accuracy.scanning().get();
    if (running != null) {
      running.cancel(true);
    }
  }

  /** The scan under way, or null. */
  public ReadOnlyObjectProperty<Task<SensitivityReport>> scanning() {
    return accuracy.scanning();
  }

  /** The last scan of the open model, or null. */
  public ReadOnlyObjectProperty<SensitivityReport> report() {
    return accuracy.sensitivityReport();
  }

  /** The last scan's layers, worst first; empty before a scan. */
  public List<LayerSensitivity> ranked() {
    SensitivityReport report = accuracy.sensitivityReport().get();
    return report == null ? List.of() : report.ranked();
  }

  public ReadOnlyObjectProperty<OpenModel> opened() {
    return workspace.opened();
  }

  public ReadOnlyStringProperty selectedLayer() {
    return workspace.selectedLayer();
  }

  public void select(String layer) {
    workspace.select(layer);
  }
}
