package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two fields format 1 gained in 2026-12: a constant's {@code range} and the int4 entry's {@code
 * activations} (docs/hardware-profiles.md#fields).
 */
class ProfileRangeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static ObjectNode chip() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"format_version": 1, "id": "w4a8-chip", "name": "W4A8 chip", "kind": "npu",
             "process_node": "7 nm",
             "peak_ops_per_second": {
               "int8": {"value": 8e12, "source": "ds", "estimate": false},
               "int4": {"value": 16e12, "source": "ds", "estimate": false,
                        "range": [12e12, 16e12], "activations": "int8"}},
             "memory_bandwidth_bytes_per_second": {"value": 5e10, "source": "ds", "estimate": false},
             "tdp_watts": {"value": 3, "source": "measured", "estimate": true,
                           "derivation": "one measurement", "range": [2.8, 7.6]},
             "idle_watts": {"value": 0.1, "source": "ds", "estimate": false},
             "energy_per_mac_joules": {
               "int8": {"value": 1e-12, "source": "x", "estimate": true, "derivation": "guess"},
               "int4": {"value": 5e-13, "source": "x", "estimate": true, "derivation": "guess"}},
             "energy_per_dram_byte_joules": {"value": 4e-11, "source": "x", "estimate": false}}
            """);
  }

  private HardwareProfile read(ObjectNode json) throws Exception {
    Path file = dir.resolve("w4a8-chip.json");
    Files.writeString(file, JSON.writeValueAsString(json));
    return HardwareProfiles.read(file);
  }

  private String error(ObjectNode json) {
    return assertThrows(HardwareProfileException.class, () -> read(json)).getMessage();
  }

  @Test
  void aRangeIsKeptAndConvertsWithItsPeak() throws Exception {
    HardwareProfile p = read(chip());
    assertEquals(new Sourced.Range(2.8, 7.6), p.tdpWatts().range());
    // 12e12..16e12 ops/s halve into MAC/s with the value
    assertEquals(new Sourced.Range(6e12, 8e12), p.peakMacsPerSecond().get(Precision.INT4).range());
    assertNull(p.peakMacsPerSecond().get(Precision.INT8).range());
    assertTrue(
        p.tdpWatts().provenance().endsWith("[range 2.80 to 7.60]"), p.tdpWatts().provenance());
    assertTrue(p.int4TakesInt8Activations());
  }

  @Test
  void activationsDefaultToFourBits() throws Exception {
    ObjectNode json = chip();
    ((ObjectNode) json.get("peak_ops_per_second").get("int4")).remove("activations");
    HardwareProfile p = read(json);
    assertFalse(p.int4TakesInt8Activations());
    assertEquals("native INT4 units", p.computeFor(Precision.INT4).reason());
  }

  @Test
  void badRanges() throws Exception {
    ObjectNode outside = chip();
    ((ObjectNode) outside.get("tdp_watts")).putArray("range").add(4).add(7.6);
    assertEquals("w4a8-chip.json: tdp_watts.range: value 3.0 lies outside [4,7.6]", error(outside));
    ObjectNode reversed = chip();
    ((ObjectNode) reversed.get("tdp_watts")).putArray("range").add(7.6).add(2.8);
    assertEquals(
        "w4a8-chip.json: tdp_watts.range: expected 0 < low <= high, found [7.6,2.8]",
        error(reversed));
    ObjectNode single = chip();
    ((ObjectNode) single.get("tdp_watts")).putArray("range").add(3);
    assertTrue(
        error(single).startsWith("w4a8-chip.json: tdp_watts.range: expected [low, high]"),
        error(single));
  }

  @Test
  void badActivations() throws Exception {
    ObjectNode onInt8 = chip();
    ((ObjectNode) onInt8.get("peak_ops_per_second").get("int8")).put("activations", "int8");
    assertEquals(
        "w4a8-chip.json: peak_ops_per_second.int8.activations: only the int4 entry can name its"
            + " activations' width",
        error(onInt8));
    ObjectNode fp16 = chip();
    ((ObjectNode) fp16.get("peak_ops_per_second").get("int4")).put("activations", "fp16");
    assertEquals(
        "w4a8-chip.json: peak_ops_per_second.int4.activations: expected \"int4\" or \"int8\","
            + " found string \"fp16\"",
        error(fp16));
  }
}
