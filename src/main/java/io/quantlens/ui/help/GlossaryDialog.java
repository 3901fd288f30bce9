package io.quantlens.ui.help;

import io.quantlens.text.Messages;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Every term on screen with its formula and meaning, filtered as the user types. */
final class GlossaryDialog extends Dialog<ButtonType> {
  /** The width the entries wrap at: the theme caps a dialog at 600 px. */
  static final double TEXT_WIDTH = 500;

  GlossaryDialog(Window owner, Messages m, List<GlossaryTerm> terms) {
    initOwner(owner);
    setTitle(m.get("help.glossaryTitle"));
    setResizable(true);
    VBox entries = new VBox(12);
    entries.setId("glossaryTerms");
    entries.setPadding(new Insets(4, 12, 4, 2));
    for (GlossaryTerm term : terms) {
      entries.getChildren().add(entry(term));
    }
    TextField filter = new TextField();
    filter.setId("glossaryFilter");
    filter.setPromptText(m.get("help.glossaryFilter"));
    filter
        .textProperty()
        .addListener(
            (obs, old, now) -> {
              String needle = now.trim().toLowerCase(Locale.ROOT);
              entries
                  .getChildren()
                  .forEach(
                      e -> {
                        boolean shown = ((GlossaryTerm) e.getUserData()).matches(needle);
                        e.setVisible(shown);
                        e.setManaged(shown);
                      });
            });
    ScrollPane scroll = new ScrollPane(entries);
    // Entries wrap at a fixed width: wrapped labels sized by the viewport were cut at its edge.
    scroll.setPrefViewportWidth(TEXT_WIDTH + 20);
    scroll.setPrefViewportHeight(460);
    scroll.getStyleClass().add("edge-to-edge");
    getDialogPane().setContent(new VBox(10, filter, scroll));
    getDialogPane().setPadding(new Insets(14));
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
  }

  private static VBox entry(GlossaryTerm term) {
    Label name = new Label(term.name());
    name.getStyleClass().addAll("title-4", "glossary-name");
    VBox box = new VBox(2, name);
    if (!term.formula().isEmpty()) {
      Label formula = new Label(term.formula());
      formula.getStyleClass().addAll("glossary-formula", "text-bold");
      wrapped(formula);
      box.getChildren().add(formula);
    }
    Label meaning = new Label(term.meaning());
    meaning.getStyleClass().add("glossary-meaning");
    wrapped(meaning);
    box.getChildren().add(meaning);
    wrapped(name);
    box.setId("glossary-" + term.id());
    box.setUserData(term);
    return box;
  }

  private static void wrapped(Label label) {
    label.setWrapText(true);
    label.setPrefWidth(TEXT_WIDTH);
    label.setMaxWidth(TEXT_WIDTH);
    label.setMinHeight(Region.USE_PREF_SIZE);
  }
}
