// Turning errno values into JavaScript Error objects shaped like Node's own system errors
// ({ code: 'EPERM', errno: -1, syscall: 'setsockopt' }), so callers can branch on `code`.
#pragma once

#include <napi.h>

#include <string>

namespace ktn {

// An Error for a failed system call; `detail` names what was being done (e.g. "IPV6_JOIN_GROUP").
Napi::Error ErrnoError(Napi::Env env, int err, const char* syscall, const std::string& detail = "");

// Throws ErrnoError as a pending JavaScript exception (the addon is built without C++ exceptions).
void ThrowErrno(Napi::Env env, int err, const char* syscall, const std::string& detail = "");

// Throws a TypeError for a bad argument and returns false, so callers can `return` on it.
bool ThrowType(Napi::Env env, const std::string& message);

}  // namespace ktn
