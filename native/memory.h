// Handing memory back to the system once a burst of work (start-up, a reload) is over.
#pragma once

#include <napi.h>

namespace ktn {

// releaseMemory(): Promise<{ unmappedKb, trimmed }>: trims malloc and drops the clean file pages;
// unmappedKb is their resident size, trimmed whether malloc handed memory back.
Napi::Value ReleaseMemory(const Napi::CallbackInfo& info);

}  // namespace ktn
