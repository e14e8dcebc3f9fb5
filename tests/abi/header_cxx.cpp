// Compiles anthropic_models.h as C++11 (-std=c++11 -pedantic -Wall -Wextra
// -Werror): every function referenced with its exact type, every constant
// used, and the functions are noexcept as seen from C++.
#include "anthropic_models.h"
#include "anthropic_models.h"  // the include guard must hold

#include <cstddef>
#include <cstdint>
#include <type_traits>

// Every function, by name.
typedef void (*am_abi_generic_fn)(void);
#define AM_ABI_FN(name) reinterpret_cast<am_abi_generic_fn>(&name),
extern const am_abi_generic_fn am_abi_every_function[];
const am_abi_generic_fn am_abi_every_function[] = {
#include "api_functions.inc"
    nullptr};
#undef AM_ABI_FN
static_assert(sizeof(am_abi_every_function) / sizeof(am_abi_every_function[0]) == 93 + 1, "function count");

// Every function, by exact type (positional: C++11 has no designated initialisers).
#include "api_typed.inc"
extern const am_abi_typed am_abi_typed_table;
const am_abi_typed am_abi_typed_table = {
#define AM_ABI_FN(name) name,
#include "api_functions.inc"
#undef AM_ABI_FN
};

// Nothing thrown crosses the ABI: the declarations say so.
static_assert(noexcept(am_version()), "");
static_assert(noexcept(am_status_name(AM_OK)), "");
static_assert(noexcept(am_error_free(nullptr)), "");
static_assert(noexcept(am_options_set_base_url(nullptr, nullptr, nullptr)), "");
static_assert(noexcept(am_client_new(nullptr, nullptr, nullptr)), "");
static_assert(noexcept(am_models_list(nullptr, nullptr, nullptr, nullptr)), "");
static_assert(noexcept(am_model_get(nullptr, nullptr, nullptr, nullptr)), "");
static_assert(noexcept(am_model_supports_path(nullptr, nullptr)), "");
static_assert(noexcept(am_client_dispatch(nullptr, 0)), "");
static_assert(noexcept(am_model_get_async(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr)), "");
static_assert(noexcept(am_request_wait(nullptr, 0)), "");
static_assert(noexcept(am_request_free(nullptr)), "");

// Typedefs are fixed-width.
static_assert(std::is_same<am_status, int32_t>::value, "am_status is int32_t");
static_assert(std::is_same<am_support, int32_t>::value, "am_support is int32_t");
static_assert(std::is_same<am_capability, int32_t>::value, "am_capability is int32_t");
// The callback types of the asynchronous calls.
static_assert(std::is_same<am_userdata_free, void (*)(void *)>::value, "am_userdata_free");
static_assert(std::is_same<am_notify_fn, void (*)(void *)>::value, "am_notify_fn");
static_assert(std::is_same<am_request_callback, void (*)(am_request *, void *)>::value, "am_request_callback");

// Every constant, as a value of its typedef, and pinned.
constexpr am_status kStatuses[] = {
    AM_OK, AM_ERR_INVALID_ARGUMENT, AM_ERR_BAD_REQUEST, AM_ERR_AUTHENTICATION, AM_ERR_PERMISSION,
    AM_ERR_NOT_FOUND, AM_ERR_CONFLICT, AM_ERR_REQUEST_TOO_LARGE, AM_ERR_RATE_LIMITED, AM_ERR_OVERLOADED,
    AM_ERR_SERVER, AM_ERR_HTTP, AM_ERR_TIMEOUT, AM_ERR_CONNECTION, AM_ERR_TLS, AM_ERR_DECODE,
    AM_ERR_RESPONSE_TOO_LARGE, AM_ERR_CANCELLED, AM_ERR_OUT_OF_MEMORY, AM_ERR_INTERNAL, AM_ERR_PAGINATION};
constexpr am_capability kCaps[] = {
    AM_CAP_BATCH, AM_CAP_CITATIONS, AM_CAP_CODE_EXECUTION, AM_CAP_CONTEXT_MANAGEMENT,
    AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015, AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919,
    AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112, AM_CAP_EFFORT, AM_CAP_EFFORT_LOW, AM_CAP_EFFORT_MEDIUM,
    AM_CAP_EFFORT_HIGH, AM_CAP_EFFORT_MAX, AM_CAP_EFFORT_XHIGH, AM_CAP_IMAGE_INPUT, AM_CAP_PDF_INPUT,
    AM_CAP_STRUCTURED_OUTPUTS, AM_CAP_THINKING, AM_CAP_THINKING_TYPES_ADAPTIVE, AM_CAP_THINKING_TYPES_ENABLED,
    AM_CAP_THINKING_TYPES_DISABLED, AM_CAP_THINKING_TYPES_BETWEEN_TOOLS, AM_CAP_SERVER_TOOLS,
    AM_CAP_SERVER_TOOLS_CODE_EXECUTION, AM_CAP_SERVER_TOOLS_WEB_SEARCH};
constexpr am_support kSupports[] = {AM_SUPPORT_NO, AM_SUPPORT_YES, AM_SUPPORT_UNKNOWN};
static_assert(AM_LOG_DEBUG == 0 && AM_LOG_INFO == 1 && AM_LOG_WARN == 2 && AM_LOG_ERROR == 3, "log levels");

// C++11 constexpr: recursion instead of loops.
constexpr bool sequential(const am_status *v, int n, int i) { return i == n || (v[i] == i && sequential(v, n, i + 1)); }
constexpr bool sequential_caps(const am_capability *v, int n, int i) {
  return i == n || (v[i] == i + 1 && sequential_caps(v, n, i + 1));
}
static_assert(sizeof(kStatuses) / sizeof(kStatuses[0]) == 21, "");
static_assert(sequential(kStatuses, 21, 0), "statuses are 0..20 in header order");
static_assert(sizeof(kCaps) / sizeof(kCaps[0]) == AM_CAP_COUNT_ - 1, "");
static_assert(sequential_caps(kCaps, AM_CAP_COUNT_ - 1, 0), "capabilities are 1..24 in header order");
static_assert(kSupports[0] == 0 && kSupports[1] == 1 && kSupports[2] == -1, "");

// A typical caller.
int am_abi_example();
int am_abi_example() {
  am_options *opts = am_options_new();
  if (!opts) return 1;
  am_options_set_ignore_env(opts, 1);
  am_client *client = nullptr;
  am_error *err = nullptr;
  am_status st = am_client_new(opts, &client, &err);
  am_options_free(opts);
  if (st != AM_OK) {
    int r = static_cast<int>(am_error_status(err));
    am_error_free(err);
    return r;
  }
  am_model *model = nullptr;
  int64_t n = 0;
  if (am_model_get(client, "claude-opus-4-6", &model, nullptr) == AM_OK) {
    for (std::size_t i = 0; i < am_model_effort_level_count(model); ++i) (void)am_model_effort_level_at(model, i);
    (void)am_model_max_input_tokens(model, &n);
    am_model_free(model);
  }
  am_client_free(client);
  return static_cast<int>(n);
}
