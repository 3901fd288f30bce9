package io.quantlens.ui.accuracy;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.Workspace;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The scheme a sensitivity scan probes each layer with: picked from the analysed schemes or typed,
 * and checked by the scheme parser as it is typed.
 */
public final class ProbeScheme {
  private final Messages m;
  private final StringProperty text = new SimpleStringProperty();
  private final ReadOnlyObjectWrapper<Scheme> scheme = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
  private final ObservableList<String> choices = FXCollections.observableArrayList();
  private final ObservableList<String> choicesView =
      FXCollections.unmodifiableObservableList(choices);

  public ProbeScheme(Workspace workspace, Messages m) {
    this.m = m;
    text.addListener((obs, old, now) -> parse(now));
    text.set(AccuracyState.DEFAULT_PROBE.id());
    workspace.schemes().addListener((ListChangeListener<Scheme>) c -> fill(workspace.schemes()));
    fill(workspace.schemes());
  }

  /** What the user typed or picked, e.g. {@code int3:g64:asym:mse}. */
  public StringProperty text() {
    return text;
  }

  /** The parsed scheme, or null while the text is not one to probe with. */
  public ReadOnlyObjectProperty<Scheme> scheme() {
    return scheme.getReadOnlyProperty();
  }

  /** Why the text cannot be probed with (the parser's message), or null. */
  public ReadOnlyStringProperty problem() {
    return problem.getReadOnlyProperty();
  }

  /** The default probe, then every analysed scheme but FP32. */
  public ObservableList<String> choices() {
    return choicesView;
  }

  private void parse(String typed) {
    String trimmed = typed == null ? "" : typed.trim();
    Scheme parsed = null;
    String why = null;
    if (trimmed.isEmpty()) {
      why = m.get("probe.empty", AccuracyState.DEFAULT_PROBE.id());
    } else {
      try {
        parsed = Scheme.parse(trimmed);
        if (parsed.equals(PrecisionPlan.FP32)) {
          why = m.get("probe.fp32");
          parsed = null;
        }
      } catch (IllegalArgumentException e) {
        why = e.getMessage();
      }
    }
    problem.set(why);
    scheme.set(parsed);
  }

  private void fill(List<Scheme> analysed) {
    List<String> ids = new ArrayList<>();
    ids.add(AccuracyState.DEFAULT_PROBE.id());
    for (Scheme s : analysed) {
      if (!s.equals(PrecisionPlan.FP32) && !ids.contains(s.id())) {
        ids.add(s.id());
      }
    }
    choices.setAll(ids);
  }
}
