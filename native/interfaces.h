#pragma once

#include <napi.h>

namespace ktn {

Napi::Value InterfaceIndex(const Napi::CallbackInfo& info);
Napi::Value HardwareAddress(const Napi::CallbackInfo& info);

}  // namespace ktn
