#include "readable.h"

#include <poll.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace ktn {

namespace {

// One list per process: the daemon uses the addon from its main thread only, but a worker thread
// may open sockets too (tests do), so every use holds the lock.
std::mutex listeningLock;
std::vector<pollfd> listening;

}  // namespace

void ListenStarted(int fd) {
  std::lock_guard<std::mutex> hold(listeningLock);
  auto same = [fd](const pollfd& p) { return p.fd == fd; };
  if (std::none_of(listening.begin(), listening.end(), same)) listening.push_back({fd, POLLIN, 0});
}

void ListenStopped(int fd) {
  std::lock_guard<std::mutex> hold(listeningLock);
  listening.erase(std::remove_if(listening.begin(), listening.end(), [fd](const pollfd& p) { return p.fd == fd; }), listening.end());
}

Napi::Value AnyReadable(const Napi::CallbackInfo& info) {
  int ready = 0;
  {
    std::lock_guard<std::mutex> hold(listeningLock);
    if (!listening.empty()) ready = poll(listening.data(), listening.size(), 0);
  }
  // An error (EINTR…) answers "nothing known to be waiting": the caller then just keeps time.
  return Napi::Boolean::New(info.Env(), ready > 0);
}

}  // namespace ktn
