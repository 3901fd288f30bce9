package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComputeForTest {
  private static HardwareProfiles profiles;

  @BeforeAll
  static void load() throws Exception {
    profiles = HardwareProfiles.builtIn();
  }

  private static HardwareProfile get(String id) {
    return profiles.byId(id).orElseThrow();
  }

  @Test
  void int4IsNativeOnA100() {
    ComputeChoice c = get("nvidia-a100-sxm-80gb").computeFor(Precision.INT4);
    assertEquals(Precision.INT4, c.used());
    assertTrue(c.isNative());
  }

  @Test
  void int4OnH100ComputesAsInt8() {
    ComputeChoice c = get("nvidia-h100-sxm").computeFor(Precision.INT4);
    assertEquals(Precision.INT4, c.requested());
    assertEquals(Precision.INT8, c.used());
    assertFalse(c.isNative());
    assertEquals("no INT4 units: computed as INT8, storage savings only", c.reason());
  }

  @Test
  void fp8OnA100ComputesAsFp16() {
    ComputeChoice c = get("nvidia-a100-sxm-80gb").computeFor(Precision.FP8);
    assertEquals(Precision.FP16, c.used());
    assertFalse(c.isNative());
  }

  @Test
  void everythingOnCoralComputesAsInt8() {
    HardwareProfile coral = get("google-coral-edge-tpu");
    for (Precision p : Precision.values()) {
      ComputeChoice c = coral.computeFor(p);
      assertEquals(Precision.INT8, c.used(), p.toString());
      assertEquals(p == Precision.INT8, c.isNative(), p.toString());
      assertFalse(c.reason().isBlank());
    }
  }

  @Test
  void bf16FallsBackToFp32AndFp16ToTheWidestWhenNothingWider() {
    // Raspberry Pi 5: fp32, fp16, int8
    assertEquals(Precision.FP32, get("raspberry-pi-5-cpu").computeFor(Precision.BF16).used());
    // Versal AIE-ML: int4, int8, bf16 -> fp16 and fp32 have no wider native unit: widest is bf16
    HardwareProfile versal = get("amd-versal-ai-edge-ve2302");
    assertEquals(Precision.BF16, versal.computeFor(Precision.FP16).used());
    assertEquals(Precision.BF16, versal.computeFor(Precision.FP32).used());
    assertEquals(Precision.INT4, versal.computeFor(Precision.INT4).used());
  }

  @Test
  void chainOrderOnASyntheticDevice() {
    // only BF16 and FP32: INT4 -> INT8 (no) -> FP16 (no) -> BF16
    Map<Precision, Sourced> peaks = new EnumMap<>(Precision.class);
    peaks.put(Precision.BF16, new Sourced(1e12, "test", false));
    peaks.put(Precision.FP32, new Sourced(1e11, "test", false));
    HardwareProfile p =
        new HardwareProfile(
            "t",
            "t",
            "reference",
            "n",
            peaks,
            new Sourced(1, "t", false),
            new Sourced(1, "t", false),
            new Sourced(1, "t", false),
            peaks,
            new Sourced(1, "t", false),
            "");
    assertEquals(Precision.BF16, p.computeFor(Precision.INT4).used());
    assertEquals(Precision.BF16, p.computeFor(Precision.FP8).used());
    assertEquals(Precision.FP32, p.computeFor(Precision.FP16).used());
    assertTrue(p.computeFor(Precision.FP32).isNative());
  }

  @Test
  void ggmlBlocksComputeAsInt8OrInt4() {
    assertEquals(Precision.INT8, ComputePrecisions.of(io.quantlens.quant.Scheme.parse("q8_0")));
    for (String s : new String[] {"q4_0", "q5_1", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k"}) {
      assertEquals(Precision.INT4, ComputePrecisions.of(io.quantlens.quant.Scheme.parse(s)), s);
    }
  }
}
