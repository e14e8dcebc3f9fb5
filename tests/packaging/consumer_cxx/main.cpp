// A C++ consumer of the installed library through the header-only wrapper.
#include <cstdio>
#include <exception>

#include "anthropic_models.hpp"

int main() {
  try {
    anthropic_models::Client client;
    anthropic_models::Model m = client.get("claude-sonnet-4-5");
    size_t n = 0;
    for (auto model : client.list_all()) n += model.id().empty() ? 0 : 1;
    std::printf("anthropic_models (C++): %.*s, %zu models\n", static_cast<int>(m.id().size()), m.id().data(), n);
    return n > 0 ? 0 : 1;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
