// Test helper shared by the unit tests.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

// Sets an environment variable for the scope and restores the old value.
class EnvGuard {
 public:
  EnvGuard(const char *name, const char *value) : name_(name) {
    if (const char *old = std::getenv(name)) old_ = std::string(old);
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~EnvGuard() {
    if (old_) setenv(name_.c_str(), old_->c_str(), 1);
    else unsetenv(name_.c_str());
  }
  EnvGuard(const EnvGuard &) = delete;
  EnvGuard &operator=(const EnvGuard &) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};
