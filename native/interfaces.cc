// Interface lookups by name through ioctl(2) on a throw-away socket, optionally inside another
// network namespace (interface names and indexes are per namespace). These are small and
// synchronous; address and link state monitoring belongs to netlink.
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "args.h"
#include "errors.h"
#include "interfaces.h"
#include "netns.h"

namespace ktn {

namespace {

// Runs one SIOCGIF* request for `info[0]` (name) in namespace `info[1]` (optional path).
bool InterfaceIoctl(const Napi::CallbackInfo& info, unsigned long request, const char* what, ifreq* ifr) {
  Napi::Env env = info.Env();
  std::string name, netns;
  if (!StringArg(info, 0, "name", &name)) return false;
  if (name.empty() || name.size() >= IFNAMSIZ) return ThrowType(env, "interface name must be 1.." + std::to_string(IFNAMSIZ - 1) + " bytes");
  if (info.Length() > 1 && !info[1].IsUndefined() && !info[1].IsNull() && !StringArg(info, 1, "netnsPath", &netns)) {
    return false;
  }
  const char* failed = "socket";
  int fd = OpenSocketIn(netns.c_str(), AF_INET, SOCK_DGRAM, 0, &failed);
  if (fd < 0) {
    ThrowErrno(env, -fd, failed, netns);
    return false;
  }
  std::memset(ifr, 0, sizeof *ifr);
  std::memcpy(ifr->ifr_name, name.data(), name.size());
  int rc = ioctl(fd, request, ifr);
  int err = errno;
  close(fd);
  if (rc < 0) {
    ThrowErrno(env, err, "ioctl", std::string(what) + " " + name);
    return false;
  }
  return true;
}

}  // namespace

// interfaceIndex(name, netnsPath?) -> number
Napi::Value InterfaceIndex(const Napi::CallbackInfo& info) {
  ifreq ifr;
  if (!InterfaceIoctl(info, SIOCGIFINDEX, "SIOCGIFINDEX", &ifr)) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), ifr.ifr_ifindex);
}

// hardwareAddress(name, netnsPath?) -> { type: ARPHRD_*, address: Buffer (6 bytes for Ethernet) }
Napi::Value HardwareAddress(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ifreq ifr;
  if (!InterfaceIoctl(info, SIOCGIFHWADDR, "SIOCGIFHWADDR", &ifr)) return env.Undefined();
  // Ethernet-like links carry a 6-byte address; others (loopback, tunnels) report their own type.
  size_t len = ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER ? 6 : 0;
  Napi::Object result = Napi::Object::New(env);
  result.Set("type", Napi::Number::New(env, ifr.ifr_hwaddr.sa_family));
  result.Set("address", Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<uint8_t*>(ifr.ifr_hwaddr.sa_data), len));
  return result;
}

}  // namespace ktn
