#include "readable.h"

#include <poll.h>

#include <algorithm>
#include <vector>

namespace ktn {

namespace {

// The main thread alone starts, stops and asks (the addon is not used from workers).
std::vector<pollfd>& Listening() {
  static std::vector<pollfd> fds;
  return fds;
}

}  // namespace

void ListenStarted(int fd) {
  auto& fds = Listening();
  if (std::none_of(fds.begin(), fds.end(), [fd](const pollfd& p) { return p.fd == fd; })) fds.push_back({fd, POLLIN, 0});
}

void ListenStopped(int fd) {
  auto& fds = Listening();
  fds.erase(std::remove_if(fds.begin(), fds.end(), [fd](const pollfd& p) { return p.fd == fd; }), fds.end());
}

Napi::Value AnyReadable(const Napi::CallbackInfo& info) {
  auto& fds = Listening();
  if (fds.empty()) return Napi::Boolean::New(info.Env(), false);
  int ready = poll(fds.data(), fds.size(), 0);
  // An error (EINTR…) answers "nothing known to be waiting": the caller then just keeps time.
  return Napi::Boolean::New(info.Env(), ready > 0);
}

}  // namespace ktn
