// A fresh empty directory for a test (cache directories), removed with
// whatever the test left in it.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace amtest {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/am-test-XXXXXX";
    if (const char *p = mkdtemp(tmpl)) path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return path_; }
  // The full path of a file in it.
  std::string Path(const std::string &name) const { return path_ + "/" + name; }
  // The names of the files in it (no "." or "..").
  std::vector<std::string> Files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto &e : std::filesystem::directory_iterator(path_, ec)) out.push_back(e.path().filename().string());
    return out;
  }
  std::string Read(const std::string &name) const {
    std::ifstream in(Path(name), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void Write(const std::string &name, const std::string &bytes) const {
    std::ofstream out(Path(name), std::ios::binary | std::ios::trunc);
    out << bytes;
  }

 private:
  std::string path_;
};

}  // namespace amtest
