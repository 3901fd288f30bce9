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
    assertTrue(all.size() >= 10, "at least ten profiles, found " + all.size());
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
                "amd-versal-ai-edge-ve2302")),
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
    // Jetson AGX Orin 64GB: 275 sparse INT8 TOPS -> 68.75e12 MAC/s
    assertEquals(
        68.75e12,
        all.byId("nvidia-jetson-agx-orin-64gb")
            .orElseThrow()
            .peakMacsPerSecond()
            .get(Precision.INT8)
            .value(),
        1);
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
