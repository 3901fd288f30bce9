package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.files.AtomicWrite;
import io.quantlens.report.EvalCsv;
import io.quantlens.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens eval MODEL}: measured output change of a precision plan against FP32. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Run the model in ONNX Runtime with fake-quantized weights and compare with FP32:"
            + " accuracy, top-1 agreement, KL divergence, output SQNR, cosine."
            + " --save-outputs DIR also writes both runs' outputs as NumPy files.")
final class EvalCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "MODEL",
      description = "Model file (.onnx) or a sample name (see `samples`).")
  private Path model;

  @Mixin private PlanOptions planOptions;

  @Mixin private EvalOptionsMixin evalOptions;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Write one row per sample (classes, KL, cosine, neighbours).")
  private Path csv;

  @Option(
      names = "--bias-correction",
      description =
          "Correct each quantized Conv, Gemm and MatMul layer's output for the mean shift its"
              + " quantized weights cause (−ΔW·E[x], E[x] measured on the calibration samples),"
              + " and print the accuracy without the correction beside it, on the same samples.")
  private boolean biasCorrection;

  @Option(
      names = "--save-outputs",
      paramLabel = "DIR",
      description =
          "Write every float model output of the quantized run and of the reference run (the"
              + " model as stored) on the measured samples as float32 .npy files,"
              + " DIR/quantized/NAME.npy and DIR/reference/NAME.npy, samples stacked on axis 0;"
              + " characters other than A-Z a-z 0-9 . _ - in NAME become _. DIR is created if"
              + " missing; files already there are never replaced.")
  private Path saveOutputs;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), planOptions.file(), evalOptions.dataFiles()),
        OutputPaths.named("--csv", csv));
    OutputArrays saved =
        saveOutputs == null
            ? null
            : OutputArrays.check(
                saveOutputs,
                session.model(),
                OutputPaths.inputs(
                    session.model().source(), planOptions.file(), evalOptions.dataFiles()),
                csv);
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
      new EvalReport(session.model(), result, evaluator.data().describeInputs(), evaluator.batch())
          .print(out);
      if (biasCorrection) {
        EvalReport.printWithout(
            out, "bias correction", evaluator.evaluate(plan, result.samples(), progress));
      } else if (plan.smoothes()) {
        EvalReport.printWithout(
            out,
            "SmoothQuant",
            evaluator.evaluate(plan.withSmoothQuant(Double.NaN), result.samples(), progress));
      }
      if (csv != null) {
        EvalCsv.write(result, csv);
        out.println("CSV written to " + csv);
      }
      if (saved != null) {
        saved.write(evaluator, measured, result.samples(), progress);
        saved.describe(out, result.samples());
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
