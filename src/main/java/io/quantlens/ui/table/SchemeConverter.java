package io.quantlens.ui.table;

import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeSyntaxException;
import javafx.util.StringConverter;

/** Schemes shown and typed by their id, e.g. {@code int4:g32:sym}. */
public final class SchemeConverter extends StringConverter<Scheme> {
  @Override
  public String toString(Scheme scheme) {
    return scheme == null ? "" : scheme.id();
  }

  @Override
  public Scheme fromString(String text) {
    try {
      return text == null || text.isBlank() ? null : Scheme.parse(text);
    } catch (SchemeSyntaxException e) {
      return null;
    }
  }
}
