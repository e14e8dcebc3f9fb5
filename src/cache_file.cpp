#include "cache_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace am {

namespace {

constexpr int kFormat = 1;
constexpr const char *kFormatMember = "am_models_cache";
constexpr off_t kMaxFileBytes = off_t(256) << 20;

std::string path_of(const std::string &dir, const std::string &digest) {
  return dir + "/models-" + digest.substr(0, 32) + ".json";
}

std::string errno_text(const char *what, const std::string &path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

bool write_all(int fd, const std::string &bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// A name no other writer (thread or process) uses at the same time.
std::string temp_name(const std::string &dir, const std::string &digest) {
  static std::atomic<unsigned> counter{0};
  return dir + "/.models-" + digest.substr(0, 32) + ".tmp." + std::to_string(::getpid()) + "." +
         std::to_string(counter.fetch_add(1));
}

}  // namespace

std::string prepare_cache_dir(const std::string &dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return errno_text("cannot create cache directory", dir);
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return errno_text("cannot use cache directory", dir);
  if (!S_ISDIR(st.st_mode)) return "cache directory " + dir + " is not a directory";
  return "";
}

std::string write_listing(const std::string &dir, const std::string &digest, const am_model_list &list,
                          int64_t fetched_ms) {
  std::string body;
  body.reserve(64 + list.items.size() * 1024);
  body += "{\"";
  body += kFormatMember;
  body += "\":" + std::to_string(kFormat) + ",\"key\":\"" + digest + "\",\"fetched_at_ms\":" +
          std::to_string(fetched_ms) + ",\"has_more\":false,\"data\":[";
  for (size_t i = 0; i < list.items.size(); ++i) {
    if (i) body += ',';
    body += list.items[i].data->json();
  }
  body += "]}\n";

  const std::string tmp = temp_name(dir, digest), path = path_of(dir, digest);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return errno_text("cannot create", tmp);
  bool ok = write_all(fd, body) && ::fsync(fd) == 0;
  std::string why = ok ? "" : errno_text("cannot write", tmp);
  if (::close(fd) != 0 && ok) why = errno_text("cannot write", tmp), ok = false;
  // rename() replaces the old file in one step: a reader sees the old
  // listing or the new one, never part of either.
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) why = errno_text("cannot rename into", path), ok = false;
  if (!ok) {
    ::unlink(tmp.c_str());
    return why;
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {  // the rename itself survives a crash once the directory is synced
    ::fsync(dfd);
    ::close(dfd);
  }
  return "";
}

bool read_listing(const std::string &dir, const std::string &digest, std::unique_ptr<am_model_list> &out,
                  int64_t &fetched_ms, std::string &why) {
  why.clear();
  const std::string path = path_of(dir, digest);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno != ENOENT) why = errno_text("cannot open", path);
    return false;
  }
  std::string body;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0;
  if (!ok || !S_ISREG(st.st_mode) || st.st_size > kMaxFileBytes) {
    why = path + " is not a regular file of at most 256 MiB";
  } else {
    body.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < body.size()) {
      ssize_t n = ::read(fd, &body[done], body.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    body.resize(done);
  }
  ::close(fd);
  if (!why.empty()) return false;

  auto data = std::make_shared<ListData>();
  PageInfo info;
  Error err;
  if (!decode_list_page(std::move(body), *data, info, err)) {
    why = path + " is corrupt or truncated: " + err.message;
    return false;
  }
  const rapidjson::Value &root = data->pages.back()->doc;
  auto format = root.FindMember(kFormatMember);
  if (format == root.MemberEnd() || !format->value.IsInt()) {
    why = path + " is not a model cache file";
    return false;
  }
  if (format->value.GetInt() != kFormat) {
    why = path + " has format " + std::to_string(format->value.GetInt()) + "; this version reads format " +
          std::to_string(kFormat);
    return false;
  }
  auto key = root.FindMember("key");
  if (key == root.MemberEnd() || !key->value.IsString() || digest != key->value.GetString()) {
    why = path + " holds another cache key's listing";
    return false;
  }
  auto fetched = root.FindMember("fetched_at_ms");
  if (fetched == root.MemberEnd() || !fetched->value.IsInt64() || fetched->value.GetInt64() <= 0) {
    why = path + " has no valid fetched_at_ms";
    return false;
  }
  fetched_ms = fetched->value.GetInt64();
  std::vector<ModelData *> order;
  order.reserve(info.count);
  for (size_t i = 0; i < info.count; ++i) order.push_back(&info.models[i]);
  const char *first = order.empty() ? nullptr : order.front()->id;
  const char *last = order.empty() ? nullptr : order.back()->id;
  out = make_list(std::move(data), order, first, last, false);
  return true;
}

}  // namespace am
