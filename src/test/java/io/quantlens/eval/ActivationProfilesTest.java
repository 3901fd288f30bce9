package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The all-layers profile pass gives what each layer's own profile gives. */
class ActivationProfilesTest {
  @Test
  void theStreamedPassEqualsTheLayerByLayerProfiles() throws Exception {
    Path onnx =
        Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn", "mnist-cnn.onnx");
    Model model = ModelFiles.open(onnx);
    EvalData data = EvalDataLoader.load(onnx.resolveSibling("eval"), model, DataOrigin.BUNDLED);
    PrecisionPlan plan =
        PrecisionPlan.uniform(Scheme.parse("int8"))
            .withActivations(ActivationScheme.parse("int8"))
            .withActivation("fc2", ActivationScheme.parse("int4:token:sym:dynamic"));
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), new EvalOptions(1, 64))) {
      Map<String, ActivationProfile> all = evaluator.activationProfiles(plan, EvalProgress.NONE);
      assertEquals(4, all.size());
      for (Layer layer : model.layers()) {
        ActivationProfile one = evaluator.activationProfile(plan, layer.name(), EvalProgress.NONE);
        ActivationProfile streamed = all.get(layer.name());
        assertEquals(one.value(), streamed.value(), layer.name());
        assertEquals(one.scheme(), streamed.scheme(), layer.name());
        assertEquals(one.calibrated(), streamed.calibrated(), layer.name());
        assertEquals(one.sqnrDb(), streamed.sqnrDb(), layer.name());
        assertEquals(one.clippedShare(), streamed.clippedShare(), layer.name());
        assertEquals(one.channels(), streamed.channels(), layer.name());
        assertEquals(one.excessKurtosis(), streamed.excessKurtosis(), layer.name());
        assertEquals(one.channelAxis(), streamed.channelAxis(), layer.name());
      }
    }
  }
}
