// RAII owners for every handle of the C API, and a printable form of the
// library's borrowed strings.
#pragma once

#include <memory>
#include <string>

#include "anthropic_models.h"

namespace amtest {

// Calls the C API's free function for a handle.
template <auto Fn>
struct Free {
  template <typename T>
  void operator()(T *p) const noexcept {
    Fn(p);
  }
};

using OptionsPtr = std::unique_ptr<am_options, Free<am_options_free>>;
using ClientPtr = std::unique_ptr<am_client, Free<am_client_free>>;
using ParamsPtr = std::unique_ptr<am_list_params, Free<am_list_params_free>>;
using ListPtr = std::unique_ptr<am_model_list, Free<am_model_list_free>>;
using ModelPtr = std::unique_ptr<am_model, Free<am_model_free>>;
using ErrorPtr = std::unique_ptr<am_error, Free<am_error_free>>;
using RequestPtr = std::unique_ptr<am_request, Free<am_request_free>>;

// A string the library returned, "(null)" for NULL.
inline std::string Str(const char *s) { return s ? std::string(s) : std::string("(null)"); }

}  // namespace amtest
