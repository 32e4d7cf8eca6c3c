#include "netns.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace ktn {

namespace {

struct OpenRequest {
  const char* netnsPath;
  int domain;
  int type;
  int protocol;
  int result;  // fd or -errno
  const char* failedCall;
};

int PlainSocket(OpenRequest* req) {
  int fd = socket(req->domain, req->type | SOCK_NONBLOCK | SOCK_CLOEXEC, req->protocol);
  if (fd < 0) req->failedCall = "socket";
  return fd < 0 ? -errno : fd;
}

void* OpenInNamespace(void* arg) {
  auto* req = static_cast<OpenRequest*>(arg);
  int target = open(req->netnsPath, O_RDONLY | O_CLOEXEC);
  if (target < 0) {
    req->failedCall = "open";
    req->result = -errno;
    return nullptr;
  }
  // setns(2) with CLONE_NEWNET moves only this helper thread, which ends right after.
  if (setns(target, CLONE_NEWNET) < 0) {
    req->failedCall = "setns";
    req->result = -errno;
  } else {
    req->result = PlainSocket(req);
  }
  close(target);
  return nullptr;
}

}  // namespace

int OpenSocketIn(const char* netnsPath, int domain, int type, int protocol, const char** failedCall) {
  OpenRequest req{netnsPath, domain, type, protocol, -EINVAL, nullptr};
  if (netnsPath == nullptr || netnsPath[0] == '\0') {
    req.result = PlainSocket(&req);
  } else {
    pthread_t thread;
    int err = pthread_create(&thread, nullptr, OpenInNamespace, &req);
    if (err != 0) {
      *failedCall = "pthread_create";
      return -err;
    }
    pthread_join(thread, nullptr);
  }
  if (req.result < 0) *failedCall = req.failedCall;
  return req.result;
}

}  // namespace ktn
