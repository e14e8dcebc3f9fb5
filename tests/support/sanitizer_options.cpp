// The sanitizer runtime options of every test binary, compiled in so that a
// test behaves the same under ctest, run by hand or in a debugger. Each hook
// is only consulted in a build with that sanitizer; the environment
// (ASAN_OPTIONS, ...) still overrides any option.

// AddressSanitizer: leaks fail the run, and so do string functions reading
// past a terminator and initialisation-order bugs.
extern "C" const char *__asan_default_options();
extern "C" const char *__asan_default_options() {
  return "detect_leaks=1:strict_string_checks=1:check_initialization_order=1";
}

// UndefinedBehaviorSanitizer: a report stops the test, with a stack
// (the build also passes -fno-sanitize-recover=all).
extern "C" const char *__ubsan_default_options();
extern "C" const char *__ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

// ThreadSanitizer: a report stops the test; a deadlock report shows both stacks.
extern "C" const char *__tsan_default_options();
extern "C" const char *__tsan_default_options() { return "halt_on_error=1:second_deadlock_stack=1"; }

// ThreadSanitizer: ignore memory accesses that the system's cpp-httplib
// (libcpp-httplib.so, which the in-process mock server links and which is not
// built with -fsanitize=thread) makes through intercepted memcpy/memcmp. Its
// own synchronisation is invisible to TSan, so as soon as the mock server
// applies a fault to concurrent requests, TSan reports a "race" between two
// of the server's connection threads inside that library. Accesses by the
// library under test (libanthropic_models) and by the tests are unaffected.
extern "C" const char *__tsan_default_suppressions();
extern "C" const char *__tsan_default_suppressions() { return "called_from_lib:libcpp-httplib.so\n"; }
