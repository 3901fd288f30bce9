package io.quantlens.ui.lessons;

import atlantafx.base.theme.Styles;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.Claim;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.ClaimsState;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * Lesson 7, myth vs measurement: claims course material makes about INT8 and INT4, each beside what
 * the workbench measures on the open model and hardware, whether it holds, and why not.
 */
final class MythLesson extends LessonPage {
  private final Node check;
  private final GridPane table = new GridPane();
  private final Label numbers = new Label();

  MythLesson(LessonContext context) {
    super(context, "lesson7", false);
    Messages m = context.messages();
    ClaimsState state = context.claims();
    check = measureButton(m.get("lesson7.check"), "lesson7Check", state.running(), state::check);
    table.setId("lesson7Claims");
    table.setHgap(16);
    table.setVgap(8);
    numbers.setId("lesson7Numbers");
    build(m.get("lesson7.title"), m.get("lesson7.text"), List.of(check), numbers);
    extra(table);
    state.claims().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    Messages m = context.messages();
    List<Claim> claims = context.claims().claims().get();
    table.getChildren().clear();
    if (claims == null) {
      numbers.setText(m.get("lesson7.none"));
      refreshTry();
      return;
    }
    numbers.setText(m.get("lesson7.on", context.opened().getValue().title()));
    int row = 0;
    for (String header : List.of("claim", "measured", "verdict", "why")) {
      Label h = new Label(m.get("lesson7.head." + header));
      h.getStyleClass().add(Styles.TEXT_BOLD);
      table.add(h, row++, 0);
    }
    int r = 1;
    for (Claim c : claims) {
      Label claim = new Label(m.get("lesson7.claim." + c.id()));
      Label measured = new Label(m.get("lesson7.unit." + c.id(), m.numbers().three(c.measured())));
      measured.setId("lesson7Measured-" + c.id());
      Label verdict = new Label(m.get(c.holds() ? "lesson7.holds" : "lesson7.fails"));
      verdict.getStyleClass().add(c.holds() ? Styles.SUCCESS : Styles.DANGER);
      Label why = new Label(m.get("lesson7.why." + c.id()));
      why.setWrapText(true);
      why.setMaxWidth(460);
      claim.setWrapText(true);
      claim.setMaxWidth(260);
      // The number and the verdict keep their width; the claim and the reason wrap.
      measured.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      verdict.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      table.addRow(r++, claim, measured, verdict, why);
    }
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    return PrecisionPlan.uniform(Scheme.parse("int8:channel:sym"));
  }
}
