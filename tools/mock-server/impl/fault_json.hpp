// Faults as the control endpoint POST /_mock/faults receives them: the JSON
// form of am::mock::Fault (see README.md).
#pragma once

#include <rapidjson/document.h>

#include <string>

#include "mock_server.hpp"

namespace am {
namespace mock {
namespace detail {

// Fills *f from one JSON fault object; on error fills *err and returns false.
bool fault_from_json(const rapidjson::Value& v, Fault* f, std::string* err);

}  // namespace detail
}  // namespace mock
}  // namespace am
