// Text <-> binary IP addresses (inet_pton/inet_ntop), for sockaddr and multicast structures.
#pragma once

#include <netinet/in.h>

#include <string>

namespace ktn {

bool ParseIPv4(const std::string& text, in_addr* out);
bool ParseIPv6(const std::string& text, in6_addr* out);
std::string FormatIPv4(const in_addr& addr);
std::string FormatIPv6(const in6_addr& addr);

}  // namespace ktn
