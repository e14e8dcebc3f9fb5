# One set of warning flags for everything the project compiles: the library,
# the tools, the examples, the tests, the benchmarks and the fuzz targets link
# the INTERFACE target am_warnings, and am_check_warnings() fails the
# configure step when a compiled target does not (so a new target cannot
# forget it). -Werror comes with AM_WERROR (ON by default).
add_library(am_warnings INTERFACE)
target_compile_options(am_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${AM_WERROR}>:-Werror>)

# Every target in DIR and below that compiles sources of its own.
function(_am_compiled_targets dir out)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  set(found "")
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      continue()
    endif()
    # The shared and static libraries only package am_objects' objects.
    get_target_property(sources ${t} SOURCES)
    list(FILTER sources EXCLUDE REGEX "^\\$<TARGET_OBJECTS:")
    if(sources)
      list(APPEND found ${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _am_compiled_targets("${sub}" more)
    list(APPEND found ${more})
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# Whether TARGET links am_warnings, itself or through an INTERFACE library
# such as tests/support's.
function(_am_links_warnings target out)
  set(result FALSE)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(libs ${target} INTERFACE_LINK_LIBRARIES)
  else()
    get_target_property(libs ${target} LINK_LIBRARIES)
  endif()
  foreach(lib IN LISTS libs)
    if(lib STREQUAL "am_warnings")
      set(result TRUE)
    elseif(TARGET "${lib}")
      get_target_property(imported ${lib} IMPORTED)
      get_target_property(lib_type ${lib} TYPE)
      if(NOT imported AND lib_type STREQUAL "INTERFACE_LIBRARY")
        _am_links_warnings(${lib} via)
        if(via)
          set(result TRUE)
        endif()
      endif()
    endif()
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

function(am_check_warnings)
  _am_compiled_targets("${CMAKE_SOURCE_DIR}" targets)
  foreach(t IN LISTS targets)
    _am_links_warnings(${t} ok)
    if(NOT ok)
      message(FATAL_ERROR "target ${t} does not link am_warnings (cmake/AmWarnings.cmake): "
                          "every target the project compiles uses the same warnings")
    endif()
  endforeach()
endfunction()
