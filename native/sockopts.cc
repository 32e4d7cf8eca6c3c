// Socket options and binding. Integer options go through one generic setter (the TypeScript
// layer names them with the constants exported by addon.cc); options taking structures or names
// have their own method.
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "addresses.h"
#include "args.h"
#include "errors.h"
#include "socket.h"

namespace ktn {

// setIntOption(level, name, value)
Napi::Value Socket::SetIntOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t level, name, value;
  if (!IntArg(info, 0, "level", 0, INT32_MAX, &level) || !IntArg(info, 1, "name", 0, INT32_MAX, &name) ||
      !IntArg(info, 2, "value", INT32_MIN, INT32_MAX, &value) || !RequireOpen(env)) {
    return env.Undefined();
  }
  int v = static_cast<int>(value);
  if (setsockopt(fd_, static_cast<int>(level), static_cast<int>(name), &v, sizeof v) < 0) {
    ThrowErrno(env, errno, "setsockopt", "level " + std::to_string(level) + " option " + std::to_string(name));
  }
  return env.Undefined();
}

// bindToDevice(name): SO_BINDTODEVICE; "" removes the binding.
Napi::Value Socket::BindToDevice(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string name;
  if (!StringArg(info, 0, "device", &name) || !RequireOpen(env)) return env.Undefined();
  if (name.size() >= IFNAMSIZ) {
    ThrowType(env, "device name too long");
    return env.Undefined();
  }
  if (setsockopt(fd_, SOL_SOCKET, SO_BINDTODEVICE, name.c_str(), static_cast<socklen_t>(name.size())) < 0) {
    ThrowErrno(env, errno, "setsockopt", "SO_BINDTODEVICE " + name);
  }
  return env.Undefined();
}

// bindInterface(ifindex): packet sockets only; receive (and by default send) on that interface.
Napi::Value Socket::BindInterface(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t ifindex;
  if (!IntArg(info, 0, "ifindex", 1, INT32_MAX, &ifindex) || !RequireOpen(env)) return env.Undefined();
  if (kind_ != Kind::Packet) {
    ThrowType(env, "bindInterface is for packet sockets");
    return env.Undefined();
  }
  sockaddr_ll sll{};
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = ethertypeNet_;
  sll.sll_ifindex = static_cast<int>(ifindex);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0) {
    ThrowErrno(env, errno, "bind", "ifindex " + std::to_string(ifindex));
  }
  return env.Undefined();
}

// bindAddress(address, scopeId): raw sockets; scopeId (the ifindex) matters for IPv6 link-local.
Napi::Value Socket::BindAddress(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string text;
  int64_t scope = 0;
  if (!StringArg(info, 0, "address", &text)) return env.Undefined();
  if (info.Length() > 1 && !info[1].IsUndefined() && !IntArg(info, 1, "scopeId", 0, INT32_MAX, &scope)) {
    return env.Undefined();
  }
  if (!RequireOpen(env)) return env.Undefined();
  int rc;
  if (kind_ == Kind::Raw4) {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    if (!ParseIPv4(text, &sin.sin_addr)) return ThrowType(env, "not an IPv4 address: " + text), env.Undefined();
    rc = bind(fd_, reinterpret_cast<sockaddr*>(&sin), sizeof sin);
  } else if (kind_ == Kind::Raw6) {
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    sin6.sin6_scope_id = static_cast<uint32_t>(scope);
    if (!ParseIPv6(text, &sin6.sin6_addr)) return ThrowType(env, "not an IPv6 address: " + text), env.Undefined();
    rc = bind(fd_, reinterpret_cast<sockaddr*>(&sin6), sizeof sin6);
  } else {
    ThrowType(env, "bindAddress is for raw IP sockets");
    return env.Undefined();
  }
  if (rc < 0) ThrowErrno(env, errno, "bind", text);
  return env.Undefined();
}

// membership(join, group, ifindex): IP_ADD/DROP_MEMBERSHIP (ip_mreqn) or IPV6_JOIN/LEAVE_GROUP.
Napi::Value Socket::Membership(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string group;
  int64_t ifindex;
  if (info.Length() < 1 || !info[0].IsBoolean()) return ThrowType(env, "join must be a boolean"), env.Undefined();
  if (!StringArg(info, 1, "group", &group) || !IntArg(info, 2, "ifindex", 0, INT32_MAX, &ifindex) ||
      !RequireOpen(env)) {
    return env.Undefined();
  }
  bool join = info[0].As<Napi::Boolean>().Value();
  int rc;
  const char* what;
  if (kind_ == Kind::Raw4) {
    ip_mreqn mreq{};
    if (!ParseIPv4(group, &mreq.imr_multiaddr)) return ThrowType(env, "not an IPv4 address: " + group), env.Undefined();
    mreq.imr_ifindex = static_cast<int>(ifindex);
    what = join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP";
    rc = setsockopt(fd_, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &mreq, sizeof mreq);
  } else if (kind_ == Kind::Raw6) {
    ipv6_mreq mreq{};
    if (!ParseIPv6(group, &mreq.ipv6mr_multiaddr)) return ThrowType(env, "not an IPv6 address: " + group), env.Undefined();
    mreq.ipv6mr_interface = static_cast<unsigned>(ifindex);
    what = join ? "IPV6_JOIN_GROUP" : "IPV6_LEAVE_GROUP";
    rc = setsockopt(fd_, IPPROTO_IPV6, join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP, &mreq, sizeof mreq);
  } else {
    ThrowType(env, "membership is for raw IP sockets");
    return env.Undefined();
  }
  if (rc < 0) ThrowErrno(env, errno, "setsockopt", std::string(what) + " " + group);
  return env.Undefined();
}

// multicastInterface(ifindex): IP_MULTICAST_IF (ip_mreqn) or IPV6_MULTICAST_IF.
Napi::Value Socket::MulticastInterface(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t ifindex;
  if (!IntArg(info, 0, "ifindex", 0, INT32_MAX, &ifindex) || !RequireOpen(env)) return env.Undefined();
  int rc;
  if (kind_ == Kind::Raw4) {
    ip_mreqn mreq{};
    mreq.imr_ifindex = static_cast<int>(ifindex);
    rc = setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof mreq);
  } else if (kind_ == Kind::Raw6) {
    int index = static_cast<int>(ifindex);
    rc = setsockopt(fd_, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index);
  } else {
    ThrowType(env, "multicastInterface is for raw IP sockets");
    return env.Undefined();
  }
  if (rc < 0) ThrowErrno(env, errno, "setsockopt", "MULTICAST_IF " + std::to_string(ifindex));
  return env.Undefined();
}

}  // namespace ktn
