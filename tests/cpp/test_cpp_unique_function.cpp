// UniqueFunction, the move-only callable the wrapper stores callbacks in:
// which callables it takes (move-only ones above all), when it is empty, and
// that it owns what it captured. No server: the type on its own.
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "anthropic_models.hpp"

namespace {

namespace amc = anthropic_models;

// A callable that cannot be copied, as a binding's completion would be.
struct MoveOnlyCallable {
  std::unique_ptr<int> value = std::make_unique<int>(5);
  int operator()(int x) { return *value + x; }
};

static_assert(!std::is_copy_constructible_v<amc::UniqueFunction<void()>>);
static_assert(std::is_nothrow_move_constructible_v<amc::UniqueFunction<void()>>);
static_assert(std::is_nothrow_move_assignable_v<amc::UniqueFunction<void()>>);
static_assert(!std::is_copy_constructible_v<MoveOnlyCallable>);
static_assert(std::is_constructible_v<amc::UniqueFunction<int(int)>, MoveOnlyCallable>);
// A callable of the wrong signature is refused at compile time.
static_assert(!std::is_constructible_v<amc::Callback, void (*)(int)>);
static_assert(!std::is_constructible_v<amc::LogFunction, void (*)()>);

int plus_one(int x) { return x + 1; }

TEST(CppUniqueFunction, CallsMoveOnlyCallables) {
  amc::UniqueFunction<int(int)> f = MoveOnlyCallable{};
  ASSERT_TRUE(f);
  EXPECT_EQ(f(2), 7);

  std::promise<std::string> promise;
  std::future<std::string> future = promise.get_future();
  amc::UniqueFunction<void(std::string)> g = [p = std::move(promise)](std::string s) mutable {
    p.set_value(std::move(s));
  };
  g("done");
  EXPECT_EQ(future.get(), "done");

  // The wrapper's callback type takes a lambda capturing a std::promise.
  std::promise<bool> ran;
  std::future<bool> ran_future = ran.get_future();
  auto lambda = [p = std::move(ran)](amc::RequestRef req) mutable { p.set_value(!req); };
  static_assert(std::is_convertible_v<decltype(lambda), amc::Callback>);
  amc::Callback cb = std::move(lambda);
  cb(amc::RequestRef());
  EXPECT_TRUE(ran_future.get());
}

TEST(CppUniqueFunction, EmptyStates) {
  amc::UniqueFunction<int(int)> by_default;
  amc::UniqueFunction<int(int)> from_nullptr = nullptr;
  amc::UniqueFunction<int(int)> from_null_pointer = static_cast<int (*)(int)>(nullptr);
  amc::UniqueFunction<int(int)> from_empty_function = std::function<int(int)>();
  EXPECT_FALSE(by_default);
  EXPECT_FALSE(from_nullptr);
  EXPECT_FALSE(from_null_pointer);
  EXPECT_FALSE(from_empty_function);
  EXPECT_THROW(by_default(1), std::bad_function_call);

  amc::UniqueFunction<int(int)> from_pointer = plus_one;
  amc::UniqueFunction<int(int)> from_function = std::function<int(int)>(plus_one);
  EXPECT_EQ(from_pointer(1), 2);
  EXPECT_EQ(from_function(2), 3);
}

TEST(CppUniqueFunction, MovesAndOwnsItsCallable) {
  auto owned = std::make_shared<int>(0);
  int calls = 0;
  amc::UniqueFunction<void()> a = [owned, &calls]() mutable { ++*owned, ++calls; };
  EXPECT_EQ(owned.use_count(), 2);
  amc::UniqueFunction<void()> b = std::move(a);
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  b();
  b();
  EXPECT_EQ(*owned, 2);  // a mutable callable keeps its state between calls
  EXPECT_EQ(calls, 2);
  b = nullptr;
  EXPECT_FALSE(b);
  EXPECT_EQ(owned.use_count(), 1);  // destroyed exactly when replaced
}

TEST(CppUniqueFunction, VoidSignatureDiscardsAResult) {
  int seen = 0;
  amc::UniqueFunction<void(int)> f = [&seen](int x) { return seen = x; };
  f(4);
  EXPECT_EQ(seen, 4);
}

}  // namespace
