package io.quantlens.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.StrictJson;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A precision plan as JSON: {@code {"version":2,"default":"fp32","layers":{"conv1":"int8"},
 * "activations":{"default":"int8:tensor:asym:static","layers":{"fc2":"fp32"}}}}. Layers not listed
 * take the default; {@code "biasCorrection":["conv1"]} lists the layers whose output is corrected
 * for the mean shift of their quantized weights; {@code "smoothQuant":{"alpha":0.5}} migrates
 * activation outliers into the weights; {@code version} may be left out; version 1 (no activations)
 * still reads, with every activation left in float. A plan written beside a report also names its
 * model, {@code "model":{"name":"net.onnx","sha256":"…"}}; reading accepts plans with and without
 * it (the layers are checked against the model given, not the name).
 */
public final class PlanJson {
  public static final int FORMAT_VERSION = 2;
  private static final Set<String> KEYS =
      Set.of(
          "version", "default", "model", "layers", "activations", "biasCorrection", "smoothQuant");
  private static final Set<String> ACTIVATION_KEYS = Set.of("default", "layers");

  private PlanJson() {}

  /** Reads a plan and checks every layer it names exists in {@code model}. */
  public static PrecisionPlan read(Path file, Model model)
      throws IOException, ModelFormatException {
    PrecisionPlan plan = read(file);
    Set<String> unknown = plan.unknownLayers(model);
    if (!unknown.isEmpty()) {
      throw new ModelFormatException(
          file,
          "no layer named "
              + String.join(", ", unknown.stream().limit(5).map(n -> "'" + n + "'").toList())
              + (unknown.size() > 5 ? " (and " + (unknown.size() - 5) + " more)" : "")
              + " in "
              + model.source().getFileName()
              + "; `quantlens info --layers` lists the layer names");
    }
    return plan;
  }

  public static PrecisionPlan read(Path file) throws IOException, ModelFormatException {
    RegularFiles.require(file);
    JsonNode root;
    try {
      root = StrictJson.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ModelFormatException(file, "not a valid JSON plan: " + e.getMessage());
    }
    try {
      return fromJson(root);
    } catch (InvalidPlan e) {
      throw new ModelFormatException(file, e.getMessage());
    }
  }

  /** A plan object that cannot be read; the message says what is wrong, without a file name. */
  static final class InvalidPlan extends Exception {
    InvalidPlan(String problem) {
      super(problem);
    }
  }

  /** Reads a plan object, as a plan file holds it or as a project file embeds it. */
  static PrecisionPlan fromJson(JsonNode root) throws InvalidPlan {
    if (root == null || !root.isObject()) {
      throw new InvalidPlan("a plan is a JSON object such as " + example());
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new InvalidPlan(
            "unknown key '"
                + key
                + "' (a plan has version, model, default, layers, activations, biasCorrection"
                + " and smoothQuant)");
      }
    }
    JsonNode version = root.path("version");
    if (!version.isMissingNode()
        && !(version.canConvertToExactIntegral()
            && version.canConvertToLong()
            && version.asLong() >= 1)) {
      throw new InvalidPlan("version must be a positive whole number");
    }
    if (version.asLong(FORMAT_VERSION) > FORMAT_VERSION) {
      throw new InvalidPlan(
          "plan version "
              + version.asLong()
              + " is newer than this QuantLens reads ("
              + FORMAT_VERSION
              + ")");
    }
    checkModel(root.get("model"));
    Scheme defaultScheme =
        root.has("default") ? scheme(root.get("default"), "default") : PrecisionPlan.FP32;
    Map<String, Scheme> layers = new LinkedHashMap<>();
    JsonNode layerNode = root.path("layers");
    if (!layerNode.isMissingNode()) {
      if (!layerNode.isObject()) {
        throw new InvalidPlan("'layers' must map layer names to schemes");
      }
      for (var entries = layerNode.fields(); entries.hasNext(); ) {
        var entry = entries.next();
        layers.put(entry.getKey(), scheme(entry.getValue(), "layer '" + entry.getKey() + "'"));
      }
    }
    Set<String> biasCorrected = biasCorrected(root.path("biasCorrection"));
    double alpha = smoothQuant(root.path("smoothQuant"));
    JsonNode activations = root.path("activations");
    if (activations.isMissingNode()) {
      return new PrecisionPlan(
          defaultScheme, layers, ActivationScheme.NONE, Map.of(), biasCorrected, alpha);
    }
    if (!activations.isObject()) {
      throw new InvalidPlan("'activations' is an object with a default and layers");
    }
    for (Iterator<String> keys = activations.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!ACTIVATION_KEYS.contains(key)) {
        throw new InvalidPlan("unknown key 'activations." + key + "' (it has default and layers)");
      }
    }
    ActivationScheme defaultActivation =
        activations.has("default")
            ? activation(activations.get("default"), "activations default")
            : ActivationScheme.NONE;
    Map<String, ActivationScheme> perLayer = new LinkedHashMap<>();
    JsonNode activationLayers = activations.path("layers");
    if (!activationLayers.isMissingNode()) {
      if (!activationLayers.isObject()) {
        throw new InvalidPlan("'activations.layers' must map layer names to activation schemes");
      }
      for (var entries = activationLayers.fields(); entries.hasNext(); ) {
        var entry = entries.next();
        perLayer.put(
            entry.getKey(),
            activation(entry.getValue(), "activation of layer '" + entry.getKey() + "'"));
      }
    }
    return new PrecisionPlan(
        defaultScheme, layers, defaultActivation, perLayer, biasCorrected, alpha);
  }

  /** {@code {"alpha":0.5}}, or NaN when missing. */
  private static double smoothQuant(JsonNode node) throws InvalidPlan {
    if (node.isMissingNode()) {
      return Double.NaN;
    }
    JsonNode alpha = node.path("alpha");
    if (!node.isObject() || node.size() != 1 || !alpha.isNumber()) {
      throw new InvalidPlan("'smoothQuant' is an object with one number, alpha: {\"alpha\":0.5}");
    }
    double a = alpha.asDouble();
    if (!(a >= 0 && a <= 1)) {
      throw new InvalidPlan("'smoothQuant.alpha' is between 0 and 1, not " + alpha);
    }
    return a;
  }

  private static Set<String> biasCorrected(JsonNode node) throws InvalidPlan {
    Set<String> names = new TreeSet<>();
    if (node.isMissingNode()) {
      return names;
    }
    if (!node.isArray()) {
      throw new InvalidPlan("'biasCorrection' is a list of layer names");
    }
    for (JsonNode name : node) {
      if (!name.isTextual()) {
        throw new InvalidPlan("'biasCorrection' is a list of layer names, not " + name);
      }
      names.add(name.asText());
    }
    return names;
  }

  private static ActivationScheme activation(JsonNode node, String where) throws InvalidPlan {
    if (!node.isTextual()) {
      throw new InvalidPlan(
          where + ": an activation scheme is a string such as \"int8:tensor:asym:static\"");
    }
    try {
      return ActivationScheme.parse(node.asText());
    } catch (SchemeSyntaxException e) {
      throw new InvalidPlan(where + ": " + e.getMessage());
    }
  }

  private static void checkModel(JsonNode model) throws InvalidPlan {
    if (model == null) {
      return;
    }
    if (!model.isObject()
        || !model.path("name").isTextual()
        || !(model.path("sha256").isMissingNode() || model.path("sha256").isTextual())) {
      throw new InvalidPlan("'model' is an object with a name and a sha256");
    }
  }

  private static Scheme scheme(JsonNode node, String where) throws InvalidPlan {
    if (!node.isTextual()) {
      throw new InvalidPlan(where + ": a scheme is a string such as \"int8\"");
    }
    try {
      return Scheme.parse(node.asText());
    } catch (SchemeSyntaxException e) {
      throw new InvalidPlan(where + ": " + e.getMessage());
    }
  }

  public static void write(PrecisionPlan plan, Path file) throws IOException {
    write(plan, null, file);
  }

  /** Writes the plan naming {@code model} (null: no model named). */
  public static void write(PrecisionPlan plan, ModelIdentity model, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("version", FORMAT_VERSION);
    if (model != null) {
      ObjectNode named = root.putObject("model");
      named.put("name", model.name());
      named.put("sha256", model.sha256());
    }
    root.setAll(toJson(mapper, plan));
    AtomicWrite.writeStream(file, out -> mapper.writeValue(out, root));
  }

  /** The model a plan file names, or empty for a plan that names none. */
  public static Optional<ModelIdentity> model(Path file) throws IOException, ModelFormatException {
    read(file);
    JsonNode model = StrictJson.parse(Files.readAllBytes(file)).get("model");
    return model == null
        ? Optional.empty()
        : Optional.of(new ModelIdentity(model.get("name").asText(), model.path("sha256").asText()));
  }

  /**
   * The plan as a JSON object: version, default scheme and per-layer schemes, and the activation
   * schemes when the plan has any.
   */
  static ObjectNode toJson(ObjectMapper mapper, PrecisionPlan plan) {
    ObjectNode root = mapper.createObjectNode();
    root.put("version", FORMAT_VERSION);
    root.put("default", plan.defaultScheme().id());
    ObjectNode layers = root.putObject("layers");
    plan.layers().forEach((layer, scheme) -> layers.put(layer, scheme.id()));
    if (plan.quantizesActivations() || !plan.activations().isEmpty()) {
      ObjectNode activations = root.putObject("activations");
      activations.put("default", plan.defaultActivation().id());
      ObjectNode perLayer = activations.putObject("layers");
      plan.activations().forEach((layer, scheme) -> perLayer.put(layer, scheme.id()));
    }
    if (!plan.biasCorrected().isEmpty()) {
      plan.biasCorrected().forEach(root.putArray("biasCorrection")::add);
    }
    if (plan.smoothes()) {
      root.putObject("smoothQuant").put("alpha", plan.smoothQuantAlpha());
    }
    return root;
  }

  private static String example() {
    return "{\"version\":2,\"default\":\"fp32\",\"layers\":{\"conv1\":\"int8\"}}";
  }
}
