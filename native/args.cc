#include "args.h"

#include <cmath>

#include "errors.h"

namespace ktn {

bool IntArg(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t min, int64_t max, int64_t* out) {
  if (info.Length() <= i || !info[i].IsNumber()) return ThrowType(info.Env(), std::string(name) + " must be a number");
  double value = info[i].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(value) || std::floor(value) != value || value < static_cast<double>(min) ||
      value > static_cast<double>(max)) {
    return ThrowType(info.Env(), std::string(name) + " must be an integer in " + std::to_string(min) + ".." +
                                     std::to_string(max));
  }
  *out = static_cast<int64_t>(value);
  return true;
}

bool StringArg(const Napi::CallbackInfo& info, size_t i, const char* name, std::string* out) {
  if (info.Length() <= i || !info[i].IsString()) return ThrowType(info.Env(), std::string(name) + " must be a string");
  *out = info[i].As<Napi::String>().Utf8Value();
  return true;
}

bool BytesArg(const Napi::CallbackInfo& info, size_t i, const char* name, const uint8_t** data, size_t* length) {
  if (info.Length() > i) {
    Napi::Value v = info[i];
    if (v.IsTypedArray()) {
      auto ta = v.As<Napi::TypedArray>();
      *data = static_cast<const uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
      *length = ta.ByteLength();
      return true;
    }
    if (v.IsDataView()) {
      auto dv = v.As<Napi::DataView>();
      *data = static_cast<const uint8_t*>(dv.ArrayBuffer().Data()) + dv.ByteOffset();
      *length = dv.ByteLength();
      return true;
    }
    if (v.IsArrayBuffer()) {
      auto ab = v.As<Napi::ArrayBuffer>();
      *data = static_cast<const uint8_t*>(ab.Data());
      *length = ab.ByteLength();
      return true;
    }
  }
  return ThrowType(info.Env(), std::string(name) + " must be a Uint8Array, Buffer or ArrayBuffer");
}

}  // namespace ktn
