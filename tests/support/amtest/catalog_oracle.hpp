// The expected answers, read from the catalog file the mock server serves:
// its models, aliases, list order and capability support. Independent of the
// server's own code and of the library's decoder.
#pragma once

#include <rapidjson/document.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "anthropic_models.h"

#ifndef AM_TEST_CATALOG
#error "AM_TEST_CATALOG must name the catalog file the mock server serves"
#endif

namespace amtest {

inline const rapidjson::Document &CatalogDoc() {
  static const rapidjson::Document doc = [] {
    std::ifstream in(AM_TEST_CATALOG, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    rapidjson::Document d;
    d.Parse(ss.str().c_str());
    if (d.HasParseError() || !d.IsObject()) std::abort();
    return d;
  }();
  return doc;
}

inline const rapidjson::Value &CatalogModels() { return CatalogDoc()["models"]; }

inline const rapidjson::Value *CatalogModel(const std::string &id) {
  for (auto &m : CatalogModels().GetArray())
    if (id == m["id"].GetString()) return &m;
  return nullptr;
}

inline std::map<std::string, std::string> CatalogAliases() {
  std::map<std::string, std::string> out;
  for (auto &kv : CatalogDoc()["aliases"].GetObject()) out[kv.name.GetString()] = kv.value.GetString();
  return out;
}

inline std::string CatalogLifecycle(const rapidjson::Value &m) {
  auto it = m.FindMember("lifecycle");
  // The server counts a model without a lifecycle as active.
  return it == m.MemberEnd() || !it->value.IsString() ? "active" : it->value.GetString();
}

inline std::string SyntheticId(int i) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "synthetic-model-%05d", i);
  return buf;
}

// The ids the server lists, newest first: catalog models ordered by
// created_at (ties keep catalog order), then the synthetic ones (created at the
// epoch, active), filtered by lifecycle stage.
inline std::vector<std::string> ExpectedIds(int synthetic,
                                            std::vector<std::string> stages = {"active", "deprecated"}) {
  auto wanted = [&](const std::string &s) { return std::find(stages.begin(), stages.end(), s) != stages.end(); };
  std::vector<const rapidjson::Value *> ms;
  for (auto &m : CatalogModels().GetArray()) ms.push_back(&m);
  std::stable_sort(ms.begin(), ms.end(), [](const rapidjson::Value *a, const rapidjson::Value *b) {
    return std::string((*a)["created_at"].GetString()) > std::string((*b)["created_at"].GetString());
  });
  std::vector<std::string> out;
  for (auto *m : ms)
    if (wanted(CatalogLifecycle(*m))) out.push_back((*m)["id"].GetString());
  if (wanted("active"))
    for (int i = 1; i <= synthetic; ++i) out.push_back(SyntheticId(i));
  return out;
}

// Tri-state support of a dotted capability path in a catalog model.
inline am_support CatalogSupport(const rapidjson::Value &m, const std::string &dotted) {
  auto caps = m.FindMember("capabilities");
  if (caps == m.MemberEnd() || !caps->value.IsObject()) return AM_SUPPORT_UNKNOWN;
  const rapidjson::Value *node = &caps->value;
  std::stringstream ss(dotted);
  std::string part;
  while (std::getline(ss, part, '.')) {
    if (!node->IsObject()) return AM_SUPPORT_UNKNOWN;
    auto it = node->FindMember(part.c_str());
    if (it == node->MemberEnd()) return AM_SUPPORT_UNKNOWN;
    node = &it->value;
  }
  auto s = node->IsObject() ? node->FindMember("supported") : node->MemberEnd();
  if (!node->IsObject() || s == node->MemberEnd() || !s->value.IsBool()) return AM_SUPPORT_UNKNOWN;
  return s->value.GetBool() ? AM_SUPPORT_YES : AM_SUPPORT_NO;
}

}  // namespace amtest
