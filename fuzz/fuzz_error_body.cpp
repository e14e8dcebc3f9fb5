// libFuzzer target: am::decode_error_body, the `{"type":"error","error":{..}}`
// decoder that runs on every non-2xx response (bodies from proxies included).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  am::ApiErrorBody body = am::decode_error_body(input);
  // The fields end up in C strings: UTF-8, no embedded NUL, and only from a body
  // that has an "error" member at all.
  if (body.type) FUZZ_CHECK(fuzz::touch(body.type->c_str()) == body.type->size());
  if (body.message) FUZZ_CHECK(fuzz::touch(body.message->c_str()) == body.message->size());
  if (body.type || body.message) FUZZ_CHECK(input.find("error") != std::string_view::npos);
  // Deterministic: a second decode gives the same answer.
  am::ApiErrorBody again = am::decode_error_body(input);
  FUZZ_CHECK(again.type == body.type && again.message == body.message);
  return 0;
}
