// The disk cache's file format: one full listing per cache key, named by the
// key's digest, written atomically so that concurrent writers (threads or
// processes) never leave a torn file. The key itself and the credential are
// never written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "model.hpp"

namespace am {

// Creates the directory (mode 0700) when missing. Empty when usable, else why not.
std::string prepare_cache_dir(const std::string &dir);

// Writes `list` as the listing of `digest`. Empty on success, else why not.
std::string write_listing(const std::string &dir, const std::string &digest, const am_model_list &list,
                          int64_t fetched_ms);

// Reads the listing of `digest`. False with an empty `why` when there is no
// file; false with the reason when it is unusable (corrupt, truncated,
// another key's, a newer format).
bool read_listing(const std::string &dir, const std::string &digest, std::unique_ptr<am_model_list> &out,
                  int64_t &fetched_ms, std::string &why);

}  // namespace am
