// Handing memory back to the system once a burst of work (start-up, a reload) is over.
#pragma once

#include <napi.h>

namespace ktn {

// releaseMemory(): Promise<{ unmappedKb, trimmed }>: unmappedKb is the resident size of the file pages
// dropped, trimmed whether malloc handed memory back.
Napi::Value ReleaseMemory(const Napi::CallbackInfo& info);

}  // namespace ktn
