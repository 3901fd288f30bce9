package io.quantlens.ui.accuracy;

import atlantafx.base.theme.Styles;
import io.quantlens.analysis.PlanDescription;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.SampleResult;
import io.quantlens.text.Messages;
import io.quantlens.ui.task.Coalescer;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The samples whose class the current plan changes, after each measurement: each image drawn small
 * with "label → FP32 class → plan class" under it; for inputs that are not images, the sample
 * numbers with the same classes.
 */
public final class FlippedSamplesView extends VBox {
  /** Pixels per sample pixel: a 28×28 digit is drawn 56×56. */
  private static final int ZOOM = 2;

  /** The widest a tile's picture is drawn, so a 224×224 photo stays a thumbnail. */
  private static final int MAX_PICTURE = 96;

  private final FlippedSamplesModel model;
  private final Messages m;
  private final Label header = new Label();
  private final FlowPane tiles = new FlowPane(8, 8);

  public FlippedSamplesView(FlippedSamplesModel model, Messages m) {
    this.model = model;
    this.m = m;
    setId("flippedView");
    setSpacing(8);
    setPadding(new Insets(12));
    header.setId("flippedHeader");
    header.setWrapText(true);
    tiles.setId("flippedTiles");
    tiles.setPadding(new Insets(4));
    ScrollPane scroll = new ScrollPane(tiles);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    VBox.setVgrow(scroll, Priority.ALWAYS);
    getChildren().addAll(header, scroll);
    Coalescer redraw = new Coalescer(this::draw);
    model.flipped().addListener((obs, old, now) -> redraw.request());
    model.result().addListener((obs, old, now) -> redraw.request());
    model.running().addListener((obs, old, now) -> redraw.request());
    draw();
  }

  private void draw() {
    EvalResult result = model.result().get();
    FlippedSamples flipped = model.flipped().get();
    tiles.getChildren().clear();
    if (result == null) {
      header.setText(
          m.get(model.running().get() ? "flippedView.measuring" : "flippedView.notMeasured"));
      return;
    }
    if (result.task().kind() != EvalTask.Kind.CLASSIFIER || flipped == null) {
      EvalTask task = result.task();
      String compared =
          m.get("evalTask." + task.kind().name().toLowerCase(Locale.ROOT), task.output());
      header.setText(m.get("flippedView.noClasses", compared));
      return;
    }
    String plan = PlanDescription.of(result.plan(), m);
    if (flipped.flippedCount() == 0) {
      header.setText(m.get("flippedView.none", result.samples(), plan));
      return;
    }
    String order =
        m.get(
            result.hasLabels() ? "flippedView.order" : "flippedView.orderUnlabelled",
            result.reference());
    String shown =
        flipped.shown().size() < flipped.flippedCount()
            ? m.get("flippedView.firstShown", flipped.shown().size())
            : "";
    String outcome =
        result.hasLabels()
            ? m.get("flippedView.outcome", flipped.brokenCount(), flipped.fixedCount())
            : "";
    header.setText(
        m.get(
            "flippedView.header",
            flipped.flippedCount(),
            result.samples(),
            plan,
            order,
            shown,
            outcome));
    List<Node> made = flipped.shown().stream().map(f -> tile(f, result)).toList();
    tiles.getChildren().setAll(made);
  }

  private Node tile(FlippedSamples.Flip flip, EvalResult result) {
    SampleResult s = flip.sample();
    String classes =
        s.label() >= 0
            ? m.get("flippedView.classes", s.label(), s.referenceClass(), s.quantizedClass())
            : m.get("flippedView.classesUnlabelled", s.referenceClass(), s.quantizedClass());
    Label caption = new Label(classes);
    caption.getStyleClass().add("flipped-caption");
    // A mark as well as a colour, so the two read apart without telling red from green.
    if (flip.broken()) {
      caption.setText(m.get("flippedView.broken", classes));
      caption.getStyleClass().add("flipped-broken");
    } else if (flip.fixed()) {
      caption.setText(m.get("flippedView.fixed", classes));
      caption.getStyleClass().add("flipped-fixed");
    }
    VBox tile = new VBox(2);
    tile.setAlignment(Pos.CENTER);
    tile.getStyleClass().add("flipped-tile");
    tile.setId("flipped-" + s.index());
    tile.setUserData(s);
    if (flip.image() != null) {
      tile.getChildren().add(picture(flip.image()));
    } else {
      Label number = new Label(m.get("flippedView.sample", s.index()));
      number.getStyleClass().add(Styles.TEXT_BOLD);
      tile.getChildren().add(number);
    }
    tile.getChildren().add(caption);
    Tooltip.install(
        tile,
        new Tooltip(
            s.label() >= 0
                ? m.get(
                    "flippedView.tip",
                    s.index(),
                    s.label(),
                    result.reference(),
                    s.referenceClass(),
                    s.quantizedClass())
                : m.get(
                    "flippedView.tipUnlabelled",
                    s.index(),
                    result.reference(),
                    s.referenceClass(),
                    s.quantizedClass())));
    return tile;
  }

  /** The sample's pixels as they are, enlarged without smoothing so each stays visible. */
  private static ImageView picture(SampleImage image) {
    WritableImage fx = new WritableImage(image.width(), image.height());
    fx.getPixelWriter()
        .setPixels(
            0,
            0,
            image.width(),
            image.height(),
            PixelFormat.getIntArgbInstance(),
            image.argb(),
            0,
            image.width());
    ImageView view = new ImageView(fx);
    view.setSmooth(false);
    view.setPreserveRatio(true);
    view.setFitWidth(Math.min(MAX_PICTURE, image.width() * ZOOM));
    view.getStyleClass().add("flipped-image");
    return view;
  }
}
