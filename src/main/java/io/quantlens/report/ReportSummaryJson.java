package io.quantlens.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * A {@link ReportSummary} as {@code summary.json}; docs/exports.md lists its fields. A metric that
 * does not apply is {@code null}, never {@code NaN} (which is not JSON).
 */
public final class ReportSummaryJson {
  public static final String FILE = "summary.json";
  public static final int FORMAT_VERSION = 1;

  private ReportSummaryJson() {}

  public static void write(ReportSummary summary, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("quantlens_report", FORMAT_VERSION);
    root.put("quantlens_version", summary.quantlensVersion());
    root.put("created", summary.created().toString());
    ObjectNode model = root.putObject("model");
    model.put("name", summary.model().name());
    model.put("sha256", summary.model().sha256());
    model.put("source", summary.source());
    model.put("format", summary.format());
    model.put("layers", summary.layers());
    model.put("parameters", summary.parameters());
    // The plan object as a plan file holds it, so it can be cut out and read back.
    root.set("plan", PlanJson.toJson(mapper, summary.plan()));
    root.put("plan_text", summary.planText());
    ObjectNode hardware = root.putObject("hardware");
    hardware.put("id", summary.hardwareId());
    hardware.put("name", summary.hardwareName());
    ObjectNode workload = root.putObject("workload");
    workload.put("batch", summary.workload().batch());
    ObjectNode dims = workload.putObject("dims");
    new TreeMap<>(summary.workload().dims()).forEach(dims::put);
    assumptions(root.putObject("assumptions"), summary.assumptions());
    if (summary.accuracy() != null) {
      ObjectNode accuracy = root.putObject("accuracy");
      accuracy.put("reference", summary.accuracy().reference());
      accuracy.put("samples", summary.accuracy().samples());
      accuracy.put("data", summary.accuracy().data());
      for (EvalCsv.Metric metric : EvalCsv.summary(summary.accuracy())) {
        number(accuracy, metric.name(), metric.value());
      }
    }
    var files = root.putArray("files");
    for (ReportSummary.ReportFile f : summary.files()) {
      files.addObject().put("name", f.name()).put("contents", f.contents());
    }
    AtomicWrite.writeStream(file, out -> mapper.writeValue(out, root));
  }

  private static void assumptions(ObjectNode node, CostAssumptions a) {
    node.put("compute_efficiency", a.computeEfficiency());
    node.put("memory_efficiency", a.memoryEfficiency());
    node.put("activations_from_dram", a.activationsFromDram());
    node.put("requests_per_second", a.requestsPerSecond());
    node.put("pue", a.pue());
    node.put("grid_kg_co2_per_kwh", a.gridKgCo2PerKwh());
  }

  /** Infinity (an exact output SQNR) as the text {@code inf}, as the CSV files write it. */
  private static void number(ObjectNode node, String name, double value) {
    if (Double.isInfinite(value)) {
      node.put(name, value > 0 ? "inf" : "-inf");
    } else {
      node.put(name, value);
    }
  }
}
