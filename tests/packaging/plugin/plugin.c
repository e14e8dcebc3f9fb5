/* A plugin (shared library) that links the static archive: it must export its
 * own entry point and none of the library's am_* symbols. */
#include "anthropic_models.h"

__attribute__((visibility("default"))) const char *plugin_library_version(void) { return am_version(); }
