// libFuzzer target: am::decode_model, the GET /v1/models/{id} decoder, then
// every accessor of the decoded model.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  am::ListData list;
  am::ModelData *model = nullptr;
  am::Error err;
  if (!am::decode_model(std::string(input), list, model, err)) {
    fuzz::check_decode_error(err);
    FUZZ_CHECK(model == nullptr);
    FUZZ_CHECK(list.pages.empty() && list.chunks.empty());
    return 0;
  }
  FUZZ_CHECK(model != nullptr);
  FUZZ_CHECK(list.pages.size() == 1 && list.chunks.size() == 1 && model == list.chunks[0].get());
  FUZZ_CHECK(model->obj == &list.pages[0]->doc);
  fuzz::exercise_model(*model, input);
  return 0;
}
