#include "socket.h"

#include <linux/if_ether.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "errors.h"
#include "netns.h"
#include "readable.h"

namespace ktn {

Napi::Function Socket::Define(Napi::Env env) {
  return DefineClass(env, "Socket", {
    InstanceMethod("close", &Socket::Close),
    InstanceMethod("start", &Socket::Start),
    InstanceMethod("stop", &Socket::Stop),
    InstanceMethod("setRef", &Socket::SetRef),
    InstanceMethod("isOpen", &Socket::IsOpen),
    InstanceMethod("setIntOption", &Socket::SetIntOption),
    InstanceMethod("bindToDevice", &Socket::BindToDevice),
    InstanceMethod("bindInterface", &Socket::BindInterface),
    InstanceMethod("bindAddress", &Socket::BindAddress),
    InstanceMethod("membership", &Socket::Membership),
    InstanceMethod("multicastInterface", &Socket::MulticastInterface),
    InstanceMethod("send", &Socket::Send),
  });
}

Socket::Socket(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Socket>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber()) {
    ThrowType(env, "Socket(kind, protocol, netnsPath?) expects a string and a number");
    return;
  }
  std::string kind = info[0].As<Napi::String>().Utf8Value();
  int64_t protocol = info[1].As<Napi::Number>().Int64Value();
  std::string netns;
  if (info.Length() > 2 && !info[2].IsUndefined() && !info[2].IsNull()) {
    if (!info[2].IsString()) {
      ThrowType(env, "netnsPath must be a string");
      return;
    }
    netns = info[2].As<Napi::String>().Utf8Value();
  }

  int domain, type, proto;
  if (kind == "packet") {
    if (protocol < 0 || protocol > 0xffff) {
      ThrowType(env, "ethertype must be 0..65535");
      return;
    }
    // Protocol 0 receives nothing: a send-only socket then queues no frames it never reads.
    kind_ = Kind::Packet;
    domain = AF_PACKET;
    type = SOCK_RAW;
    proto = htons(static_cast<uint16_t>(protocol));
    ethertypeNet_ = static_cast<uint16_t>(proto);
  } else if (kind == "raw4" || kind == "raw6") {
    if (protocol < 1 || protocol > 255) {
      ThrowType(env, "IP protocol must be 1..255");
      return;
    }
    kind_ = kind == "raw4" ? Kind::Raw4 : Kind::Raw6;
    domain = kind == "raw4" ? AF_INET : AF_INET6;
    type = SOCK_RAW;
    proto = static_cast<int>(protocol);
  } else {
    ThrowType(env, "kind must be 'packet', 'raw4' or 'raw6'");
    return;
  }

  const char* failed = "socket";
  int fd = OpenSocketIn(netns.c_str(), domain, type, proto, &failed);
  if (fd < 0) {
    ThrowErrno(env, -fd, failed, netns.empty() ? "" : "in " + netns);
    return;
  }
  fd_ = fd;
  // Close the fd and release the poll handle if the environment (main or worker thread) ends
  // while the object is still alive.
  if (napi_add_env_cleanup_hook(env, OnEnvTeardown, this) == napi_ok) cleanupHookAdded_ = true;
}

Socket::~Socket() {
  // Finalizing: the wrapper is already unreachable, so there is no strong reference to drop.
  releaseSelfOnStop_ = false;
  CloseNow();
}

void Socket::OnEnvTeardown(void* arg) {
  auto* self = static_cast<Socket*>(arg);
  self->cleanupHookAdded_ = false;  // hooks are removed by running them
  self->CloseNow();
}

bool Socket::RequireOpen(Napi::Env env) {
  if (fd_ >= 0) return true;
  ThrowErrno(env, EBADF, "socket", "(closed)");
  return false;
}

void Socket::StopPolling() {
  if (poll_ == nullptr) return;
  // uv_close stops the handle now; the memory is freed once libuv is done with it.
  poll_->data = nullptr;
  ListenStopped(fd_);
  uv_close(reinterpret_cast<uv_handle_t*>(poll_), [](uv_handle_t* h) {
    delete reinterpret_cast<uv_poll_t*>(h);
  });
  poll_ = nullptr;
  if (!listener_.IsEmpty()) {
    listener_.Reset();
    // The strong reference taken in Start kept this object alive while it was listening.
    if (releaseSelfOnStop_) Unref();
  }
}

void Socket::CloseNow() {
  StopPolling();
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
  if (cleanupHookAdded_) {
    napi_remove_env_cleanup_hook(env_, OnEnvTeardown, this);
    cleanupHookAdded_ = false;
  }
}

Napi::Value Socket::Close(const Napi::CallbackInfo& info) {
  CloseNow();
  return info.Env().Undefined();
}

Napi::Value Socket::IsOpen(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), fd_ >= 0);
}

// start(listener): listener(err, data, ...details) is called for each packet; see receive.cc.
Napi::Value Socket::Start(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    ThrowType(env, "start(listener) expects a function");
    return env.Undefined();
  }
  if (!RequireOpen(env)) return env.Undefined();
  if (poll_ != nullptr) {
    listener_.Reset(info[0].As<Napi::Function>(), 1);
    return env.Undefined();
  }
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) {
    ThrowErrno(env, EINVAL, "napi_get_uv_event_loop");
    return env.Undefined();
  }
  auto* poll = new uv_poll_t;
  int rc = uv_poll_init_socket(loop, poll, fd_);
  if (rc < 0) {
    delete poll;
    ThrowErrno(env, -rc, "uv_poll_init");
    return env.Undefined();
  }
  poll->data = this;
  rc = uv_poll_start(poll, UV_READABLE, OnPoll);
  if (rc < 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(poll), [](uv_handle_t* h) { delete reinterpret_cast<uv_poll_t*>(h); });
    ThrowErrno(env, -rc, "uv_poll_start");
    return env.Undefined();
  }
  if (!referenced_) uv_unref(reinterpret_cast<uv_handle_t*>(poll));
  poll_ = poll;
  // Adverts come on raw IP sockets; packet sockets carry nothing a timer waits for.
  if (kind_ != Kind::Packet) ListenStarted(fd_);
  listener_.Reset(info[0].As<Napi::Function>(), 1);
  if (buffer_.empty()) buffer_.resize(65536);
  Ref();
  return env.Undefined();
}

Napi::Value Socket::Stop(const Napi::CallbackInfo& info) {
  StopPolling();
  return info.Env().Undefined();
}

Napi::Value Socket::SetRef(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsBoolean()) {
    ThrowType(env, "setRef(referenced) expects a boolean");
    return env.Undefined();
  }
  referenced_ = info[0].As<Napi::Boolean>().Value();
  if (poll_ != nullptr) {
    auto* h = reinterpret_cast<uv_handle_t*>(poll_);
    if (referenced_) uv_ref(h); else uv_unref(h);
  }
  return env.Undefined();
}

void Socket::OnPoll(uv_poll_t* handle, int status, int /*events*/) {
  auto* self = static_cast<Socket*>(handle->data);
  if (self == nullptr) return;
  Napi::Env env(self->env_);
  Napi::HandleScope scope(env);
  if (status < 0) {
    self->OnPollError(handle, status);
    return;
  }
  self->ReadAvailable();
}

// libuv reports a pending socket error (sk_err: an ICMP error, only with IP_RECVERR or a connected
// socket) as EBADF and stops the handle. Fetching SO_ERROR clears it: report the real error and
// keep listening. Only an error we cannot explain stops the socket, so this never spins.
void Socket::OnPollError(uv_poll_t* handle, int status) {
  Napi::Env env(env_);
  int pending = 0;
  socklen_t len = sizeof pending;
  if (fd_ >= 0 && getsockopt(fd_, SOL_SOCKET, SO_ERROR, &pending, &len) == 0 && pending != 0) {
    Deliver(env, {ErrnoError(env, pending, "recvmsg").Value()});
    if (fd_ >= 0 && poll_ == handle) {
      int rc = uv_poll_start(poll_, UV_READABLE, OnPoll);
      if (rc == 0) return;
      status = rc;
    } else {
      return;  // the listener closed or stopped the socket
    }
  }
  Deliver(env, {ErrnoError(env, -status, "uv_poll").Value()});
  if (poll_ == handle) StopPolling();
}

void Socket::Deliver(Napi::Env env, const std::vector<napi_value>& args) {
  if (listener_.IsEmpty()) return;
  // MakeCallback runs microtasks afterwards, as for any other I/O callback.
  Napi::Function fn = listener_.Value();
  fn.MakeCallback(env.Global(), args);
  if (env.IsExceptionPending()) {
    // A throwing listener is an uncaught exception, exactly as if an EventEmitter listener threw.
    Napi::Error error = env.GetAndClearPendingException();
    napi_fatal_exception(env, error.Value());
  }
}

}  // namespace ktn
