package io.quantlens.analysis;

import io.quantlens.model.Model;
import java.util.function.Function;

/**
 * A named precision plan recipe, such as "every layer INT8" or "INT4 with the first and last layers
 * at INT8". Some presets depend on the model (which layers are first and last), so a preset makes a
 * plan for a given model.
 *
 * @param id short stable name, used in project files and on the command line
 * @param name the title shown to a user
 * @param description one sentence saying what the preset does
 * @param source the document the recipe follows
 * @param generator makes the plan for a model
 */
public record PlanPreset(
    String id,
    String name,
    String description,
    String source,
    Function<Model, PrecisionPlan> generator) {

  /** The preset's plan for {@code model}. */
  public PrecisionPlan planFor(Model model) {
    return generator.apply(model);
  }

  @Override
  public String toString() {
    return id;
  }
}
