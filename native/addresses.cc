#include "addresses.h"

#include <arpa/inet.h>

namespace ktn {

bool ParseIPv4(const std::string& text, in_addr* out) {
  return inet_pton(AF_INET, text.c_str(), out) == 1;
}

bool ParseIPv6(const std::string& text, in6_addr* out) {
  return inet_pton(AF_INET6, text.c_str(), out) == 1;
}

std::string FormatIPv4(const in_addr& addr) {
  char buf[INET_ADDRSTRLEN] = {0};
  inet_ntop(AF_INET, &addr, buf, sizeof buf);
  return buf;
}

std::string FormatIPv6(const in6_addr& addr) {
  char buf[INET6_ADDRSTRLEN] = {0};
  inet_ntop(AF_INET6, &addr, buf, sizeof buf);
  return buf;
}

}  // namespace ktn
