package io.quantlens.cli;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.report.PlanJson;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --plan FILE}, {@code --scheme S} or {@code --preset ID}: which precision each layer gets.
 */
final class PlanOptions {
  @ArgGroup(exclusive = true)
  private Choice choice;

  static final class Choice {
    @Option(
        names = "--plan",
        paramLabel = "PLAN.json",
        description =
            "Per-layer schemes: {\"default\":\"fp32\",\"layers\":{\"LAYER\":\"int4:g32:sym\"}}.")
    Path file;

    @Option(
        names = "--scheme",
        paramLabel = "S",
        description = "One scheme for every layer (default without --plan: int8).")
    String scheme;

    @Option(
        names = "--preset",
        paramLabel = "ID",
        description =
            "A plan preset, e.g. llama-q4_k_m, nncf-int4-sym, mlx-4bit, int4 (the window's Preset"
                + " menu lists them all).")
    String preset;
  }

  @Option(
      names = "--activations",
      paramLabel = "A",
      description =
          "Quantize every layer's input activation too, e.g. int8 (static, calibrated:"
              + " int8:tensor:asym:static[:minmax|pX|mse|entropy]), int8:tensor:asym:dynamic,"
              + " int8:token:sym:dynamic, fp8e4m3, fp16; replaces the plan's activations.")
  private String activations;

  @Option(
      names = "--smoothquant",
      paramLabel = "ALPHA",
      description =
          "SmoothQuant: move activation outliers into the weights of the MatMul and Gemm layers"
              + " whose weight and input are both quantized, with migration strength ALPHA in 0..1"
              + " (0.5 is the paper's default); needs --activations or a plan that quantizes them.")
  private Double smoothQuant;

  /** The plan file given with --plan, or null. */
  Path file() {
    return choice == null ? null : choice.file;
  }

  /** The plan asked for, with {@code --activations} applied to every layer when given. */
  PrecisionPlan plan(Model model) throws IOException, ModelFormatException {
    PrecisionPlan plan = weights(model);
    if (activations != null) {
      plan = plan.withActivations(ActivationScheme.parse(activations));
    }
    return smoothQuant == null ? plan : plan.withSmoothQuant(smoothQuant);
  }

  /** The plan's weights; every layer at int8 when no option is given. */
  private PrecisionPlan weights(Model model) throws IOException, ModelFormatException {
    if (choice == null) {
      return PrecisionPlan.uniform(Scheme.parse("int8"));
    }
    if (choice.file != null) {
      return PlanJson.read(choice.file, model);
    }
    if (choice.preset != null) {
      return PlanPresets.byId(choice.preset)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "unknown preset '"
                          + choice.preset
                          + "'; known: "
                          + PlanPresets.all().stream()
                              .map(PlanPreset::id)
                              .collect(java.util.stream.Collectors.joining(", "))))
          .planFor(model);
    }
    return PrecisionPlan.uniform(Scheme.parse(choice.scheme));
  }
}
