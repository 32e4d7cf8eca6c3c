// After start-up a daemon's process holds memory it will not use again:
//  - pages of the node binary that only start-up ran or read (the config parser's compilation,
//    the module loader, ICU tables). They stay in the process's resident set although they are
//    clean copies of the file;
//  - free memory that malloc keeps in its arenas, notably the arenas of V8's compiler threads.
// ReleaseMemory gives them back. Clean file pages are unmapped from this process only (they stay
// in the page cache and come back by a minor fault if touched again), so nothing is lost: only
// mappings that are private, not writable and hold no modified page are dropped, since dropping a
// modified private page (relocations, for instance) would revert it to the file's content.
#include "memory.h"

#include <malloc.h>
#include <sys/mman.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace ktn {
namespace {

struct Mapping {
  unsigned long start = 0;
  unsigned long end = 0;
  bool candidate = false;  // private, read-only, backed by the node binary
  long rssKb = 0;
  long dirtyKb = 0;  // Private_Dirty + Anonymous: pages that are no longer the file's
};

// The node binary itself. Shared libraries (libc, libstdc++, the addons) are left mapped: they
// are a few MB, and the code a takeover runs for the first time (netlink, packet sockets) is
// in them, so a fault there would delay the takeover.
std::string ExecutablePath() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

std::vector<Mapping> ReadMappings() {
  std::vector<Mapping> out;
  const std::string exe = ExecutablePath();
  if (exe.empty()) return out;
  FILE* f = std::fopen("/proc/self/smaps", "re");
  if (f == nullptr) return out;
  char line[4096];
  while (std::fgets(line, sizeof line, f) != nullptr) {
    unsigned long start = 0, end = 0;
    char perms[8] = {0};
    int pathAt = 0;
    if (std::sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &start, &end, perms, &pathAt) >= 3 && pathAt > 0) {
      Mapping m;
      m.start = start;
      m.end = end;
      const char* path = line + pathAt;
      const size_t pathLength = std::strcspn(path, "\n");
      m.candidate = perms[1] == '-' && perms[3] == 'p' && pathLength == exe.size() && exe.compare(0, exe.size(), path, pathLength) == 0;
      out.push_back(m);
      continue;
    }
    if (out.empty()) continue;
    long kb = 0;
    if (std::sscanf(line, "Rss: %ld kB", &kb) == 1) out.back().rssKb = kb;
    else if (std::sscanf(line, "Private_Dirty: %ld kB", &kb) == 1) out.back().dirtyKb += kb;
    else if (std::sscanf(line, "Anonymous: %ld kB", &kb) == 1) out.back().dirtyKb += kb;
  }
  std::fclose(f);
  return out;
}

// The work runs on a libuv worker thread: walking the mappings and trimming the arenas take a few
// milliseconds, which the event loop (adverts every 50 ms) should not wait for.
class ReleaseWorker : public Napi::AsyncWorker {
 public:
  explicit ReleaseWorker(Napi::Env env) : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    trimmed_ = malloc_trim(0) != 0;
    for (const Mapping& m : ReadMappings()) {
      if (!m.candidate || m.dirtyKb != 0 || m.rssKb == 0) continue;
      if (madvise(reinterpret_cast<void*>(m.start), m.end - m.start, MADV_DONTNEED) == 0) unmappedKb_ += m.rssKb;
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object result = Napi::Object::New(env);
    result.Set("unmappedKb", Napi::Number::New(env, static_cast<double>(unmappedKb_)));
    result.Set("trimmed", Napi::Boolean::New(env, trimmed_));
    deferred_.Resolve(result);
  }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  long unmappedKb_ = 0;
  bool trimmed_ = false;
};

}  // namespace

Napi::Value ReleaseMemory(const Napi::CallbackInfo& info) {
  auto* worker = new ReleaseWorker(info.Env());  // deleted by node-addon-api once it completed
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace ktn
