package io.quantlens.session;

import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.openvino.NncfForm;
import io.quantlens.formats.openvino.NncfForm.Mode;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.IntRecipe;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.Symmetry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan as NNCF stores compressed weights in an OpenVINO IR (docs/file-formats.md#writing-an-nncf-
 * ir): an NNCF-recipe integer scheme of 8 bits per channel ({@code int8:channel:asym:nncf}, {@code
 * int8:channel:sym:nncf}) or of 4 bits per channel or in groups ({@code int4:g128:sym:nncf}, {@code
 * int4:channel:asym:nncf}) is that NNCF mode; FP32, the plan's "as stored", leaves the layer as it
 * is. Other schemes, ONNX Runtime's integer arithmetic included, have no NNCF form.
 */
public final class OpenVinoPlanForms {
  private OpenVinoPlanForms() {}

  /**
   * Layer name → form for every layer whose plan scheme is not FP32.
   *
   * @throws IllegalArgumentException naming the layer and scheme when a scheme has no NNCF form
   */
  public static Map<String, NncfForm> of(Model model, PrecisionPlan plan) {
    Map<String, NncfForm> forms = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      Scheme scheme = plan.schemeFor(layer.name());
      if (!scheme.equals(PrecisionPlan.FP32)) {
        forms.put(layer.name(), form(layer, scheme));
      }
    }
    return forms;
  }

  private static NncfForm form(Layer layer, Scheme scheme) {
    if (scheme.format() instanceof IntFormat f && scheme.recipe() == IntRecipe.NNCF) {
      boolean asym = scheme.symmetry() == Symmetry.ASYM;
      Granularity g = scheme.granularity();
      boolean channel = g.kind() == Granularity.Kind.CHANNEL;
      if (f.bits() == 8 && channel) {
        return new NncfForm(asym ? Mode.INT8_ASYM : Mode.INT8_SYM, 0);
      }
      if (f.bits() == 4 && (channel || g.kind() == Granularity.Kind.GROUP)) {
        return new NncfForm(asym ? Mode.INT4_ASYM : Mode.INT4_SYM, channel ? 0 : g.groupSize());
      }
    }
    throw new IllegalArgumentException(
        layer.name()
            + ": "
            + scheme.id()
            + " has no NNCF form; an OpenVINO IR takes int8:channel:sym|asym:nncf and"
            + " int4:channel|gN:sym|asym:nncf");
  }
}
