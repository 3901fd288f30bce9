package io.quantlens.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.Workload;
import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.StrictJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link Project} as JSON:
 *
 * <pre>{@code
 * {"quantlens_project": 2, "model": "models/net.onnx",
 *  "plan": {"version": 2, "default": "fp32", "layers": {"conv1": "int8:channel:sym"}},
 *  "hardware": "nvidia-a100-sxm-80gb", "workload": {"batch": 1, "dims": {"sequence": 128}},
 *  "view": {"layer": "conv1"}}
 * }</pre>
 *
 * <p>The plan is written as {@link PlanJson} writes a plan file. A model file under the project
 * file's folder is stored relative to that folder (with {@code /} separators), so the folder can
 * move as a whole; other files are stored as absolute paths, and a sample id as it is. Reading
 * turns a relative model path back into a full one when that file exists beside the project. {@code
 * view} may be left out; every other field is required.
 */
public final class ProjectJson {
  public static final int FORMAT_VERSION = 2;
  private static final String VERSION = "quantlens_project";
  private static final Set<String> KEYS =
      Set.of(VERSION, "model", "plan", "hardware", "workload", "view");
  private static final String FIELDS =
      "quantlens_project, model, plan, hardware, workload and view";

  private ProjectJson() {}

  /** Writes the project; an existing file is replaced only once the new one is complete. */
  public static void write(Project project, Path file) throws IOException {
    Path folder = folderOf(file);
    AtomicWrite.writeStream(file, out -> writeTo(project, folder, out));
  }

  /** Writes the project's JSON to {@code out}, model paths relative to {@code folder}. */
  static void writeTo(Project project, Path folder, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put(VERSION, FORMAT_VERSION);
    root.put("model", storedModel(project.model(), folder));
    root.set("plan", PlanJson.toJson(mapper, project.plan()));
    root.put("hardware", project.hardwareId());
    ObjectNode workload = root.putObject("workload");
    workload.put("batch", project.workload().batch());
    ObjectNode dims = workload.putObject("dims");
    new TreeMap<>(project.workload().dims()).forEach(dims::put);
    ObjectNode view = root.putObject("view");
    project.view().forEach(view::put);
    mapper.writeValue(out, root);
  }

  /**
   * Reads a project file.
   *
   * @throws ProjectFileException when the file is not a project this QuantLens can read; the
   *     message starts with the file and says what is wrong
   */
  public static Project read(Path file) throws IOException {
    String problem = RegularFiles.problem(file);
    if (problem != null) {
      throw new ProjectFileException(file, problem);
    }
    JsonNode root;
    try {
      root = StrictJson.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ProjectFileException(file, "not a valid JSON project file: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ProjectFileException(file, "a project file is a JSON object with " + FIELDS);
    }
    checkVersion(file, root);
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new ProjectFileException(
            file, "unknown field '" + key + "' (a project has " + FIELDS + ")");
      }
    }
    String model = text(file, root, "model");
    PrecisionPlan plan;
    try {
      plan = PlanJson.fromJson(required(file, root, "plan"));
    } catch (PlanJson.InvalidPlan e) {
      throw new ProjectFileException(file, "plan: " + e.getMessage());
    }
    String hardware = text(file, root, "hardware");
    Workload workload = workload(file, required(file, root, "workload"));
    Map<String, String> view = view(file, root.get("view"));
    if (model.isBlank()) {
      throw new ProjectFileException(file, "'model' is empty");
    }
    return new Project(resolvedModel(model, folderOf(file)), plan, hardware, workload, view);
  }

  private static void checkVersion(Path file, JsonNode root) throws ProjectFileException {
    JsonNode version = root.get(VERSION);
    if (version == null) {
      throw new ProjectFileException(
          file, "not a QuantLens project file: it has no '" + VERSION + "' version");
    }
    if (!(version.isNumber()
        && version.canConvertToExactIntegral()
        && version.canConvertToLong()
        && version.asLong() >= 1)) {
      throw new ProjectFileException(file, "'" + VERSION + "' must be a whole number ≥ 1");
    }
    if (version.asLong() > FORMAT_VERSION) {
      throw new ProjectFileException(
          file,
          "was written by a newer QuantLens (version "
              + version.asLong()
              + "); this one reads version "
              + FORMAT_VERSION);
    }
  }

  private static JsonNode required(Path file, JsonNode object, String key)
      throws ProjectFileException {
    JsonNode node = object.get(key);
    if (node == null) {
      throw new ProjectFileException(
          file, "missing field '" + key + "' (a project has " + FIELDS + ")");
    }
    return node;
  }

  private static String text(Path file, JsonNode root, String key) throws ProjectFileException {
    JsonNode node = required(file, root, key);
    if (!node.isTextual()) {
      throw new ProjectFileException(file, "'" + key + "' must be a string");
    }
    return node.asText();
  }

  private static Workload workload(Path file, JsonNode node) throws ProjectFileException {
    if (!node.isObject()) {
      throw new ProjectFileException(
          file, "'workload' must be an object such as {\"batch\": 1, \"dims\": {}}");
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("batch") && !key.equals("dims")) {
        throw new ProjectFileException(
            file, "unknown field 'workload." + key + "' (a workload has batch and dims)");
      }
    }
    JsonNode batch = node.get("batch");
    if (batch == null) {
      throw new ProjectFileException(file, "missing field 'workload.batch'");
    }
    long batchSize = positiveWhole(file, batch, "workload.batch");
    if (batchSize > Integer.MAX_VALUE) {
      throw new ProjectFileException(file, "'workload.batch' is too large: " + batchSize);
    }
    Map<String, Long> dims = new LinkedHashMap<>();
    JsonNode dimsNode = node.path("dims");
    if (!dimsNode.isMissingNode()) {
      if (!dimsNode.isObject()) {
        throw new ProjectFileException(file, "'workload.dims' must map dimension names to sizes");
      }
      for (var entries = dimsNode.fields(); entries.hasNext(); ) {
        var entry = entries.next();
        String where = "workload.dims." + entry.getKey();
        dims.put(entry.getKey(), positiveWhole(file, entry.getValue(), where));
      }
    }
    return new Workload((int) batchSize, dims);
  }

  private static long positiveWhole(Path file, JsonNode node, String where)
      throws ProjectFileException {
    if (!(node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong())
        || node.asLong() < 1) {
      throw new ProjectFileException(file, "'" + where + "' must be a whole number ≥ 1");
    }
    return node.asLong();
  }

  private static Map<String, String> view(Path file, JsonNode node) throws ProjectFileException {
    Map<String, String> view = new LinkedHashMap<>();
    if (node == null) {
      return view;
    }
    if (!node.isObject()) {
      throw new ProjectFileException(file, "'view' must map setting names to strings");
    }
    List<String> wrong = new ArrayList<>();
    for (var entries = node.fields(); entries.hasNext(); ) {
      var entry = entries.next();
      if (entry.getValue().isTextual()) {
        view.put(entry.getKey(), entry.getValue().asText());
      } else {
        wrong.add(entry.getKey());
      }
    }
    if (!wrong.isEmpty()) {
      throw new ProjectFileException(
          file, "'view." + wrong.get(0) + "' must be a string (view settings are text)");
    }
    return view;
  }

  private static Path folderOf(Path file) {
    return file.toAbsolutePath().normalize().getParent();
  }

  /**
   * The model as stored: a file under {@code folder} relative to it, another file absolute, a
   * sample id (or anything that is not an existing file) as given.
   */
  static String storedModel(String model, Path folder) {
    Path path;
    try {
      path = Path.of(model);
    } catch (InvalidPathException e) {
      return model;
    }
    if (!path.isAbsolute()) {
      if (!Files.exists(path)) {
        return model; // a sample id, or a name the caller resolves
      }
      path = path.toAbsolutePath();
    }
    path = path.normalize();
    if (!path.startsWith(folder) || path.equals(folder)) {
      return path.toString();
    }
    Path relative = folder.relativize(path);
    List<String> names = new ArrayList<>();
    relative.forEach(name -> names.add(name.toString()));
    return String.join("/", names);
  }

  /** A stored relative path that names a file beside the project, as a full path. */
  static String resolvedModel(String stored, Path folder) {
    try {
      Path path = Path.of(stored);
      if (path.isAbsolute()) {
        return stored;
      }
      Path beside = folder.resolve(path).normalize();
      return Files.exists(beside) ? beside.toString() : stored;
    } catch (InvalidPathException e) {
      return stored;
    }
  }
}
