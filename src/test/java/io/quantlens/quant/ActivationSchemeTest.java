package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.ActivationScheme.Mode;
import io.quantlens.quant.ActivationScheme.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivationSchemeTest {
  @ParameterizedTest
  @CsvSource({
    "int8, int8:tensor:asym:static",
    "INT8:sym, int8:tensor:sym:static",
    "int8:entropy, int8:tensor:asym:static:entropy",
    "int8:tensor:sym:static:p99.99, int8:tensor:sym:static:p99.99",
    "int8:dynamic, int8:tensor:asym:dynamic",
    "int8:token, int8:token:asym:dynamic",
    "int4:token:sym, int4:token:sym:dynamic",
    "int8:mse, int8:tensor:asym:static:mse",
    "fp8e4m3, fp8e4m3:tensor:static",
    "fp8e4m3:token, fp8e4m3:token:dynamic",
    "fp16, fp16",
    "bf16, bf16",
    "fp32, fp32"
  })
  void parsesToItsCanonicalText(String text, String id) {
    ActivationScheme scheme = ActivationScheme.parse(text);
    assertEquals(id, scheme.id());
    assertEquals(scheme, ActivationScheme.parse(id));
  }

  @Test
  void defaultsAreOrtStatic() {
    ActivationScheme s = ActivationScheme.parse("int8");
    assertEquals(new IntFormat(8), s.format());
    assertEquals(Scope.TENSOR, s.scope());
    assertEquals(Symmetry.ASYM, s.symmetry());
    assertEquals(Mode.STATIC, s.mode());
    assertEquals(Calibration.MINMAX, s.calibration());
    assertTrue(s.needsCalibration());
    assertFalse(ActivationScheme.parse("int8:dynamic").needsCalibration());
    assertFalse(ActivationScheme.parse("fp16").needsCalibration());
    assertTrue(ActivationScheme.NONE.isNone());
    assertEquals(8, ActivationScheme.parse("fp8e4m3").bits());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "int8:token:static | per-token ranges are found at each run; write token:dynamic",
        "int8:dynamic:entropy | 'entropy': a dynamic range is found at each run, not calibrated",
        "fp16:tensor | 'tensor': fp16 is a plain cast and takes no options",
        "fp8e4m3:asym | 'asym': fp8e4m3 activations are symmetric",
        "int8:channel | 'channel' is not a granularity (tensor, token), symmetry (sym, asym), mode"
            + " (static, dynamic) or calibration (minmax, pX, mse, entropy)",
        "int8:sym:asym | 'asym': symmetry given twice",
        "int8:p0 | 'p0': a percentile is p followed by a number in (0, 100]",
        "q4_0 | 'q4_0' is not an activation format (fp32, fp16, bf16, fp8e4m3, int2 … int8)",
        "fp8e5m2 | 'fp8e5m2' is not an activation format (fp32, fp16, bf16, fp8e4m3, int2 … int8)"
      })
  void badTextSaysWhatIsWrong(String text, String problem) {
    SchemeSyntaxException e =
        assertThrows(SchemeSyntaxException.class, () -> ActivationScheme.parse(text));
    assertEquals("bad scheme '" + text + "': " + problem, e.getMessage());
  }
}
