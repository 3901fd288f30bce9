package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.state.BitErrorState;
import io.quantlens.ui.state.OpenModel;
import java.util.function.BiConsumer;
import javafx.beans.value.ObservableValue;

/**
 * What a lesson takes from the workbench.
 *
 * @param opened the model open in the workbench, whose selected layer a lesson can quantize
 * @param selectedLayer the layer selected there
 * @param tryPlan applies a plan to the workbench's model as one undoable step, with its description
 * @param bitErrors lesson 5's measurement on the open model
 * @param cost a plan's cost on the workbench's hardware, workload and assumptions; null with no
 *     model open or no cost known
 * @param claims lesson 7's measurements on the open model
 * @param mixed lesson 8's measurement on the open model
 */
record LessonContext(
    Messages messages,
    ChartPanes charts,
    ObservableValue<OpenModel> opened,
    ObservableValue<String> selectedLayer,
    BiConsumer<PrecisionPlan, String> tryPlan,
    BitErrorState bitErrors,
    java.util.function.Function<PrecisionPlan, io.quantlens.cost.ModelCost> cost,
    io.quantlens.ui.state.ClaimsState claims,
    io.quantlens.ui.state.MixedPrecisionState mixed) {}
