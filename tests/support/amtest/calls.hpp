// The C API's network calls made from tests: each returns its status, its
// result and error handles and how long it took, so a test can assert all of
// them; plus list parameters built in one expression.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "amtest/handles.hpp"
#include "amtest/status.hpp"
#include "anthropic_models.h"

namespace amtest {

// A call's outcome: status, result handle, error and wall time.
template <typename T>
struct Result {
  am_status status = AM_ERR_INTERNAL;
  T value;
  ErrorPtr err;
  double seconds = 0;
  const am_error *e() const { return err.get(); }
};
using ListResult = Result<ListPtr>;
using GetResult = Result<ModelPtr>;

template <typename T, typename F>
Result<T> Timed(F &&call) {
  Result<T> r;
  typename T::pointer out = nullptr;
  am_error *err = nullptr;
  auto t0 = std::chrono::steady_clock::now();
  r.status = call(&out, &err);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.value.reset(out);
  r.err.reset(err);
  return r;
}

inline ListResult List(am_client *c, const am_list_params *p = nullptr) {
  return Timed<ListPtr>([&](am_model_list **o, am_error **e) { return am_models_list(c, p, o, e); });
}
inline ListResult ListAll(am_client *c, const am_list_params *p = nullptr) {
  return Timed<ListPtr>([&](am_model_list **o, am_error **e) { return am_models_list_all(c, p, o, e); });
}
inline GetResult Get(am_client *c, const char *id) {
  return Timed<ModelPtr>([&](am_model **o, am_error **e) { return am_model_get(c, id, o, e); });
}

// The outcome of any of the three network calls, without its result handle.
enum class Op { kGet, kList, kListAll };

inline const char *OpName(Op op) { return op == Op::kGet ? "get" : op == Op::kList ? "list" : "list_all"; }

struct Outcome {
  am_status status = AM_ERR_INTERNAL;
  ErrorPtr err;
  double seconds = 0;
  bool has_value = false;
  const am_error *e() const { return err.get(); }
};

template <typename T>
Outcome Drop(Result<T> r) {
  return Outcome{r.status, std::move(r.err), r.seconds, r.value != nullptr};
}

inline Outcome Call(am_client *c, Op op, const char *id = "claude-opus-4-6") {
  switch (op) {
    case Op::kGet: return Drop(Get(c, id));
    case Op::kList: return Drop(List(c));
    case Op::kListAll: return Drop(ListAll(c));
  }
  return Outcome{};
}

// The ids of a list, in order.
inline std::vector<std::string> Ids(const am_model_list *l) {
  std::vector<std::string> out;
  for (size_t i = 0; i < am_model_list_count(l); ++i) out.push_back(Str(am_model_id(am_model_list_at(l, i))));
  return out;
}

// List parameters, e.g. Params().limit(5).after("x").get().
class Params {
 public:
  Params() : p_(am_list_params_new()) { EXPECT_NE(p_, nullptr); }
  Params &limit(int32_t n) { return check(am_list_params_set_limit(p_.get(), n, nullptr)); }
  Params &after(const char *id) { return check(am_list_params_set_after_id(p_.get(), id, nullptr)); }
  Params &before(const char *id) { return check(am_list_params_set_before_id(p_.get(), id, nullptr)); }
  Params &lifecycle(const char *s) { return check(am_list_params_add_lifecycle(p_.get(), s, nullptr)); }
  Params &max_pages(int32_t n) { return check(am_list_params_set_max_pages(p_.get(), n, nullptr)); }
  Params &beta(bool on = true) {
    am_list_params_set_beta(p_.get(), on ? 1 : 0);
    return *this;
  }
  const am_list_params *get() const { return p_.get(); }

 private:
  Params &check(am_status st) {
    EXPECT_EQ(st, AM_OK) << am_status_name(st);
    return *this;
  }
  ParamsPtr p_;
};

}  // namespace amtest
