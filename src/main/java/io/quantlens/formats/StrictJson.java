package io.quantlens.formats;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The reader of QuantLens's own JSON files (plans, projects, hardware profiles): a key given twice
 * or anything after the value is an error, not silently taken, and every failure, including bytes
 * that are no text at all (UTF-32 guesses), is an {@link IOException} whose message the caller puts
 * after the file's name.
 */
public final class StrictJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /**
   * Why the bytes are not one valid JSON value.
   *
   * @param problem one line, without the place
   * @param line 1-based, 0 when unknown
   */
  public static final class Invalid extends IOException {
    private final String problem;
    private final int line;
    private final int column;

    Invalid(String problem, int line, int column, Throwable cause) {
      super(line < 1 ? problem : problem + " (line " + line + ", column " + column + ")", cause);
      this.problem = problem;
      this.line = line;
      this.column = column;
    }

    public String problem() {
      return problem;
    }

    /** "line L, column C", or "" when the place is unknown. */
    public String place() {
      return line < 1 ? "" : "line " + line + ", column " + column;
    }
  }

  /**
   * @throws Invalid saying what is wrong and where
   */
  public static JsonNode parse(byte[] json) throws Invalid {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      String problem = e.getOriginalMessage().lines().findFirst().orElse("");
      var at = e.getLocation();
      throw new Invalid(
          problem, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e);
    } catch (IOException e) {
      throw new Invalid("not JSON text (" + e.getMessage() + ")", 0, 0, e);
    }
  }
}
