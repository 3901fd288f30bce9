package io.quantlens.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation of a model's graph, format-neutral.
 *
 * @param name node name as stored (may be empty)
 * @param opType operator, e.g. {@code Conv}, {@code MatMul}
 * @param inputs input value names in order; an omitted optional input is {@code ""}
 * @param outputs output value names in order
 * @param attributes attribute values: {@code Long}, {@code Double}, {@code String}, {@code long[]}
 *     or {@code double[]}; other kinds are left out
 */
public record Node(
    String name,
    String opType,
    List<String> inputs,
    List<String> outputs,
    Map<String, Object> attributes) {

  public Node {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The integer attribute {@code key}, or {@code fallback} when absent. */
  public long longAttribute(String key, long fallback) {
    return attributes.get(key) instanceof Long value ? value : fallback;
  }

  /** The input at {@code index}, or {@code ""} when the node has fewer inputs. */
  public String input(int index) {
    return index < inputs.size() ? inputs.get(index) : "";
  }
}
