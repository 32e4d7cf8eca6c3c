// Opening a socket inside another network namespace. A socket stays in the namespace it was
// created in, so a short-lived helper thread enters the namespace, creates the socket and exits.
// The JavaScript thread never changes namespace, so nothing else in the process is affected even
// if returning would have been impossible. This lets one process (the daemon, or a lab test) own
// sockets in several namespaces without child processes.
#pragma once

namespace ktn {

// Returns a non-blocking, close-on-exec fd, or -errno. `netnsPath` (e.g. /run/netns/blue) may be
// null or empty for the current namespace. On failure `*failedCall` names the syscall.
int OpenSocketIn(const char* netnsPath, int domain, int type, int protocol, const char** failedCall);

}  // namespace ktn
