// ThreadSanitizer: ignore memory accesses that the system's cpp-httplib
// (libcpp-httplib.so, which the in-process mock server links and which is not
// built with -fsanitize=thread) makes through intercepted memcpy/memcmp. Its
// own synchronisation is invisible to TSan, so as soon as the mock server
// applies a fault to concurrent requests, TSan reports a "race" between two
// of the server's connection threads inside that library. Accesses by the
// library under test (libanthropic_models) and by these tests are unaffected.
// The hook is only consulted when the binary is built with TSan.
extern "C" const char *__tsan_default_suppressions();
extern "C" const char *__tsan_default_suppressions() { return "called_from_lib:libcpp-httplib.so\n"; }
