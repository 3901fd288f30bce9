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
}
