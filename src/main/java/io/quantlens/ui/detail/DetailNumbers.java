package io.quantlens.ui.detail;

import io.quantlens.analysis.LayerDetail;
import io.quantlens.analysis.QuantResult;
import io.quantlens.analysis.WeightSummary;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The layer's numbers beside their theory: step Δ, σq = Δ/√12 predicted against measured, SQNR
 * measured against the 6.02·b + 1.76 dB rule of thumb, clipped share, effective bits.
 */
public final class DetailNumbers extends FlowPane {
  private final Messages m;
  private final Label step = value("detailStep");
  private final Label sigma = value("detailSigma");
  private final Label sqnr = value("detailSqnr");
  private final Label clipped = value("detailClipped");
  private final Label bits = value("detailBits");
  private final Label bias = value("detailBias");

  public DetailNumbers(Messages m) {
    this.m = m;
    getStyleClass().add("detail-numbers");
    setHgap(18);
    setVgap(3);
    getChildren()
        .addAll(
            pair("detail.sqnr", sqnr),
            pair("detail.sigma", sigma),
            pair("detail.step", step),
            pair("detail.clipped", clipped),
            pair("detail.bits", bits),
            pair("detail.bias", bias));
  }

  public void clear() {
    for (Label l : new Label[] {step, sigma, sqnr, clipped, bits, bias}) {
      l.setText("—");
    }
  }

  void fp32(WeightSummary weights) {
    clear();
    sqnr.setText(m.get("detail.exact"));
    bits.setText("32");
    clipped.setText("0 %");
    // FP32 keeps every weight: no error. The weights' spread is beside it, named, not in its place.
    bias.setText(m.get("detail.noError", m.numbers().format("%.3g", weights.std())));
  }

  public void show(Scheme scheme, QuantResult result, LayerDetail detail) {
    ErrorStats s = result.stats();
    double predicted = Math.sqrt(s.predictedMse());
    double measured = Math.sqrt(s.mse());
    step.setText(detail == null || Double.isNaN(detail.step()) ? "—" : sci(detail.step()));
    step.setTooltip(new Tooltip(m.get("detail.stepTip")));
    sigma.setText(
        Double.isNaN(predicted)
            ? m.get("detail.measuredOnly", sci(measured))
            : m.get("detail.sigmaValue", sci(predicted), sci(measured)));
    sigma.setTooltip(new Tooltip(m.get("detail.sigmaTip")));
    double rule = 6.02 * scheme.format().bits() + 1.76;
    sqnr.setText(m.get("detail.sqnrValue", m.numbers().db(s.sqnrDb()), m.numbers().db(rule)));
    sqnr.setTooltip(new Tooltip(m.get("detail.sqnrTip")));
    clipped.setText(m.numbers().format("%.3f %%", 100 * s.clippedFraction()));
    bits.setText(m.numbers().three(result.bitsPerWeight()));
    bias.setText(m.numbers().format("%.3g / %.3g", s.meanError(), s.maxAbsError()));
    bias.setTooltip(new Tooltip(m.get("detail.biasTip")));
  }

  private String sci(double v) {
    return m.numbers().format("%.3g", v);
  }

  private HBox pair(String key, Label value) {
    Label caption = new Label(m.get(key));
    caption.getStyleClass().add("detail-caption");
    caption.setMinWidth(Region.USE_PREF_SIZE);
    value.setMinWidth(Region.USE_PREF_SIZE);
    return new HBox(6, caption, value);
  }

  private static Label value(String id) {
    Label l = new Label("—");
    l.setId(id);
    l.getStyleClass().add("detail-value");
    return l;
  }
}
