// One socket owned by JavaScript: an AF_PACKET socket, or a raw IPv4/IPv6 socket for one IP
// protocol. Reads are driven by a libuv poll handle, so received packets arrive as callbacks on
// the event loop; sends are synchronous non-blocking system calls.
//
// The TypeScript layer (src/io/native) exposes a typed class per kind; this class holds what they
// share so the C++ stays small. Bad arguments throw TypeError; failed system calls throw (setup)
// or are returned (send) as Errors with `code` set to the errno name.
#pragma once

#include <napi.h>
#include <uv.h>

#include <vector>

namespace ktn {

enum class Kind { Packet, Raw4, Raw6 };

class Socket : public Napi::ObjectWrap<Socket> {
 public:
  static Napi::Function Define(Napi::Env env);

  // new Socket(kind: 'packet' | 'raw4' | 'raw6', protocol: number, netnsPath?: string)
  // protocol: the ethertype for 'packet' (0 = send only), the IP protocol otherwise.
  explicit Socket(const Napi::CallbackInfo& info);
  ~Socket() override;

 private:
  // Lifecycle (socket.cc).
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value Start(const Napi::CallbackInfo& info);
  Napi::Value Stop(const Napi::CallbackInfo& info);
  Napi::Value SetRef(const Napi::CallbackInfo& info);
  Napi::Value IsOpen(const Napi::CallbackInfo& info);
  void CloseNow();
  void StopPolling();
  static void OnPoll(uv_poll_t* handle, int status, int events);
  void OnPollError(uv_poll_t* handle, int status);
  static void OnEnvTeardown(void* arg);
  bool RequireOpen(Napi::Env env);

  // Options and binding (sockopts.cc).
  Napi::Value SetIntOption(const Napi::CallbackInfo& info);
  Napi::Value BindToDevice(const Napi::CallbackInfo& info);
  Napi::Value BindInterface(const Napi::CallbackInfo& info);
  Napi::Value BindAddress(const Napi::CallbackInfo& info);
  Napi::Value Membership(const Napi::CallbackInfo& info);
  Napi::Value MulticastInterface(const Napi::CallbackInfo& info);

  // Sending (send.cc).
  Napi::Value Send(const Napi::CallbackInfo& info);
  Napi::Value SendFrame(const Napi::CallbackInfo& info);
  Napi::Value SendDatagram(const Napi::CallbackInfo& info);

  // Receiving (receive.cc).
  void ReadAvailable();
  // Reads one packet and calls the listener; false when there is nothing more to read now.
  bool ReadOne(Napi::Env env);
  bool ReadFrame(Napi::Env env);
  bool ReadDatagram(Napi::Env env);
  void Deliver(Napi::Env env, const std::vector<napi_value>& args);

  Kind kind_;
  uint16_t ethertypeNet_ = 0;  // packet sockets: the ethertype in network byte order
  int fd_ = -1;
  uv_poll_t* poll_ = nullptr;  // owned; freed in the uv_close callback
  bool referenced_ = true;     // whether an active poll keeps the event loop alive
  bool cleanupHookAdded_ = false;
  bool releaseSelfOnStop_ = true;  // false only while being finalized
  Napi::FunctionReference listener_;
  std::vector<uint8_t> buffer_;
  napi_env env_;
};

}  // namespace ktn
