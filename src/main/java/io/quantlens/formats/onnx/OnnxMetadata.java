package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.ValueInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts a model's descriptive parts: producer, versions, graph inputs and outputs. */
final class OnnxMetadata {
  private OnnxMetadata() {}

  static ModelMetadata metadata(ModelProto model, List<String> notes) {
    Map<String, Long> opsets = new LinkedHashMap<>();
    for (OperatorSetIdProto opset : model.getOpsetImportList()) {
      opsets.put(opset.getDomain(), opset.getVersion());
    }
    String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
    return new ModelMetadata("ONNX", producer, model.getIrVersion(), opsets, Map.of(), notes);
  }

  /** The values, leaving out those named in {@code exclude} (initializers listed as inputs). */
  static List<ValueInfo> values(List<ValueInfoProto> values, Set<String> exclude) {
    List<ValueInfo> result = new ArrayList<>();
    for (ValueInfoProto value : values) {
      if (!exclude.contains(value.getName())) {
        result.add(valueInfo(value));
      }
    }
    return result;
  }

  private static ValueInfo valueInfo(ValueInfoProto value) {
    TypeProto type = value.getType();
    if (type.getValueCase() != TypeProto.ValueCase.TENSOR_TYPE) {
      String kind =
          type.getValueCase() == TypeProto.ValueCase.VALUE_NOT_SET
              ? "?"
              : type.getValueCase().name();
      return new ValueInfo(value.getName(), kind, List.of());
    }
    TypeProto.Tensor tensor = type.getTensorType();
    List<String> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension dim : tensor.getShape().getDimList()) {
      dims.add(
          switch (dim.getValueCase()) {
            case DIM_VALUE -> Long.toString(dim.getDimValue());
            case DIM_PARAM -> dim.getDimParam().isEmpty() ? "?" : dim.getDimParam();
            default -> "?";
          });
    }
    return new ValueInfo(value.getName(), OnnxDataType.name(tensor.getElemType()), dims);
  }
}
