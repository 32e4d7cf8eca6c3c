// Whether any raw IP socket that is listening has a datagram waiting, asked without blocking.
// The clock asks it while it holds the thread for a precise timer (src/io/clock.ts), so that an
// advert that arrived meanwhile is read before a Master_Down_Timer fires rather than after.
#pragma once

#include <napi.h>

namespace ktn {

// Sockets register while they listen (Socket::Start) and leave when they stop or close.
void ListenStarted(int fd);
void ListenStopped(int fd);

// anyReadable(): boolean
Napi::Value AnyReadable(const Napi::CallbackInfo& info);

}  // namespace ktn
