package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.files.AtomicWrite;
import io.quantlens.report.EvalCsv;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens eval MODEL}: measured output change of a precision plan against FP32. */
@Command(name = "eval", mixinStandardHelpOptions = true)
final class EvalCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", descriptionKey = "param.onnxModel")
  private Path model;

  @Mixin private PlanOptions planOptions;

  @Mixin private EvalOptionsMixin evalOptions;

  @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "option.eval.csv")
  private Path csv;

  @Option(names = "--bias-correction", descriptionKey = "option.eval.bias-correction")
  private boolean biasCorrection;

  @Option(names = "--save-outputs", paramLabel = "DIR", descriptionKey = "option.eval.save-outputs")
  private Path saveOutputs;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), planOptions.file(), evalOptions.dataFiles()),
        OutputPaths.named("--csv", csv),
        CliText.of(spec));
    OutputArrays saved =
        saveOutputs == null
            ? null
            : OutputArrays.check(
                saveOutputs,
                session.model(),
                OutputPaths.inputs(
                    session.model().source(), planOptions.file(), evalOptions.dataFiles()),
                csv,
                CliText.of(spec));
    PrecisionPlan chosen = planOptions.plan(session.model());
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    if (saved != null) {
      saved.prepare();
    }
    try (Evaluator evaluator = evalOptions.open(session)) {
      var progress = ConsoleProgress.forEval(spec.commandLine().getErr());
      PrecisionPlan plan = evaluator.effective(chosen);
      PrecisionPlan corrected = plan.withBiasCorrection(session.model(), true);
      PrecisionPlan measured = biasCorrection ? corrected : plan;
      EvalResult result = evaluator.evaluate(measured, progress);
      PrintWriter out = spec.commandLine().getOut();
      Messages texts = CliText.of(spec);
      new EvalReport(
              session.model(), result, evaluator.data().describeInputs(), evaluator.batch(), texts)
          .print(out);
      if (biasCorrection) {
        EvalReport.printWithout(
            out,
            texts.get("eval.without.biasCorrection"),
            evaluator.evaluate(plan, result.samples(), progress),
            texts);
      } else if (plan.smoothes()) {
        EvalReport.printWithout(
            out,
            "SmoothQuant",
            evaluator.evaluate(plan.withSmoothQuant(Double.NaN), result.samples(), progress),
            texts);
      }
      if (csv != null) {
        EvalCsv.write(result, csv);
        out.println(CliText.of(spec).get("output.written", "CSV", csv));
      }
      if (saved != null) {
        saved.write(evaluator, measured, result.samples(), progress);
        saved.describe(out, result.samples(), texts);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
