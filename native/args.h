// Small argument readers: each returns false after throwing a TypeError, so a method can stop.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>

namespace ktn {

bool IntArg(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t min, int64_t max, int64_t* out);
bool StringArg(const Napi::CallbackInfo& info, size_t i, const char* name, std::string* out);
// Accepts a Buffer, any TypedArray or DataView, or an ArrayBuffer; the bytes stay owned by JS.
bool BytesArg(const Napi::CallbackInfo& info, size_t i, const char* name, const uint8_t** data, size_t* length);

}  // namespace ktn
