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
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
@Command(name = "cost", mixinStandardHelpOptions = true)
final class CostCommand implements Callable<Integer> {
  static final String DEFAULT_HARDWARE = "nvidia-a100-sxm-80gb";

  @Parameters(paramLabel = "MODEL", descriptionKey = "param.model")
  private Path model;

  @Mixin private PlanOptions planOptions;

  @Option(
      names = "--hardware",
      paramLabel = "ID",
      defaultValue = DEFAULT_HARDWARE,
      descriptionKey = "option.cost.hardware")
  private String hardware;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1",
      descriptionKey = "option.cost.batch")
  private int batch;

  @Option(names = "--dim", paramLabel = "NAME=VALUE", descriptionKey = "option.cost.dim")
  private Map<String, Long> dims = new LinkedHashMap<>();

  @Option(
      names = "--efficiency",
      paramLabel = "η",
      defaultValue = "0.6",
      descriptionKey = "option.cost.efficiency")
  private double efficiency;

  @Option(
      names = "--memory-efficiency",
      paramLabel = "η",
      defaultValue = "0.7",
      descriptionKey = "option.cost.memory-efficiency")
  private double memoryEfficiency;

  @Option(names = "--activations-dram", descriptionKey = "option.cost.activations-dram")
  private boolean activationsFromDram;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "10",
      descriptionKey = "option.cost.rate")
  private double rate;

  @Option(
      names = "--pue",
      defaultValue = "" + CostAssumptions.AVERAGE_PUE,
      descriptionKey = "option.cost.pue")
  private double pue;

  @Option(
      names = "--grid",
      paramLabel = "KG_PER_KWH",
      defaultValue = "0.4",
      descriptionKey = "option.cost.grid")
  private double grid;

  @Option(names = "--explain", descriptionKey = "option.cost.explain")
  private boolean explain;

  @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "option.cost.csv")
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
                    new IllegalArgumentException(CliText.of(spec).get("cost.noProfile", hardware)));
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), planOptions.file(), List.of()),
        OutputPaths.named("--csv", csv),
        CliText.of(spec));
    PrecisionPlan plan = planOptions.plan(session.model());
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    Workload workload = new Workload(batch, dims);
    CostComparison cost = session.cost(workload, plan, device, assumptions);
    PrintWriter out = spec.commandLine().getOut();
    Messages texts = CliText.of(spec);
    LabelledLines lines =
        new LabelledLines(texts, 10, "label.model", "label.device", "label.workload", "label.plan");
    out.println(lines.line("label.model", session.model().source().toString()));
    out.println(lines.line("label.device", device.name() + " (" + device.id() + ")"));
    StringBuilder dims =
        new StringBuilder(texts.get("cost.batch", String.valueOf(workload.batch())));
    workload
        .effectiveDims(session.workloadInputs())
        .forEach(
            (name, value) -> {
              if (!name.equals("batch")) {
                dims.append(", ").append(name).append(" = ").append(value);
              }
            });
    out.println(lines.line("label.workload", dims + " (--batch, --dim NAME=VALUE)"));
    out.println(lines.line("label.plan", plan.describe(session.model())));
    out.println();
    new CostReport(cost, texts).print(out);
    if (explain) {
      out.println();
      for (Explanation e : cost.explanations()) {
        out.print(e.render());
      }
    }
    if (csv != null) {
      CostCsv.write(cost, csv);
      out.println(CliText.of(spec).get("output.written", "CSV", csv));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
