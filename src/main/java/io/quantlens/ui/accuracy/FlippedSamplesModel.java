package io.quantlens.ui.accuracy;

import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.ui.state.AccuracyState;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;

/**
 * The flipped samples of the current plan's last measurement, made again after each one; null
 * before a measurement and for outputs that are not class scores.
 */
public final class FlippedSamplesModel {
  private final ObservableObjectValue<EvalResult> result;
  private final ObservableObjectValue<EvalData> data;
  private final ObservableBooleanValue running;
  private final ReadOnlyObjectWrapper<FlippedSamples> flipped = new ReadOnlyObjectWrapper<>();

  /**
   * @param result the measurement to show, null before one
   * @param data what it was measured on; must change before {@code result} does
   * @param running true while a measurement is under way
   */
  public FlippedSamplesModel(
      ObservableObjectValue<EvalResult> result,
      ObservableObjectValue<EvalData> data,
      ObservableBooleanValue running) {
    this.result = result;
    this.data = data;
    this.running = running;
    result.addListener((obs, old, now) -> update());
    update();
  }

  /** The current plan's measurements, as {@link AccuracyState} makes them. */
  public static FlippedSamplesModel of(AccuracyState accuracy) {
    return new FlippedSamplesModel(accuracy.result(), accuracy.evalData(), accuracy.running());
  }

  public ReadOnlyObjectProperty<FlippedSamples> flipped() {
    return flipped.getReadOnlyProperty();
  }

  /** The measurement shown, or null before one. */
  public ObservableObjectValue<EvalResult> result() {
    return result;
  }

  public ObservableBooleanValue running() {
    return running;
  }

  private void update() {
    EvalResult r = result.get();
    EvalData d = data.get();
    if (r == null || d == null || r.task().kind() != EvalTask.Kind.CLASSIFIER) {
      flipped.set(null);
      return;
    }
    flipped.set(FlippedSamples.of(r, SampleImages.of(d).orElse(null)));
  }
}
