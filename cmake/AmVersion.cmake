# The library's version and ABI version are written once, in the public
# header (include/anthropic_models.h); everything else is derived from it:
# project(VERSION), the shared library's VERSION and SOVERSION, the linker
# version script's node (AM_<abi>), the CMake package and pkg-config versions.
# tests/abi/check_version.sh checks that the built library agrees.
#
# Sets AM_VERSION (MAJOR.MINOR.PATCH) and AM_ABI_VERSION. Included before
# project(), so it uses nothing project() defines.
set(_am_header "${CMAKE_CURRENT_LIST_DIR}/../include/anthropic_models.h")
file(STRINGS "${_am_header}" _am_defines
     REGEX "^#define AM_(VERSION_(MAJOR|MINOR|PATCH|STRING)|ABI_VERSION)[ \t]")
foreach(_am_name VERSION_MAJOR VERSION_MINOR VERSION_PATCH VERSION_STRING ABI_VERSION)
  set(_am_value "")
  foreach(_am_line IN LISTS _am_defines)
    if(_am_line MATCHES "^#define AM_${_am_name}[ \t]+\"?([0-9.]+)\"?[ \t]*$")
      set(_am_value "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(_am_value STREQUAL "")
    message(FATAL_ERROR "${_am_header}: no plain '#define AM_${_am_name} <number>' to read the version from")
  endif()
  set(_am_${_am_name} "${_am_value}")
endforeach()

set(AM_VERSION "${_am_VERSION_MAJOR}.${_am_VERSION_MINOR}.${_am_VERSION_PATCH}")
if(NOT _am_VERSION_STRING STREQUAL AM_VERSION)
  message(FATAL_ERROR "${_am_header}: AM_VERSION_STRING \"${_am_VERSION_STRING}\" disagrees with "
                      "AM_VERSION_MAJOR/MINOR/PATCH (${AM_VERSION})")
endif()
set(AM_ABI_VERSION "${_am_ABI_VERSION}")
