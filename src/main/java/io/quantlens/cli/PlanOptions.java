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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --plan FILE}, {@code --scheme S} or {@code --preset ID}: which precision each layer gets.
 */
final class PlanOptions {
  @ArgGroup(exclusive = true)
  private Choice choice;

  static final class Choice {
    @Option(names = "--plan", paramLabel = "PLAN.json", descriptionKey = "option.plan.plan")
    Path file;

    @Option(names = "--scheme", paramLabel = "S", descriptionKey = "option.plan.scheme")
    String scheme;

    @Option(names = "--preset", paramLabel = "ID", descriptionKey = "option.plan.preset")
    String preset;
  }

  @Option(names = "--activations", paramLabel = "A", descriptionKey = "option.plan.activations")
  private String activations;

  @Option(names = "--smoothquant", paramLabel = "ALPHA", descriptionKey = "option.plan.smoothquant")
  private Double smoothQuant;

  /** The command these options belong to, whose texts their errors use. */
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  /** The preset given with --preset, if any. */
  java.util.Optional<String> presetId() {
    return java.util.Optional.ofNullable(choice == null ? null : choice.preset);
  }

  /** True when --activations or --smoothquant was given. */
  boolean touchesActivations() {
    return activations != null || smoothQuant != null;
  }

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

  /**
   * The preset named {@code id}.
   *
   * @throws IllegalArgumentException listing the known presets when there is none by that name
   */
  static PlanPreset preset(String id, io.quantlens.text.Messages texts) {
    return PlanPresets.byId(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    texts.get(
                        "error.preset",
                        id,
                        PlanPresets.all().stream()
                            .map(PlanPreset::id)
                            .collect(java.util.stream.Collectors.joining(", ")))));
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
      return preset(choice.preset, CliText.of(command)).planFor(model);
    }
    return PrecisionPlan.uniform(Scheme.parse(choice.scheme));
  }
}
