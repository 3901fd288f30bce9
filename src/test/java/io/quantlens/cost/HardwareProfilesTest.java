package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProfilesTest {
  private static final Path ASSETS = Path.of("assets", "hardware");

  @Test
  void indexListsEveryBundledProfileFile() throws Exception {
    Set<String> onDisk;
    try (Stream<Path> files = Files.list(ASSETS)) {
      onDisk =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(onDisk, new TreeSet<>(HardwareProfiles.indexedFiles()));
    assertEquals(
        HardwareProfiles.indexedFiles().size(),
        Set.copyOf(HardwareProfiles.indexedFiles()).size(),
        "no duplicates");
  }

  @Test
  void everyBundledProfileLoadsAndIsComplete() throws Exception {
    List<HardwareProfile> all = HardwareProfiles.builtIn().all();
    assertTrue(all.size() >= 15, "at least fifteen profiles, found " + all.size());
    for (HardwareProfile p : all) {
      assertTrue(HardwareProfile.KINDS.contains(p.kind()), p.id());
      assertEquals(p.peakMacsPerSecond().keySet(), p.energyPerMac().keySet(), p.id());
      assertTrue(p.idleWatts().value() <= p.tdpWatts().value(), p.id());
      // the same file read from disk gives the same profile
      assertEquals(p, HardwareProfiles.read(ASSETS.resolve(p.id() + ".json")));
    }
    List<String> ids = all.stream().map(HardwareProfile::id).toList();
    assertEquals(ids.stream().sorted().toList(), ids, "sorted by id");
    assertTrue(
        ids.containsAll(
            List.of(
                "reference-45nm",
                "nvidia-h100-sxm",
                "nvidia-a100-sxm-80gb",
                "nvidia-jetson-orin-nano-8gb",
                "nvidia-jetson-agx-orin-64gb",
                "google-coral-edge-tpu",
                "raspberry-pi-5-cpu",
                "apple-m4-neural-engine",
                "qualcomm-x-elite-npu",
                "amd-versal-ai-edge-ve2302",
                "nvidia-jetson-agx-orin-64gb-dla",
                "intel-core-ultra-7-258v-npu",
                "intel-core-ultra-7-258v-gpu",
                "apple-m4-gpu",
                "apple-a17-pro-neural-engine")),
        ids.toString());
  }

  @Test
  void h100FiguresAreDatasheetOpsHalvedIntoMacs() throws Exception {
    HardwareProfile h100 = HardwareProfiles.builtIn().byId("nvidia-h100-sxm").orElseThrow();
    // NVIDIA H100 SXM datasheet, dense: FP16 989 TFLOPS, FP8/INT8 1979, FP32 67; 3.35 TB/s; 700 W
    assertEquals(494.5e12, h100.peakMacsPerSecond().get(Precision.FP16).value(), 1e6);
    assertEquals(494.5e12, h100.peakMacsPerSecond().get(Precision.BF16).value(), 1e6);
    assertEquals(989.5e12, h100.peakMacsPerSecond().get(Precision.INT8).value(), 1e6);
    assertEquals(989.5e12, h100.peakMacsPerSecond().get(Precision.FP8).value(), 1e6);
    assertEquals(33.5e12, h100.peakMacsPerSecond().get(Precision.FP32).value(), 1e6);
    assertFalse(h100.supports(Precision.INT4));
    assertEquals(3.35e12, h100.memoryBandwidth().value(), 1);
    assertEquals(700, h100.tdpWatts().value(), 0);
    assertFalse(h100.peakMacsPerSecond().get(Precision.FP16).estimate());
    assertTrue(h100.energyPerMac().get(Precision.INT8).estimate());
    assertFalse(h100.energyPerMac().get(Precision.INT8).derivation().isBlank());
  }

  @Test
  void sparseVendorFiguresAreHalvedAgain() throws Exception {
    HardwareProfiles all = HardwareProfiles.builtIn();
    // Jetson Orin Nano 8GB: 40 sparse INT8 TOPS = 20 dense TOPS = 10e12 MAC/s
    Sourced nano =
        all.byId("nvidia-jetson-orin-nano-8gb")
            .orElseThrow()
            .peakMacsPerSecond()
            .get(Precision.INT8);
    assertEquals(10e12, nano.value(), 1);
    assertTrue(nano.source().contains("halved for dense"), nano.source());
    // Jetson AGX Orin 64GB GPU alone: 170 sparse INT8 TOPS (technical brief) -> 42.5e12 MAC/s
    assertEquals(
        42.5e12,
        all.byId("nvidia-jetson-agx-orin-64gb")
            .orElseThrow()
            .peakMacsPerSecond()
            .get(Precision.INT8)
            .value(),
        1);
  }

  private static HardwareProfile get(String id) throws Exception {
    return HardwareProfiles.builtIn().byId(id).orElseThrow();
  }

  @Test
  void agxOrinGpuAndDlasAddUpToTheModuleFigure() throws Exception {
    // technical brief: GPU 170 + two DLAs 105 = 275 sparse INT8 TOPS; MAC/s = TOPS / 4
    double gpu = get("nvidia-jetson-agx-orin-64gb").peakMacsPerSecond().get(Precision.INT8).value();
    HardwareProfile dla = get("nvidia-jetson-agx-orin-64gb-dla");
    double dlas = dla.peakMacsPerSecond().get(Precision.INT8).value();
    assertEquals(26.25e12, dlas, 1);
    assertEquals(275e12 / 4, gpu + dlas, 1);
    assertEquals(Set.of(Precision.INT8, Precision.FP16), dla.nativePrecisions());
    // the DLAs' power share: 60 W x 105 / 275
    assertEquals(22.9, dla.tdpWatts().value(), 0.05);
    assertEquals(new Sourced.Range(5, 22.9), dla.tdpWatts().range());
  }

  @Test
  void idlePowersFollowMeasurements() throws Exception {
    // A100: observed 54-65 W idle, not 10 % of 400 W
    Sourced a100 = get("nvidia-a100-sxm-80gb").idleWatts();
    assertEquals(60, a100.value(), 0);
    assertEquals(new Sourced.Range(54, 65), a100.range());
    // Orin Nano: tegrastats VDD_IN 2180 mW stripped down
    Sourced nano = get("nvidia-jetson-orin-nano-8gb").idleWatts();
    assertEquals(2.18, nano.value(), 0);
    assertTrue(nano.range().low() >= 2.18);
  }

  @Test
  void m4NeuralEngineUsesTheMeasuredFp16RateAndPower() throws Exception {
    HardwareProfile ane = get("apple-m4-neural-engine");
    // 19 TFLOPS FP16 measured = half of Apple's 38 TOPS; INT8 no faster
    assertEquals(9.5e12, ane.peakMacsPerSecond().get(Precision.FP16).value(), 1);
    assertEquals(9.5e12, ane.peakMacsPerSecond().get(Precision.INT8).value(), 1);
    // 19 TFLOPS / 6.6 TFLOPS per W
    assertEquals(19 / 6.6, ane.tdpWatts().value(), 0.005);
    assertEquals(new Sourced.Range(2.8, 7.6), ane.tdpWatts().range());
    // energy per MAC: 0.5 x 2.88 W / 9.5e12 MAC/s
    assertEquals(0.5 * 2.88 / 9.5e12, ane.energyPerMac().get(Precision.FP16).value(), 1e-16);
  }

  @Test
  void versalThroughputSpansTheSpeedGradesAndItsInt4IsW4A8() throws Exception {
    HardwareProfile versal = get("amd-versal-ai-edge-ve2302");
    Sourced int8 = versal.peakMacsPerSecond().get(Precision.INT8);
    // 34 tiles x 256 MACs x 1.3 GHz (-2, 0.88 V), down to 1.0 GHz (-1L) (DS958)
    assertEquals(34 * 256 * 1.3e9, int8.value(), 1e3);
    assertEquals(34 * 256 * 1.0e9, int8.range().low(), 1e3);
    assertEquals(34 * 512 * 1.3e9, versal.peakMacsPerSecond().get(Precision.INT4).value(), 1e3);
    assertTrue(versal.int4TakesInt8Activations());
    assertEquals("native INT4 x INT8 (W4A8) units", versal.computeFor(Precision.INT4).reason());
    assertFalse(get("nvidia-a100-sxm-80gb").int4TakesInt8Activations());
  }

  @Test
  void lunarLakeNpuAndGpu() throws Exception {
    HardwareProfile npu = get("intel-core-ultra-7-258v-npu");
    // Intel: 48 INT8 TOPS = 12,288 MACs x 1.95 GHz
    assertEquals(24e12, npu.peakMacsPerSecond().get(Precision.INT8).value(), 1);
    // 47.9 TOPS rounded to 48
    assertEquals(12288 * 1.95e9, npu.peakMacsPerSecond().get(Precision.INT8).value(), 0.05e12);
    HardwareProfile gpu = get("intel-core-ultra-7-258v-gpu");
    // 8 Xe2 cores x 8 XMX x 256 INT8 MACs x 1.95 GHz; Intel's 67 TOPS is the same at 2.05 GHz
    double int8 = gpu.peakMacsPerSecond().get(Precision.INT8).value();
    assertEquals(8 * 8 * 256 * 1.95e9, int8, 0.01e12);
    assertEquals(67.1e12, 2 * int8 * 2.05 / 1.95, 0.1e12);
    assertEquals(8 * 8 * 16 * 1.95e9, gpu.peakMacsPerSecond().get(Precision.FP32).value(), 1e9);
    // LPDDR5X-8533 x 128 bit
    assertEquals(8533e6 * 16, npu.memoryBandwidth().value(), 0.1e9);
    assertEquals(npu.memoryBandwidth(), gpu.memoryBandwidth());
  }

  @Test
  void appleM4GpuAndA17ProNeuralEngine() throws Exception {
    HardwareProfile gpu = get("apple-m4-gpu");
    // 10 cores x 128 ALUs x 1.47 GHz FMA
    assertEquals(10 * 128 * 1.47e9, gpu.peakMacsPerSecond().get(Precision.FP32).value(), 1e9);
    assertEquals(Set.of(Precision.FP32, Precision.FP16), gpu.nativePrecisions());
    assertEquals(Precision.FP16, gpu.computeFor(Precision.INT4).used());
    assertEquals(120e9, gpu.memoryBandwidth().value(), 0);
    HardwareProfile a17 = get("apple-a17-pro-neural-engine");
    // Apple's 35 TOPS, read as twice the FP16 rate as measured on the M4's Neural Engine
    assertEquals(35e12 / 4, a17.peakMacsPerSecond().get(Precision.FP16).value(), 1);
    assertEquals(17.5 / 6.6, a17.tdpWatts().value(), 0.005);
    // 64-bit LPDDR5-6400
    assertEquals(6400e6 * 8, a17.memoryBandwidth().value(), 0);
  }

  @Test
  void horowitzReferenceEnergies() throws Exception {
    HardwareProfile ref = HardwareProfiles.builtIn().byId("reference-45nm").orElseThrow();
    // Horowitz ISSCC 2014: fp32 mul 3.7 + add 0.9; fp16 1.1 + 0.4; int8 mul 0.2 + int32 add 0.1 pJ
    assertEquals(4.6e-12, ref.energyPerMac().get(Precision.FP32).value(), 1e-18);
    assertEquals(1.5e-12, ref.energyPerMac().get(Precision.FP16).value(), 1e-18);
    assertEquals(0.3e-12, ref.energyPerMac().get(Precision.INT8).value(), 1e-18);
    // DRAM 64-bit read 1.3 nJ (lower end) / 8 bytes
    assertEquals(1.3e-9 / 8, ref.energyPerDramByte().value(), 1e-18);
  }

  @Test
  void userFolderOverridesABuiltInAndAddsNewOnes(@TempDir Path dir) throws Exception {
    String a100 = Files.readString(ASSETS.resolve("nvidia-a100-sxm-80gb.json"));
    Files.writeString(
        dir.resolve("nvidia-a100-sxm-80gb.json"),
        a100.replace("\"NVIDIA A100 SXM 80GB\"", "\"My A100\""));
    String coral = Files.readString(ASSETS.resolve("google-coral-edge-tpu.json"));
    Files.writeString(
        dir.resolve("my-coral.json"),
        coral.replace("\"id\": \"google-coral-edge-tpu\"", "\"id\": \"my-coral\""));
    Files.writeString(dir.resolve("ignored.txt"), "not a profile");

    HardwareProfiles loaded = HardwareProfiles.load(dir);
    int builtIn = HardwareProfiles.builtIn().all().size();
    assertEquals(builtIn + 1, loaded.all().size());
    assertEquals("My A100", loaded.byId("nvidia-a100-sxm-80gb").orElseThrow().name());
    assertTrue(loaded.byId("my-coral").isPresent());
    assertTrue(loaded.byId("google-coral-edge-tpu").isPresent());
  }

  @Test
  void aMissingUserFolderIsFine(@TempDir Path dir) throws Exception {
    HardwareProfiles loaded = HardwareProfiles.load(dir.resolve("does-not-exist"));
    assertEquals(HardwareProfiles.builtIn().all(), loaded.all());
  }

  @Test
  void defaultUserFolderEndsInQuantlensHardware() {
    Path folder = HardwareProfiles.defaultUserFolder();
    assertEquals(
        Path.of("quantlens", "hardware"),
        folder.subpath(folder.getNameCount() - 2, folder.getNameCount()));
  }

  @Test
  void precisionIds() {
    for (Precision p : Precision.values()) {
      assertEquals(p, Precision.parse(p.id()));
    }
    assertEquals(Precision.INT4, Precision.parse(" INT4 "));
    assertEquals(4, Precision.INT4.bits());
    assertEquals(16, Precision.BF16.bits());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Precision.parse("int3"));
    assertEquals("unknown precision 'int3' (fp32, fp16, bf16, fp8, int8, int4)", e.getMessage());
  }
}
