// Receiving: on each readable event, drain the socket (bounded, so one busy socket cannot starve
// the event loop) and call the listener once per packet:
//   packet sockets: listener(null, frame, ifindex, ethertype, packetType, truncated)
//   raw sockets:    listener(null, data, source, destination, hopLimit, ifindex, truncated, ageMs)
// where raw IPv4 data is the whole datagram (the kernel always includes the IP header) and raw
// IPv6 data is the payload; destination "" / hopLimit -1 / ifindex 0 mean "not reported".
// A failed read calls listener(error).
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "addresses.h"
#include "errors.h"
#include "socket.h"

namespace ktn {

namespace {
constexpr int kMaxReadsPerWakeup = 64;
constexpr size_t kIPv4TtlOffset = 8;
// A kernel stamp further back than this (or in the future) means the wall clock moved: ignore it.
constexpr double kMaxPlausibleAgeMs = 1000;

// The stamp is on CLOCK_REALTIME; only the difference to now is used, so a step of the wall
// clock between the two readings is the only error (and is caught by the plausibility bound).
double AgeMs(const msghdr& msg) {
  for (cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm != nullptr; cm = CMSG_NXTHDR(const_cast<msghdr*>(&msg), cm)) {
    if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_TIMESTAMPNS || cm->cmsg_len < CMSG_LEN(sizeof(timespec))) continue;
    timespec stamp;
    std::memcpy(&stamp, CMSG_DATA(cm), sizeof stamp);
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    double ageMs = static_cast<double>(now.tv_sec - stamp.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec - stamp.tv_nsec) / 1e6;
    return ageMs >= 0 && ageMs < kMaxPlausibleAgeMs ? ageMs : 0;
  }
  return 0;
}
}

void Socket::ReadAvailable() {
  Napi::Env env(env_);
  // A listener may close the socket and drop the last reference; keep this object alive until
  // the loop below has stopped touching it.
  Ref();
  for (int i = 0; i < kMaxReadsPerWakeup && fd_ >= 0 && poll_ != nullptr; ++i) {
    Napi::HandleScope scope(env);
    if (!ReadOne(env)) break;
  }
  Unref();
}

bool Socket::ReadOne(Napi::Env env) {
  return kind_ == Kind::Packet ? ReadFrame(env) : ReadDatagram(env);
}

// Shared handling of a failed read: true to keep reading, false to wait for the next event.
static bool ReadFailed(Napi::Env env, int err, std::vector<napi_value>* args, const char* syscall) {
  if (err == EINTR) return true;
  if (err == EAGAIN || err == EWOULDBLOCK) return false;
  args->push_back(ErrnoError(env, err, syscall).Value());
  return false;
}

bool Socket::ReadFrame(Napi::Env env) {
  sockaddr_ll from{};
  socklen_t fromLen = sizeof from;
  // MSG_TRUNC makes packet sockets return the real frame length even when it did not fit.
  ssize_t n = recvfrom(fd_, buffer_.data(), buffer_.size(), MSG_DONTWAIT | MSG_TRUNC,
                       reinterpret_cast<sockaddr*>(&from), &fromLen);
  if (n < 0) {
    std::vector<napi_value> args;
    bool again = ReadFailed(env, errno, &args, "recvfrom");
    if (!args.empty()) Deliver(env, args);
    return again;
  }
  size_t kept = static_cast<size_t>(n) < buffer_.size() ? static_cast<size_t>(n) : buffer_.size();
  Deliver(env, {
    env.Null(),
    Napi::Buffer<uint8_t>::Copy(env, buffer_.data(), kept),
    Napi::Number::New(env, from.sll_ifindex),
    Napi::Number::New(env, ntohs(from.sll_protocol)),
    Napi::Number::New(env, from.sll_pkttype),
    Napi::Boolean::New(env, kept < static_cast<size_t>(n)),
  });
  return true;
}

bool Socket::ReadDatagram(Napi::Env env) {
  sockaddr_storage from{};
  alignas(cmsghdr) char control[256];
  iovec iov{buffer_.data(), buffer_.size()};
  msghdr msg{};
  msg.msg_name = &from;
  msg.msg_namelen = sizeof from;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n = recvmsg(fd_, &msg, MSG_DONTWAIT);
  if (n < 0) {
    std::vector<napi_value> args;
    bool again = ReadFailed(env, errno, &args, "recvmsg");
    if (!args.empty()) Deliver(env, args);
    return again;
  }

  double ageMs = AgeMs(msg);
  std::string source, destination;
  int hopLimit = -1;
  int ifindex = 0;
  if (kind_ == Kind::Raw6) {
    source = FormatIPv6(reinterpret_cast<sockaddr_in6*>(&from)->sin6_addr);
    for (cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm != nullptr; cm = CMSG_NXTHDR(&msg, cm)) {
      if (cm->cmsg_level != IPPROTO_IPV6) continue;
      if (cm->cmsg_type == IPV6_HOPLIMIT && cm->cmsg_len >= CMSG_LEN(sizeof(int))) {
        std::memcpy(&hopLimit, CMSG_DATA(cm), sizeof(int));
      } else if (cm->cmsg_type == IPV6_PKTINFO && cm->cmsg_len >= CMSG_LEN(sizeof(in6_pktinfo))) {
        in6_pktinfo pi;
        std::memcpy(&pi, CMSG_DATA(cm), sizeof pi);
        destination = FormatIPv6(pi.ipi6_addr);
        ifindex = static_cast<int>(pi.ipi6_ifindex);
      }
    }
  } else {
    source = FormatIPv4(reinterpret_cast<sockaddr_in*>(&from)->sin_addr);
    for (cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm != nullptr; cm = CMSG_NXTHDR(&msg, cm)) {
      if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_PKTINFO &&
          cm->cmsg_len >= CMSG_LEN(sizeof(in_pktinfo))) {
        in_pktinfo pi;
        std::memcpy(&pi, CMSG_DATA(cm), sizeof pi);
        destination = FormatIPv4(pi.ipi_addr);  // the destination in the IP header
        ifindex = pi.ipi_ifindex;
      }
    }
    if (static_cast<size_t>(n) > kIPv4TtlOffset) hopLimit = buffer_[kIPv4TtlOffset];
  }

  Deliver(env, {
    env.Null(),
    Napi::Buffer<uint8_t>::Copy(env, buffer_.data(), static_cast<size_t>(n)),
    Napi::String::New(env, source),
    Napi::String::New(env, destination),
    Napi::Number::New(env, hopLimit),
    Napi::Number::New(env, ifindex),
    Napi::Boolean::New(env, (msg.msg_flags & MSG_TRUNC) != 0),
    Napi::Number::New(env, ageMs),
  });
  return true;
}

}  // namespace ktn
