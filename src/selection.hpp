// Selection over a list the caller holds: filters, ordering and lookups. Pure
// functions of immutable lists; a filtered list shares the input's models.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "model.hpp"

namespace am {

// A new list of the models `keep` accepts, in the input's order, with the
// input's cache marks.
std::unique_ptr<am_model_list> select_models(const am_model_list &in, const std::function<bool(const ModelData &)> &keep);

// Every path AM_SUPPORT_YES. Checks the paths first: false (and `err`) for an
// empty or malformed one.
bool select_supported(const am_model_list &in, const std::vector<std::string_view> &paths,
                      std::unique_ptr<am_model_list> &out, Error &err);
std::unique_ptr<am_model_list> select_retiring_before(const am_model_list &in, int64_t unix_seconds);
std::unique_ptr<am_model_list> sort_by_created(const am_model_list &in, bool newest_first);

// Borrowed from `in`; null when nothing matches.
const am_model *find_by_id(const am_model_list &in, std::string_view id);
const am_model *find_model(const am_model_list &in, std::string_view id_or_prefix);
const am_model *newest_model(const am_model_list &in, const char *line);

}  // namespace am
