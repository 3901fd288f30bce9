package io.quantlens.ui.detail;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.BulkHistogram;
import io.quantlens.analysis.BulkRange;
import io.quantlens.analysis.GroupLevels;
import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.LayerDetail;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/**
 * The selected layer and what its scheme in the current plan does to it. The weight histogram and
 * error statistics come from the analysis at once; the per-group strip and the grid of levels need
 * one pass over the layer's weights, made in the background.
 */
public final class DetailViewModel {
  /** Layers up to this many weights are detailed on the FX thread, without a round trip. */
  public static final long INLINE_WEIGHTS = 1 << 16;

  /** Bins over a bulk: as many as the whole-range histogram has. */
  private static final int BINS = AnalysisOptions.DEFAULT_BINS;

  private final Workspace workspace;
  private final PlanEditor plans;
  private final Services services;
  private final ObjectProperty<LayerAnalysis> layer = new SimpleObjectProperty<>();
  private final ObjectProperty<Scheme> scheme = new SimpleObjectProperty<>();
  private final ObjectProperty<LayerDetail> detail = new SimpleObjectProperty<>();
  private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
  private final ObjectProperty<BulkHistogram> bulk = new SimpleObjectProperty<>();
  private final ObjectProperty<OverlayGroup> overlay =
      new SimpleObjectProperty<>(OverlayGroup.WIDEST);
  private Task<?> current;
  private Task<?> currentBulk;

  public DetailViewModel(Workspace workspace, PlanEditor plans) {
    this.workspace = workspace;
    this.plans = plans;
    this.services = workspace.services();
    workspace.selectedLayer().addListener((obs, old, now) -> refresh());
    plans.plan().addListener((obs, old, now) -> refresh());
    workspace.opened().addListener((obs, old, now) -> refresh());
  }

  public ReadOnlyObjectProperty<LayerAnalysis> layer() {
    return layer;
  }

  /** The selected layer's scheme in the current plan. */
  public ReadOnlyObjectProperty<Scheme> scheme() {
    return scheme;
  }

  /** Null while it is computed, and for FP32 layers. */
  public ReadOnlyObjectProperty<LayerDetail> detail() {
    return detail;
  }

  /**
   * The selected layer's weights binned over their bulk, when a few outliers squeeze the bulk into
   * a fraction of the whole range ({@link BulkRange#narrow()}); else null, as while it is read.
   */
  public ReadOnlyObjectProperty<BulkHistogram> bulk() {
    return bulk;
  }

  /** Which group's levels the weight histogram draws (the widest until the user picks). */
  public ObjectProperty<OverlayGroup> overlay() {
    return overlay;
  }

  /**
   * The levels to draw for {@code detail} under {@link #overlay()}: the widest group's come with
   * the detail; another group's are read again from its channel (see {@link GroupLevels#of}).
   */
  public GroupLevels overlayLevels(LayerDetail detail) {
    return GroupLevels.of(detail, overlay.get().groupOf(detail));
  }

  public ReadOnlyBooleanProperty computing() {
    return computing.getReadOnlyProperty();
  }

  private void refresh() {
    OpenModel open = workspace.opened().get();
    String name = workspace.selectedLayer().get();
    Optional<LayerAnalysis> found =
        open == null || name == null
            ? Optional.empty()
            : open.analysis().layers().stream()
                .filter(l -> l.layer().name().equals(name))
                .findFirst();
    Scheme now =
        found.isEmpty() || plans.plan().get() == null ? null : plans.plan().get().schemeFor(name);
    if (found.equals(Optional.ofNullable(layer.get())) && Objects.equals(now, scheme.get())) {
      return;
    }
    if (current != null) {
      current.cancel(true);
    }
    detail.set(null);
    scheme.set(now);
    if (!found.equals(Optional.ofNullable(layer.get()))) {
      refreshBulk(found.orElse(null));
    }
    layer.set(found.orElse(null));
    if (found.isEmpty() || now == null || now.equals(PrecisionPlan.FP32)) {
      computing.set(false);
      return;
    }
    LayerAnalysis target = found.get();
    if (target.weights().count() <= INLINE_WEIGHTS) {
      // A small layer's pass takes a millisecond or two: done at once, the views draw once.
      detail.set(LayerDetail.compute(target.layer(), now, () -> false));
      computing.set(false);
      return;
    }
    computing.set(true);
    BackgroundTask<LayerDetail> task =
        BackgroundTask.of(
            services.messages().get("task.detail", name),
            t -> LayerDetail.compute(target.layer(), now, t::isCancelled));
    task.setOnSucceeded(
        e -> {
          if (layer.get() == target && now.equals(scheme.get())) {
            detail.set(task.getValue());
            computing.set(false);
          }
        });
    task.setOnFailed(
        e -> {
          computing.set(false);
          services.notices().error(ErrorText.of(task.getException(), services.messages()));
        });
    current = services.tasks().submit(task);
  }

  /** Bins {@code target}'s bulk when it is narrow: one more pass over its weights. */
  private void refreshBulk(LayerAnalysis target) {
    if (currentBulk != null) {
      currentBulk.cancel(true);
      currentBulk = null;
    }
    bulk.set(null);
    if (target == null || !BulkRange.of(target.weights().histogram(), BulkRange.TAIL).narrow()) {
      return;
    }
    if (target.weights().count() <= INLINE_WEIGHTS) {
      bulk.set(BulkHistogram.compute(target.layer().weight(), target.weights(), BINS, () -> false));
      return;
    }
    BackgroundTask<BulkHistogram> task =
        BackgroundTask.of(
            services.messages().get("task.bulk", target.layer().name()),
            t ->
                BulkHistogram.compute(
                    target.layer().weight(), target.weights(), BINS, t::isCancelled));
    task.setOnSucceeded(
        e -> {
          if (layer.get() == target) {
            bulk.set(task.getValue());
          }
        });
    task.setOnFailed(
        e -> services.notices().error(ErrorText.of(task.getException(), services.messages())));
    currentBulk = services.tasks().submit(task);
  }
}
