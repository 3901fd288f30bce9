package io.quantlens.report;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.Workload;
import io.quantlens.eval.EvalResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report folder is about, written beside its figures as {@code summary.json} and {@code
 * README.txt}: which model (and which bytes), which plan, on which hardware under which
 * assumptions, by which QuantLens and when.
 *
 * @param quantlensVersion the version of QuantLens that wrote the report
 * @param created when the report was written
 * @param model the model file's name and hash
 * @param source what was opened: a file path or a bundled sample's name
 * @param format the file format with its version, e.g. {@code ONNX (IR version 8)}
 * @param layers the number of weight layers
 * @param parameters the parameters those layers hold
 * @param plan the precision plan
 * @param planText the plan in a line, e.g. {@code int8:channel:sym for all 4 layers}
 * @param hardwareId the hardware profile's id
 * @param hardwareName the hardware profile's name
 * @param workload the batch and input sizes the cost is estimated at
 * @param assumptions the cost model's assumptions
 * @param accuracy the measured accuracy of the plan, or null when it was not measured
 * @param files the other files of the report, with what each holds
 */
public record ReportSummary(
    String quantlensVersion,
    Instant created,
    ModelIdentity model,
    String source,
    String format,
    int layers,
    long parameters,
    PrecisionPlan plan,
    String planText,
    String hardwareId,
    String hardwareName,
    Workload workload,
    CostAssumptions assumptions,
    EvalResult accuracy,
    List<ReportFile> files) {

  /** One file of a report folder and what it holds. */
  public record ReportFile(String name, String contents) {}

  public ReportSummary {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(plan, "plan");
    files = List.copyOf(files);
  }
}
