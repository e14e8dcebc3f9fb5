// libFuzzer target: am::decode_list_page, the GET /v1/models page decoder,
// then every accessor of every decoded model.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  am::ListData list;
  am::PageInfo info;
  am::Error err;
  if (!am::decode_list_page(std::string(input), list, info, err)) {
    fuzz::check_decode_error(err);
    FUZZ_CHECK(list.pages.empty() && list.chunks.empty());
    return 0;
  }
  FUZZ_CHECK(list.pages.size() == 1 && list.chunks.size() == 1);
  FUZZ_CHECK(info.count == 0 || info.models == list.chunks[0].get());
  fuzz::touch(info.first_id);
  fuzz::touch(info.last_id);
  for (size_t i = 0; i < info.count; ++i) fuzz::exercise_model(info.models[i], input);

  // A second page appended to the same list leaves the first one intact.
  am::PageInfo info2;
  if (am::decode_list_page(std::string(input), list, info2, err)) {
    FUZZ_CHECK(list.pages.size() == 2 && info2.count == info.count);
    for (size_t i = 0; i < info.count; ++i)
      FUZZ_CHECK(std::string(info.models[i].id) == info2.models[i].id);
  }
  return 0;
}
