// A one-shot timer on CLOCK_MONOTONIC with nanosecond resolution: a timerfd watched by a libuv
// poll handle, so expiry is a callback on the event loop like any I/O. Node's own timers work in
// whole milliseconds of a cached loop time and wake up to a millisecond late; VRRP's timers
// (Master_Down_Interval, Skew_Time, 50 ms adverts) need a tenth of that, without sleeping or
// spinning the thread to get it.
#pragma once

#include <napi.h>
#include <uv.h>

namespace ktn {

class Timer : public Napi::ObjectWrap<Timer> {
 public:
  static Napi::Function Define(Napi::Env env);

  // new Timer(onExpiry: () => void)
  explicit Timer(const Napi::CallbackInfo& info);
  ~Timer() override;

 private:
  // arm(delayMs): fires once, delayMs (fractional, <= 0: at once) from now; re-arming replaces.
  Napi::Value Arm(const Napi::CallbackInfo& info);
  Napi::Value Disarm(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  void SetArmed(bool armed);
  void CloseNow();
  static void OnPoll(uv_poll_t* handle, int status, int events);
  static void OnEnvTeardown(void* arg);

  int fd_ = -1;
  uv_poll_t* poll_ = nullptr;  // owned; freed in the uv_close callback
  bool armed_ = false;         // an armed timer keeps the event loop alive, as setTimeout does
  bool cleanupHookAdded_ = false;
  bool releaseSelfOnClose_ = true;  // false only while being finalized
  Napi::FunctionReference onExpiry_;
  napi_env env_;
};

}  // namespace ktn
