#include "errors.h"

#include <uv.h>

#include <cstring>

namespace ktn {

Napi::Error ErrnoError(Napi::Env env, int err, const char* syscall, const std::string& detail) {
  // libuv's error codes are negated errno values on Unix, so uv_err_name gives the symbolic name.
  const char* name = uv_err_name(-err);
  std::string message = std::string(syscall);
  if (!detail.empty()) message += " " + detail;
  message += ": " + std::string(name) + " (" + std::strerror(err) + ")";
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, name));
  error.Set("errno", Napi::Number::New(env, -err));
  error.Set("syscall", Napi::String::New(env, syscall));
  return error;
}

void ThrowErrno(Napi::Env env, int err, const char* syscall, const std::string& detail) {
  ErrnoError(env, err, syscall, detail).ThrowAsJavaScriptException();
}

bool ThrowType(Napi::Env env, const std::string& message) {
  Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return false;
}

}  // namespace ktn
