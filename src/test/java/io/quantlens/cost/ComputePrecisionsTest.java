package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The arithmetic a layer computes in follows its weights and its input activations together. */
class ComputePrecisionsTest {
  @ParameterizedTest
  @CsvSource({
    "int8, int8, INT8, 1",
    "int4:g32:sym, int8, INT8, 1",
    "int4:g32:sym, int4:token:sym, INT4, 0.5",
    "int8, int8:token:sym:dynamic, INT8, 1",
    "int4:g32:sym, fp16, FP16, 2",
    "int4:g32:sym, bf16, BF16, 2",
    "int8, fp32, FP32, 4",
    "q4_k, fp32, FP32, 4",
    "fp16, fp32, FP32, 4",
    "fp16, fp16, FP16, 2",
    "fp8e4m3, fp8e4m3, FP8, 1",
    "int8, fp8e4m3, FP8, 1",
    "fp16, int8, FP16, 1",
    "fp32, fp32, FP32, 4"
  })
  void weightsAndActivationsTogether(
      String weights, String activations, Precision compute, double activationBytes) {
    ActivationScheme a = ActivationScheme.parse(activations);
    assertEquals(compute, ComputePrecisions.of(Scheme.parse(weights), a));
    assertEquals(activationBytes, ComputePrecisions.activationBytes(a));
  }

  /**
   * AMD's AIE-ML multiplies 4-bit weights by 8-bit activations (AM020; the Versal profile's int4
   * entry says {@code "activations": "int8"}): W4A8 runs on those units, while on the A100, whose
   * INT4 Tensor Cores take 4-bit operands on both sides, W4A8 stays in INT8.
   */
  @ParameterizedTest
  @CsvSource({
    "amd-versal-ai-edge-ve2302, int4:g32:sym, int8, INT4",
    "amd-versal-ai-edge-ve2302, int4:g32:sym, int4:token:sym, INT4",
    "amd-versal-ai-edge-ve2302, int8, int8, INT8",
    "amd-versal-ai-edge-ve2302, int4:g32:sym, bf16, BF16",
    "nvidia-a100-sxm-80gb, int4:g32:sym, int8, INT8",
    "nvidia-a100-sxm-80gb, int4:g32:sym, int4:token:sym, INT4"
  })
  void w4a8UnitsTakeW4A8Layers(String device, String weights, String activations, Precision p)
      throws Exception {
    HardwareProfile hw = HardwareProfiles.builtIn().byId(device).orElseThrow();
    assertEquals(
        p, ComputePrecisions.of(Scheme.parse(weights), ActivationScheme.parse(activations), hw));
  }
}
