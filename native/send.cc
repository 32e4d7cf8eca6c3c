// Sending. Returns undefined on success or an Error (with `code`) when the kernel refuses: a
// failed send is routine for a daemon (interface down, no route) and must not throw from a timer.
// Malformed arguments still throw TypeError: those are programming errors.
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "addresses.h"
#include "args.h"
#include "errors.h"
#include "socket.h"

namespace ktn {

namespace {
constexpr size_t kEthernetHeaderLen = 14;
}

Napi::Value Socket::Send(const Napi::CallbackInfo& info) {
  return kind_ == Kind::Packet ? SendFrame(info) : SendDatagram(info);
}

// send(frame, ifindex): a whole Ethernet frame, sent as is. ifindex 0 uses the bound interface.
Napi::Value Socket::SendFrame(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint8_t* data;
  size_t length;
  int64_t ifindex;
  if (!BytesArg(info, 0, "frame", &data, &length) || !IntArg(info, 1, "ifindex", 0, INT32_MAX, &ifindex)) {
    return env.Undefined();
  }
  if (length < kEthernetHeaderLen) return ThrowType(env, "frame shorter than an Ethernet header"), env.Undefined();
  if (fd_ < 0) return ErrnoError(env, EBADF, "sendto", "(closed)").Value();
  ssize_t sent;
  if (ifindex == 0) {
    sent = send(fd_, data, length, MSG_DONTWAIT);
  } else {
    // The link-layer address says where the frame goes; the frame itself already carries it.
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_ifindex = static_cast<int>(ifindex);
    sll.sll_halen = 6;
    std::memcpy(sll.sll_addr, data, 6);
    std::memcpy(&sll.sll_protocol, data + 12, 2);
    sent = sendto(fd_, data, length, MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&sll), sizeof sll);
  }
  if (sent < 0) return ErrnoError(env, errno, "sendto", "ifindex " + std::to_string(ifindex)).Value();
  return env.Undefined();
}

// send(payload, destination, ifindex, hopLimit, source): one IP datagram (the payload after the
// IP header, or the whole datagram for IPv4 with IP_HDRINCL). ifindex 0, hopLimit -1 and source
// "" leave the choice to the socket options and the routing table.
Napi::Value Socket::SendDatagram(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint8_t* data;
  size_t length;
  std::string destination, source;
  int64_t ifindex, hopLimit;
  if (!BytesArg(info, 0, "payload", &data, &length) || !StringArg(info, 1, "destination", &destination) ||
      !IntArg(info, 2, "ifindex", 0, INT32_MAX, &ifindex) || !IntArg(info, 3, "hopLimit", -1, 255, &hopLimit) ||
      !StringArg(info, 4, "source", &source)) {
    return env.Undefined();
  }

  sockaddr_storage to{};
  socklen_t toLen;
  // Room for a packet-info and a hop-limit control message, aligned as cmsg(3) requires.
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in6_pktinfo)) + CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* cm = CMSG_FIRSTHDR(&msg);
  size_t used = 0;
  const bool wantInfo = ifindex > 0 || !source.empty();

  if (kind_ == Kind::Raw6) {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&to);
    sin6->sin6_family = AF_INET6;
    if (!ParseIPv6(destination, &sin6->sin6_addr)) return ThrowType(env, "not an IPv6 address: " + destination), env.Undefined();
    // The scope picks the link for link-local and multicast destinations; the kernel ignores it
    // for global ones, where IPV6_PKTINFO below does the same job.
    sin6->sin6_scope_id = static_cast<uint32_t>(ifindex);
    toLen = sizeof(sockaddr_in6);
    if (wantInfo) {
      in6_pktinfo pi{};
      if (!source.empty() && !ParseIPv6(source, &pi.ipi6_addr)) return ThrowType(env, "not an IPv6 address: " + source), env.Undefined();
      pi.ipi6_ifindex = static_cast<unsigned>(ifindex);
      cm->cmsg_level = IPPROTO_IPV6;
      cm->cmsg_type = IPV6_PKTINFO;
      cm->cmsg_len = CMSG_LEN(sizeof pi);
      std::memcpy(CMSG_DATA(cm), &pi, sizeof pi);
      used += CMSG_SPACE(sizeof pi);
      cm = reinterpret_cast<cmsghdr*>(control + used);
    }
    if (hopLimit >= 0) {
      int hops = static_cast<int>(hopLimit);
      cm->cmsg_level = IPPROTO_IPV6;
      cm->cmsg_type = IPV6_HOPLIMIT;
      cm->cmsg_len = CMSG_LEN(sizeof hops);
      std::memcpy(CMSG_DATA(cm), &hops, sizeof hops);
      used += CMSG_SPACE(sizeof hops);
    }
  } else {
    auto* sin = reinterpret_cast<sockaddr_in*>(&to);
    sin->sin_family = AF_INET;
    if (!ParseIPv4(destination, &sin->sin_addr)) return ThrowType(env, "not an IPv4 address: " + destination), env.Undefined();
    toLen = sizeof(sockaddr_in);
    if (wantInfo) {
      in_pktinfo pi{};
      if (!source.empty() && !ParseIPv4(source, &pi.ipi_spec_dst)) return ThrowType(env, "not an IPv4 address: " + source), env.Undefined();
      pi.ipi_ifindex = static_cast<int>(ifindex);
      cm->cmsg_level = IPPROTO_IP;
      cm->cmsg_type = IP_PKTINFO;
      cm->cmsg_len = CMSG_LEN(sizeof pi);
      std::memcpy(CMSG_DATA(cm), &pi, sizeof pi);
      used += CMSG_SPACE(sizeof pi);
      cm = reinterpret_cast<cmsghdr*>(control + used);
    }
    if (hopLimit >= 1) {  // IP_TTL as a control message must be 1..255
      int ttl = static_cast<int>(hopLimit);
      cm->cmsg_level = IPPROTO_IP;
      cm->cmsg_type = IP_TTL;
      cm->cmsg_len = CMSG_LEN(sizeof ttl);
      std::memcpy(CMSG_DATA(cm), &ttl, sizeof ttl);
      used += CMSG_SPACE(sizeof ttl);
    }
  }

  if (fd_ < 0) return ErrnoError(env, EBADF, "sendmsg", "(closed)").Value();
  iovec iov{const_cast<uint8_t*>(data), length};
  msg.msg_name = &to;
  msg.msg_namelen = toLen;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_controllen = used;
  if (used == 0) msg.msg_control = nullptr;
  if (sendmsg(fd_, &msg, MSG_DONTWAIT) < 0) return ErrnoError(env, errno, "sendmsg", destination).Value();
  return env.Undefined();
}

}  // namespace ktn
