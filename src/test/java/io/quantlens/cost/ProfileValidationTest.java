package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken profile files give a HardwareProfileException naming the file, the field and the problem.
 */
class ProfileValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "test-chip.json";

  @TempDir Path dir;

  /** A small valid profile: INT8 and FP16. */
  private static ObjectNode valid() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"format_version": 1, "id": "test-chip", "name": "Test chip", "kind": "npu",
             "process_node": "7 nm",
             "peak_ops_per_second": {
               "int8": {"value": 8e12, "source": "datasheet", "estimate": false},
               "fp16": {"value": 4e12, "source": "datasheet", "estimate": true,
                        "derivation": "half of INT8"}},
             "memory_bandwidth_bytes_per_second": {"value": 5e10, "source": "ds", "estimate": false},
             "tdp_watts": {"value": 10, "source": "ds", "estimate": false},
             "idle_watts": {"value": 1, "source": "ds", "estimate": false},
             "energy_per_mac_joules": {
               "int8": {"value": 1e-12, "source": "x", "estimate": true, "derivation": "guess"},
               "fp16": {"value": 2e-12, "source": "x", "estimate": true, "derivation": "guess"}},
             "energy_per_dram_byte_joules": {"value": 4e-11, "source": "x", "estimate": false},
             "notes": "for tests"}
            """);
  }

  private HardwareProfile read(ObjectNode json) throws Exception {
    Path file = dir.resolve(FILE);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    return HardwareProfiles.read(file);
  }

  private String error(Consumer<ObjectNode> breakIt) throws Exception {
    ObjectNode json = valid();
    breakIt.accept(json);
    HardwareProfileException e = assertThrows(HardwareProfileException.class, () -> read(json));
    return e.getMessage();
  }

  private static ObjectNode at(ObjectNode root, String... path) {
    ObjectNode node = root;
    for (String key : path) {
      node = (ObjectNode) node.get(key);
    }
    return node;
  }

  @Test
  void theValidProfileLoadsWithOpsHalvedIntoMacs() throws Exception {
    HardwareProfile p = read(valid());
    assertEquals("test-chip", p.id());
    assertEquals(4e12, p.peakMacsPerSecond().get(Precision.INT8).value());
    assertEquals("half of INT8", p.peakMacsPerSecond().get(Precision.FP16).derivation());
    assertEquals(10, p.tdpWatts().value());
  }

  @Test
  void sparseFlagHalvesAgain() throws Exception {
    ObjectNode json = valid();
    at(json, "peak_ops_per_second", "int8").put("sparse", true);
    assertEquals(2e12, read(json).peakMacsPerSecond().get(Precision.INT8).value());
  }

  @Test
  void missingField() throws Exception {
    assertEquals(
        "test-chip.json: tdp_watts: missing required field", error(j -> j.remove("tdp_watts")));
    assertEquals(
        "test-chip.json: peak_ops_per_second.int8.source: missing required field",
        error(j -> at(j, "peak_ops_per_second", "int8").remove("source")));
  }

  @Test
  void negativeZeroAndWrongTypedNumbers() throws Exception {
    String negative = error(j -> at(j, "memory_bandwidth_bytes_per_second").put("value", -5e10));
    assertTrue(
        negative.startsWith(
            "test-chip.json: memory_bandwidth_bytes_per_second.value: must be a finite number"
                + " greater than zero"),
        negative);
    String zero = error(j -> at(j, "energy_per_mac_joules", "int8").put("value", 0));
    assertTrue(zero.startsWith("test-chip.json: energy_per_mac_joules.int8.value: "), zero);
    String text = error(j -> at(j, "tdp_watts").put("value", "10 W"));
    assertTrue(text.startsWith("test-chip.json: tdp_watts.value: expected a number"), text);
  }

  @Test
  void unknownPrecision() throws Exception {
    assertEquals(
        "test-chip.json: peak_ops_per_second.int3: unknown precision 'int3'"
            + " (fp32, fp16, bf16, fp8, int8, int4)",
        error(
            j ->
                at(j, "peak_ops_per_second")
                    .set("int3", at(j, "peak_ops_per_second", "int8").deepCopy())));
  }

  @Test
  void unknownKeyIsATypo() throws Exception {
    String top = error(j -> j.set("tdp_wats", j.get("tdp_watts")));
    assertTrue(top.startsWith("test-chip.json: tdp_wats: unknown field"), top);
    String inner = error(j -> at(j, "idle_watts").put("estimated", true));
    assertTrue(inner.startsWith("test-chip.json: idle_watts.estimated: unknown field"), inner);
    String sparseOutsidePeak = error(j -> at(j, "tdp_watts").put("sparse", true));
    assertTrue(sparseOutsidePeak.startsWith("test-chip.json: tdp_watts.sparse: unknown field"));
  }

  @Test
  void idMustMatchTheFileName() throws Exception {
    assertEquals(
        "test-chip.json: id: 'other-chip' does not match the file name (expected 'test-chip')",
        error(j -> j.put("id", "other-chip")));
  }

  @Test
  void estimateNeedsADerivation() throws Exception {
    assertEquals(
        "test-chip.json: energy_per_mac_joules.fp16.derivation: missing: an estimate must say how"
            + " it was derived (derivation)",
        error(j -> at(j, "energy_per_mac_joules", "fp16").remove("derivation")));
  }

  @Test
  void energyMissingForASupportedPrecision() throws Exception {
    assertEquals(
        "test-chip.json: energy_per_mac_joules.fp16: missing: every precision in"
            + " peak_ops_per_second needs an energy per MAC",
        error(j -> at(j, "energy_per_mac_joules").remove("fp16")));
  }

  @Test
  void energyForAPrecisionWithoutPeak() throws Exception {
    String m =
        error(
            j ->
                at(j, "energy_per_mac_joules")
                    .set("int4", at(j, "energy_per_mac_joules", "int8").deepCopy()));
    assertTrue(m.startsWith("test-chip.json: energy_per_mac_joules.int4: no peak"), m);
  }

  @Test
  void unknownKind() throws Exception {
    String m = error(j -> j.put("kind", "gpu"));
    assertTrue(m.startsWith("test-chip.json: kind: unknown kind 'gpu' (cpu, datacenter-gpu"), m);
  }

  @Test
  void idleAboveTdp() throws Exception {
    String m = error(j -> at(j, "idle_watts").put("value", 20));
    assertTrue(m.startsWith("test-chip.json: idle_watts.value: idle power"), m);
  }

  @Test
  void formatVersionAndEmptyPeaks() throws Exception {
    String v = error(j -> j.put("format_version", 2));
    assertTrue(v.startsWith("test-chip.json: format_version: unsupported version 2"), v);
    String empty = error(j -> j.set("peak_ops_per_second", JSON.createObjectNode()));
    assertTrue(empty.startsWith("test-chip.json: peak_ops_per_second: empty"), empty);
  }

  @Test
  void malformedJsonNamesTheFileAndLine() throws Exception {
    Path file = dir.resolve(FILE);
    Files.writeString(file, "{\"format_version\": 1,\n \"id\": }");
    HardwareProfileException e =
        assertThrows(HardwareProfileException.class, () -> HardwareProfiles.read(file));
    assertTrue(e.getMessage().startsWith("test-chip.json: line 2, column "), e.getMessage());
  }

  @Test
  void aVersionPast32BitsIsNotReadAsOne() throws Exception {
    String m = error(json -> json.put("format_version", 4294967297L));
    assertTrue(m.contains("format_version: expected an integer, found number 4294967297"), m);
  }

  @Test
  void duplicateKeysAreRejected() throws Exception {
    Path file = dir.resolve(FILE);
    String text = JSON.writeValueAsString(valid());
    Files.writeString(file, text.replace("\"name\":", "\"kind\":\"npu\",\"name\":"));
    HardwareProfileException e =
        assertThrows(HardwareProfileException.class, () -> HardwareProfiles.read(file));
    assertTrue(e.getMessage().startsWith("test-chip.json: "), e.getMessage());
  }

  @Test
  void aBrokenUserFileFailsTheLoadWithItsName(@TempDir Path user) throws Exception {
    ObjectNode json = valid();
    json.put("id", "broken");
    at(json, "tdp_watts").put("value", -1);
    Files.writeString(user.resolve("broken.json"), JSON.writeValueAsString(json));
    HardwareProfileException e =
        assertThrows(HardwareProfileException.class, () -> HardwareProfiles.load(user));
    assertTrue(e.getMessage().startsWith("broken.json: tdp_watts.value: "), e.getMessage());
  }
}
