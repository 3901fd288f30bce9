package io.quantlens.ui.help;

import io.quantlens.report.BuildInfo;
import io.quantlens.text.Messages;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** QuantLens's version and runtime, and every bundled library with its licence. */
final class AboutDialog extends Dialog<ButtonType> {
  AboutDialog(Window owner, Messages m, List<Licence> licences) {
    initOwner(owner);
    setTitle(m.get("help.aboutTitle"));
    Label name = new Label(m.get("help.version", BuildInfo.version()));
    name.setId("aboutVersion");
    name.getStyleClass().add("title-3");
    Label tagline = new Label(m.get("help.tagline"));
    tagline.setWrapText(true);
    Label runtime =
        new Label(
            m.get(
                "help.runtime",
                Runtime.version().toString(),
                System.getProperty("javafx.runtime.version", "?")));
    runtime.getStyleClass().add("text-muted");
    Label heading = new Label(m.get("help.licences"));
    heading.getStyleClass().add("title-4");

    GridPane grid = new GridPane();
    grid.setId("licenceGrid");
    grid.setHgap(14);
    grid.setVgap(4);
    int row = 0;
    for (Licence l : licences) {
      Label library = new Label(l.name());
      library.setUserData(l);
      library.getStyleClass().add("licence-library");
      Label version = new Label(l.version());
      version.getStyleClass().add("text-muted");
      Label licence = new Label(l.licence());
      licence.getStyleClass().add("text-bold");
      Label url = new Label(l.url());
      url.getStyleClass().addAll("text-muted", "text-small");
      grid.addRow(row++, library, version, licence, url);
    }
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    scroll.setMaxHeight(420);
    VBox content = new VBox(8, name, tagline, runtime, heading, scroll);
    getDialogPane().setContent(content);
    getDialogPane().setStyle("-fx-max-width: 1400px;");
    getDialogPane().setPadding(new Insets(14));
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
  }
}
