package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.Explanation;
import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Workload;
import io.quantlens.files.AtomicWrite;
import io.quantlens.report.CostCsv;
import io.quantlens.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quantlens cost MODEL}: estimated size, traffic, time, energy and power against the model
 * as stored and against FP32.
 */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description =
        "Estimate model size, DRAM traffic, roofline time, energy and power of a plan on a device,"
            + " per layer and in total, with the savings against the model as stored (its weights"
            + " at their stored types: an FP16 file saves nothing at fp16) and against FP32.")
final class CostCommand implements Callable<Integer> {
  static final String DEFAULT_HARDWARE = "nvidia-a100-sxm-80gb";

  @Parameters(
      paramLabel = "MODEL",
      description = "Model file (.onnx, .safetensors, .gguf) or a sample name (see `samples`).")
  private Path model;

  @Mixin private PlanOptions planOptions;

  @Option(
      names = "--hardware",
      paramLabel = "ID",
      defaultValue = DEFAULT_HARDWARE,
      description = "Hardware profile (see `hardware`; default: ${DEFAULT-VALUE}).")
  private String hardware;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1",
      description = "Batch size (default: 1).")
  private int batch;

  @Option(
      names = "--dim",
      paramLabel = "NAME=VALUE",
      description = "Value of a symbolic input dimension, e.g. sequence=256 (repeatable).")
  private Map<String, Long> dims = new LinkedHashMap<>();

  @Option(
      names = "--efficiency",
      paramLabel = "η",
      defaultValue = "0.6",
      description = "Share of peak compute reached (default: ${DEFAULT-VALUE}).")
  private double efficiency;

  @Option(
      names = "--memory-efficiency",
      paramLabel = "η",
      defaultValue = "0.7",
      description = "Share of peak bandwidth reached (default: ${DEFAULT-VALUE}).")
  private double memoryEfficiency;

  @Option(
      names = "--activations-dram",
      description = "Count activations as DRAM traffic too (default: weights only, as at batch 1).")
  private boolean activationsFromDram;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "10",
      description = "Requests per second for power and yearly energy (default: ${DEFAULT-VALUE}).")
  private double rate;

  @Option(
      names = "--pue",
      defaultValue = "" + CostAssumptions.AVERAGE_PUE,
      description = "Data-centre PUE (default: ${DEFAULT-VALUE}, Uptime Institute 2023 average).")
  private double pue;

  @Option(
      names = "--grid",
      paramLabel = "KG_PER_KWH",
      defaultValue = "0.4",
      description = "Grid carbon intensity in kg CO₂ per kWh (default: ${DEFAULT-VALUE}).")
  private double grid;

  @Option(names = "--explain", description = "Print the formula and sources of every total.")
  private boolean explain;

  @Option(names = "--csv", paramLabel = "FILE", description = "Write one row per layer.")
  private Path csv;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CostAssumptions assumptions =
        new CostAssumptions(efficiency, memoryEfficiency, activationsFromDram, rate, pue, grid);
    HardwareProfile device =
        HardwareProfiles.load(HardwareProfiles.defaultUserFolder())
            .byId(hardware)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no hardware profile '" + hardware + "'; `quantlens hardware` lists them"));
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), planOptions.file(), List.of()),
        OutputPaths.named("--csv", csv));
    PrecisionPlan plan = planOptions.plan(session.model());
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    Workload workload = new Workload(batch, dims);
    CostComparison cost = session.cost(workload, plan, device, assumptions);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Model      %s%n", session.model().source());
    out.printf(Locale.ROOT, "Device     %s (%s)%n", device.name(), device.id());
    StringBuilder dims = new StringBuilder("batch " + workload.batch());
    workload
        .effectiveDims(session.workloadInputs())
        .forEach(
            (name, value) -> {
              if (!name.equals("batch")) {
                dims.append(", ").append(name).append(" = ").append(value);
              }
            });
    out.printf(Locale.ROOT, "Workload   %s (--batch, --dim NAME=VALUE)%n", dims);
    out.printf(Locale.ROOT, "Plan       %s%n%n", plan.describe(session.model()));
    new CostReport(cost).print(out);
    if (explain) {
      out.println();
      for (Explanation e : cost.explanations()) {
        out.print(e.render());
      }
    }
    if (csv != null) {
      CostCsv.write(cost, csv);
      out.println("CSV written to " + csv);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
