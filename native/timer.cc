#include "timer.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>

#include "errors.h"

namespace ktn {

namespace {

constexpr int64_t kNsPerMs = 1000000;
constexpr int64_t kNsPerS = 1000000000;

}  // namespace

Napi::Function Timer::Define(Napi::Env env) {
  return DefineClass(env, "Timer", {
    InstanceMethod("arm", &Timer::Arm),
    InstanceMethod("disarm", &Timer::Disarm),
    InstanceMethod("close", &Timer::Close),
  });
}

Timer::Timer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Timer>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    ThrowType(env, "Timer(onExpiry) expects a function");
    return;
  }
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) {
    ThrowErrno(env, EINVAL, "napi_get_uv_event_loop");
    return;
  }
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (fd < 0) {
    ThrowErrno(env, errno, "timerfd_create");
    return;
  }
  auto* poll = new uv_poll_t;
  int rc = uv_poll_init(loop, poll, fd);
  if (rc == 0) rc = uv_poll_start(poll, UV_READABLE, OnPoll);
  if (rc < 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(poll), [](uv_handle_t* h) { delete reinterpret_cast<uv_poll_t*>(h); });
    close(fd);
    ThrowErrno(env, -rc, "uv_poll_start");
    return;
  }
  // The poll stays started for the timer's life (no epoll_ctl per arming); whether it keeps the
  // loop alive follows whether the timer is armed.
  uv_unref(reinterpret_cast<uv_handle_t*>(poll));
  poll->data = this;
  poll_ = poll;
  fd_ = fd;
  onExpiry_.Reset(info[0].As<Napi::Function>(), 1);
  // While open, the callback may run at any time: the wrapper must outlive JavaScript's references.
  Ref();
  if (napi_add_env_cleanup_hook(env, OnEnvTeardown, this) == napi_ok) cleanupHookAdded_ = true;
}

Timer::~Timer() {
  releaseSelfOnClose_ = false;
  CloseNow();
}

void Timer::OnEnvTeardown(void* arg) {
  auto* self = static_cast<Timer*>(arg);
  self->cleanupHookAdded_ = false;
  self->CloseNow();
}

void Timer::SetArmed(bool armed) {
  if (armed_ == armed || poll_ == nullptr) return;
  armed_ = armed;
  auto* h = reinterpret_cast<uv_handle_t*>(poll_);
  if (armed) uv_ref(h); else uv_unref(h);
}

Napi::Value Timer::Arm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) {
    ThrowType(env, "arm(delayMs) expects a number");
    return env.Undefined();
  }
  if (fd_ < 0) {
    ThrowErrno(env, EBADF, "timer", "(closed)");
    return env.Undefined();
  }
  double delayMs = info[0].As<Napi::Number>().DoubleValue();
  // A zero it_value disarms a timerfd: "at once" is the shortest delay there is.
  int64_t delayNs = 1;
  if (std::isfinite(delayMs) && delayMs > 0) delayNs = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(delayMs * kNsPerMs)));
  itimerspec spec{};
  spec.it_value.tv_sec = static_cast<time_t>(delayNs / kNsPerS);
  spec.it_value.tv_nsec = static_cast<long>(delayNs % kNsPerS);
  if (timerfd_settime(fd_, 0, &spec, nullptr) < 0) {
    ThrowErrno(env, errno, "timerfd_settime");
    return env.Undefined();
  }
  SetArmed(true);
  return env.Undefined();
}

Napi::Value Timer::Disarm(const Napi::CallbackInfo& info) {
  if (fd_ >= 0) {
    itimerspec spec{};
    timerfd_settime(fd_, 0, &spec, nullptr);
  }
  SetArmed(false);
  return info.Env().Undefined();
}

void Timer::CloseNow() {
  if (poll_ != nullptr) {
    poll_->data = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(poll_), [](uv_handle_t* h) { delete reinterpret_cast<uv_poll_t*>(h); });
    poll_ = nullptr;
  }
  armed_ = false;
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
  if (!onExpiry_.IsEmpty()) {
    onExpiry_.Reset();
    if (releaseSelfOnClose_) Unref();
  }
  if (cleanupHookAdded_) {
    napi_remove_env_cleanup_hook(env_, OnEnvTeardown, this);
    cleanupHookAdded_ = false;
  }
}

Napi::Value Timer::Close(const Napi::CallbackInfo& info) {
  CloseNow();
  return info.Env().Undefined();
}

void Timer::OnPoll(uv_poll_t* handle, int status, int /*events*/) {
  auto* self = static_cast<Timer*>(handle->data);
  if (self == nullptr) return;
  uint64_t expirations = 0;
  // Nothing to read: re-armed (or disarmed) after the expiry woke the poll, so it is not due.
  if (status == 0 && read(self->fd_, &expirations, sizeof expirations) != sizeof expirations) return;
  self->SetArmed(false);
  Napi::Env env(self->env_);
  Napi::HandleScope scope(env);
  // MakeCallback runs microtasks afterwards, as after a Node timer's callback.
  self->onExpiry_.Value().MakeCallback(env.Global(), {});
  if (env.IsExceptionPending()) {
    Napi::Error error = env.GetAndClearPendingException();
    napi_fatal_exception(env, error.Value());
  }
}

}  // namespace ktn
