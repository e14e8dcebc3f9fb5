// JSON text the library hands out, parsed for comparison.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "amtest/handles.hpp"

namespace amtest {

// Parses `text`; the test fails when it is not JSON.
inline rapidjson::Document ParseJson(const char *text) {
  rapidjson::Document d;
  d.Parse(text ? text : "");
  EXPECT_FALSE(d.HasParseError()) << "not JSON: " << Str(text);
  return d;
}

}  // namespace amtest
