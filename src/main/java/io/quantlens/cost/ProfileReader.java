package io.quantlens.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.formats.StrictJson;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads and validates one profile file (format described in {@code assets/hardware/README.md}).
 * Every problem is reported as {@code file: field.path: what is wrong}.
 */
final class ProfileReader {
  static final int FORMAT_VERSION = 1;

  private static final List<String> TOP_LEVEL =
      List.of(
          "format_version",
          "id",
          "name",
          "kind",
          "process_node",
          "peak_ops_per_second",
          "memory_bandwidth_bytes_per_second",
          "tdp_watts",
          "idle_watts",
          "energy_per_mac_joules",
          "energy_per_dram_byte_joules",
          "notes");
  private static final List<String> CONSTANT =
      List.of("value", "source", "estimate", "derivation", "range");
  private static final List<String> PEAK =
      List.of("value", "source", "estimate", "derivation", "range", "sparse", "activations");

  private final String file;

  private ProfileReader(String file) {
    this.file = file;
  }

  /**
   * Parses {@code json}, read from {@code file} (a file or resource name ending in {@code .json},
   * whose stem must equal the profile's id).
   */
  static HardwareProfile parse(String file, byte[] json) throws HardwareProfileException {
    return new ProfileReader(file).parse(json);
  }

  private HardwareProfile parse(byte[] json) throws HardwareProfileException {
    JsonNode root;
    try {
      root = StrictJson.parse(json);
    } catch (StrictJson.Invalid e) {
      throw HardwareProfileException.at(file, e.place(), "not valid JSON: " + e.problem());
    }
    if (root == null || !root.isObject()) {
      throw fail("", "expected a JSON object at the top level");
    }
    checkKeys(root, "", TOP_LEVEL);
    int version = integer(root, "format_version");
    if (version != FORMAT_VERSION) {
      throw fail(
          "format_version",
          "unsupported version " + version + " (expected " + FORMAT_VERSION + ")");
    }
    String id = text(root, "id", "id");
    String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    int slash = Math.max(stem.lastIndexOf('/'), stem.lastIndexOf('\\'));
    stem = stem.substring(slash + 1);
    if (!id.equals(stem)) {
      throw fail("id", "'" + id + "' does not match the file name (expected '" + stem + "')");
    }
    String kind = text(root, "kind", "kind");
    if (!HardwareProfile.KINDS.contains(kind)) {
      throw fail(
          "kind",
          "unknown kind '"
              + kind
              + "' ("
              + String.join(", ", new TreeSet<>(HardwareProfile.KINDS))
              + ")");
    }
    JsonNode peakNode = object(root, "peak_ops_per_second", "");
    Map<Precision, Sourced> peaks = peaks(peakNode);
    boolean int4TakesInt8Activations = int4Activations(peakNode);
    Map<Precision, Sourced> energies = new EnumMap<>(Precision.class);
    JsonNode energyNode = object(root, "energy_per_mac_joules", "");
    for (Map.Entry<Precision, JsonNode> e : byPrecision(energyNode, "energy_per_mac_joules")) {
      String path = "energy_per_mac_joules." + e.getKey().id();
      if (!peaks.containsKey(e.getKey())) {
        throw fail(
            path,
            "no peak_ops_per_second entry for "
                + e.getKey().id()
                + "; list energies only for precisions the device runs natively");
      }
      energies.put(e.getKey(), constant(e.getValue(), path, CONSTANT));
    }
    for (Precision p : peaks.keySet()) {
      if (!energies.containsKey(p)) {
        throw fail(
            "energy_per_mac_joules." + p.id(),
            "missing: every precision in peak_ops_per_second needs an energy per MAC");
      }
    }
    Sourced tdp = constant(root, "tdp_watts");
    Sourced idle = constant(root, "idle_watts");
    if (idle.value() > tdp.value()) {
      throw fail(
          "idle_watts.value",
          "idle power " + idle.value() + " W exceeds tdp_watts " + tdp.value() + " W");
    }
    JsonNode notes = root.get("notes");
    if (notes != null && !notes.isTextual()) {
      throw fail("notes", "expected a string, found " + describe(notes));
    }
    return new HardwareProfile(
        id,
        text(root, "name", "name"),
        kind,
        text(root, "process_node", "process_node"),
        peaks,
        constant(root, "memory_bandwidth_bytes_per_second"),
        tdp,
        idle,
        energies,
        constant(root, "energy_per_dram_byte_joules"),
        notes == null ? "" : notes.asText(),
        int4TakesInt8Activations);
  }

  /**
   * Whether the {@code int4} entry's units multiply 4-bit weights by 8-bit activations ({@code
   * "activations": "int8"}, W4A8) rather than 4-bit by 4-bit ({@code "int4"}, the default).
   */
  private boolean int4Activations(JsonNode peaks) throws HardwareProfileException {
    for (Iterator<Map.Entry<String, JsonNode>> it = peaks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode activations = e.getValue().get("activations");
      if (activations == null) {
        continue;
      }
      String path = "peak_ops_per_second." + e.getKey() + ".activations";
      if (!e.getKey().equals(Precision.INT4.id())) {
        throw fail(path, "only the int4 entry can name its activations' width");
      }
      if (!activations.isTextual()
          || !(activations.asText().equals("int4") || activations.asText().equals("int8"))) {
        throw fail(path, "expected \"int4\" or \"int8\", found " + describe(activations));
      }
      return activations.asText().equals("int8");
    }
    return false;
  }

  /** Vendor ops/s (dense, or 2:4-sparse when {@code sparse}) → dense MAC/s. */
  private Map<Precision, Sourced> peaks(JsonNode node) throws HardwareProfileException {
    Map<Precision, Sourced> peaks = new EnumMap<>(Precision.class);
    for (Map.Entry<Precision, JsonNode> e : byPrecision(node, "peak_ops_per_second")) {
      String path = "peak_ops_per_second." + e.getKey().id();
      Sourced ops = constant(e.getValue(), path, PEAK);
      boolean sparse = false;
      JsonNode sparseNode = e.getValue().get("sparse");
      if (sparseNode != null) {
        if (!sparseNode.isBoolean()) {
          throw fail(path + ".sparse", "expected true or false, found " + describe(sparseNode));
        }
        sparse = sparseNode.booleanValue();
      }
      Sourced macs = ops.withValue(ops.value() / (sparse ? 4 : 2));
      if (sparse) {
        macs =
            new Sourced(
                macs.value(),
                ops.source() + " [structured-sparsity figure, halved for dense]",
                macs.estimate(),
                macs.derivation(),
                macs.range());
      }
      peaks.put(e.getKey(), macs);
    }
    if (peaks.isEmpty()) {
      throw fail("peak_ops_per_second", "empty: list at least one precision the device runs");
    }
    return peaks;
  }

  private List<Map.Entry<Precision, JsonNode>> byPrecision(JsonNode node, String path)
      throws HardwareProfileException {
    List<Map.Entry<Precision, JsonNode>> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Precision p;
      try {
        p = Precision.parse(e.getKey());
      } catch (IllegalArgumentException unknown) {
        throw fail(path + "." + e.getKey(), unknown.getMessage());
      }
      if (!p.id().equals(e.getKey())) {
        throw fail(path + "." + e.getKey(), "write precisions in lower case ('" + p.id() + "')");
      }
      entries.add(Map.entry(p, e.getValue()));
    }
    return entries;
  }

  private Sourced constant(JsonNode parent, String field) throws HardwareProfileException {
    return constant(object(parent, field, ""), field, CONSTANT);
  }

  private Sourced constant(JsonNode node, String path, List<String> allowed)
      throws HardwareProfileException {
    if (!node.isObject()) {
      throw fail(path, "expected an object {value, source, estimate}, found " + describe(node));
    }
    checkKeys(node, path, allowed);
    JsonNode value = required(node, "value", path);
    if (!value.isNumber()) {
      throw fail(path + ".value", "expected a number, found " + describe(value));
    }
    double v = value.doubleValue();
    if (!Double.isFinite(v) || v <= 0) {
      throw fail(path + ".value", "must be a finite number greater than zero, found " + value);
    }
    String source = text(node, "source", path + ".source");
    JsonNode estimate = required(node, "estimate", path);
    if (!estimate.isBoolean()) {
      throw fail(path + ".estimate", "expected true or false, found " + describe(estimate));
    }
    JsonNode derivation = node.get("derivation");
    if (derivation != null && !derivation.isTextual()) {
      throw fail(path + ".derivation", "expected a string, found " + describe(derivation));
    }
    if (estimate.booleanValue() && (derivation == null || derivation.asText().isBlank())) {
      throw fail(
          path + ".derivation", "missing: an estimate must say how it was derived (derivation)");
    }
    return new Sourced(
        v,
        source,
        estimate.booleanValue(),
        derivation == null ? "" : derivation.asText().strip(),
        range(node.get("range"), path, v));
  }

  /** {@code [low, high]}: two numbers greater than zero, {@code low <= value <= high}. */
  private Sourced.Range range(JsonNode node, String path, double value)
      throws HardwareProfileException {
    if (node == null || node.isNull()) {
      return null;
    }
    String at = path + ".range";
    if (!node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
      throw fail(at, "expected [low, high], two numbers, found " + describe(node));
    }
    double low = node.get(0).doubleValue();
    double high = node.get(1).doubleValue();
    if (!Double.isFinite(low) || !Double.isFinite(high) || low <= 0 || low > high) {
      throw fail(at, "expected 0 < low <= high, found " + node);
    }
    if (value < low || value > high) {
      throw fail(at, "value " + value + " lies outside " + node);
    }
    return new Sourced.Range(low, high);
  }

  private void checkKeys(JsonNode node, String path, List<String> allowed)
      throws HardwareProfileException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw fail(
            join(path, key), "unknown field (expected one of: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private JsonNode object(JsonNode parent, String field, String path)
      throws HardwareProfileException {
    JsonNode node = required(parent, field, path);
    if (!node.isObject()) {
      throw fail(join(path, field), "expected an object, found " + describe(node));
    }
    return node;
  }

  private JsonNode required(JsonNode parent, String field, String path)
      throws HardwareProfileException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw fail(join(path, field), "missing required field");
    }
    return node;
  }

  private String text(JsonNode parent, String field, String path) throws HardwareProfileException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw fail(path, "missing required field");
    }
    if (!node.isTextual()) {
      throw fail(path, "expected a string, found " + describe(node));
    }
    if (node.asText().isBlank()) {
      throw fail(path, "must not be empty");
    }
    return node.asText().strip();
  }

  private int integer(JsonNode parent, String field) throws HardwareProfileException {
    JsonNode node = required(parent, field, "");
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw fail(field, "expected an integer, found " + describe(node));
    }
    return node.intValue();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
  }

  private HardwareProfileException fail(String path, String problem) {
    return HardwareProfileException.at(file, path, problem);
  }
}
