// Entry point of keepalived_ts_native: the Socket and Timer classes, interface lookups, and the numeric
// constants of the C headers, so the TypeScript layer never hard-codes option numbers.
#include <napi.h>

#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "interfaces.h"
#include "memory.h"
#include "readable.h"
#include "socket.h"
#include "timer.h"

// Newer than some libc headers; the values are fixed kernel ABI.
#ifndef IP_MULTICAST_ALL
#define IP_MULTICAST_ALL 49
#endif
#ifndef IPV6_MULTICAST_ALL
#define IPV6_MULTICAST_ALL 29
#endif
#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

namespace {

Napi::Object Constants(Napi::Env env) {
  Napi::Object c = Napi::Object::New(env);
#define KTN_CONSTANT(name) c.Set(#name, Napi::Number::New(env, name))
  KTN_CONSTANT(SOL_SOCKET);
  KTN_CONSTANT(SOL_PACKET);
  KTN_CONSTANT(IPPROTO_IP);
  KTN_CONSTANT(IPPROTO_IPV6);
  KTN_CONSTANT(SO_RCVBUF);
  KTN_CONSTANT(SO_SNDBUF);
  KTN_CONSTANT(SO_PRIORITY);
  KTN_CONSTANT(SO_TIMESTAMPNS);
  KTN_CONSTANT(IP_TOS);
  KTN_CONSTANT(IP_TTL);
  KTN_CONSTANT(IP_HDRINCL);
  KTN_CONSTANT(IP_PKTINFO);
  KTN_CONSTANT(IP_MULTICAST_TTL);
  KTN_CONSTANT(IP_MULTICAST_LOOP);
  KTN_CONSTANT(IP_MULTICAST_ALL);
  KTN_CONSTANT(IPV6_RECVHOPLIMIT);
  KTN_CONSTANT(IPV6_RECVPKTINFO);
  KTN_CONSTANT(IPV6_CHECKSUM);
  KTN_CONSTANT(IPV6_UNICAST_HOPS);
  KTN_CONSTANT(IPV6_MULTICAST_HOPS);
  KTN_CONSTANT(IPV6_MULTICAST_LOOP);
  KTN_CONSTANT(IPV6_MULTICAST_ALL);
  KTN_CONSTANT(PACKET_IGNORE_OUTGOING);
  KTN_CONSTANT(PACKET_HOST);
  KTN_CONSTANT(PACKET_BROADCAST);
  KTN_CONSTANT(PACKET_MULTICAST);
  KTN_CONSTANT(PACKET_OTHERHOST);
  KTN_CONSTANT(PACKET_OUTGOING);
  KTN_CONSTANT(ETH_P_ALL);
  KTN_CONSTANT(ETH_P_ARP);
  KTN_CONSTANT(ETH_P_IP);
  KTN_CONSTANT(ETH_P_IPV6);
#undef KTN_CONSTANT
  return c;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Socket", ktn::Socket::Define(env));
  exports.Set("Timer", ktn::Timer::Define(env));
  exports.Set("interfaceIndex", Napi::Function::New(env, ktn::InterfaceIndex, "interfaceIndex"));
  exports.Set("hardwareAddress", Napi::Function::New(env, ktn::HardwareAddress, "hardwareAddress"));
  exports.Set("anyReadable", Napi::Function::New(env, ktn::AnyReadable, "anyReadable"));
  exports.Set("releaseMemory", Napi::Function::New(env, ktn::ReleaseMemory, "releaseMemory"));
  exports.Set("constants", Constants(env));
  return exports;
}

}  // namespace

NODE_API_MODULE(keepalived_ts_native, Init)
