package io.quantlens.bench;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.floats;

import ai.onnx.proto.OnnxMl.AttributeProto;
import io.quantlens.formats.onnx.OnnxTestModel;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a segmentation-sized ONNX graph for the `cost` memory benchmark: a 3→C 3×3 Conv, then N
 * C→C 3×3 Convs each followed by a Relu, then a C→2 1×1 Conv (the mask), on an input of symbolic
 * height × width. Usage: {@code SegmentationConvStack OUT.onnx [N=10] [C=64]}.
 */
public final class SegmentationConvStack {
  private SegmentationConvStack() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int layers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int channels = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    OnnxTestModel model = new OnnxTestModel();
    String previous = conv(model, "stem", "image", 3, channels, 3);
    for (int i = 0; i < layers; i++) {
      String c = conv(model, "conv" + i, previous, channels, channels, 3);
      model.node("Relu", "relu" + i, List.of(c), List.of("relu" + i));
      previous = "relu" + i;
    }
    String mask = conv(model, "head", previous, channels, 2, 1);
    model
        .input("image", FLOAT, "batch", 3, "height", "width")
        .output(mask, FLOAT, "batch", 2, "height", "width")
        .write(out);
  }

  private static String conv(
      OnnxTestModel model, String name, String input, int in, int out, int kernel) {
    long[] dims = {out, in, kernel, kernel};
    float[] w = new float[out * in * kernel * kernel];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(i) * 0.05f; // nonzero so nothing can be skipped
    }
    model.initializer(floats(name + ".w", dims, w));
    model.initializer(floats(name + ".b", new long[] {out}, new float[out]));
    int pad = kernel / 2;
    AttributeProto.Builder pads =
        AttributeProto.newBuilder().setName("pads").setType(AttributeProto.AttributeType.INTS);
    for (int i = 0; i < 4; i++) {
      pads.addInts(pad);
    }
    model.node("Conv", name, List.of(input, name + ".w", name + ".b"), List.of(name), pads.build());
    return name;
  }
}
