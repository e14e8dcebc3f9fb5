// Compiled (never run) by check_nodiscard.sh: discarding a Request cancels
// its call, so every function returning one is [[nodiscard]], as are the
// release() functions whose discarded result would leak. Each DISCARD line
// must be diagnosed; with AM_KEEP_RESULTS the file must compile cleanly.
#include "anthropic_models.hpp"

#ifdef AM_KEEP_RESULTS
#define DISCARD(e) (void)(e)
#else
#define DISCARD(e) e
#endif

namespace amc = anthropic_models;

void discard_results(const amc::Client &c, const amc::ListParams &p, amc::Request &r, amc::Model &m,
                     amc::ModelList &l);
void discard_results(const amc::Client &c, const amc::ListParams &p, amc::Request &r, amc::Model &m,
                     amc::ModelList &l) {
  DISCARD(c.get_async("claude-opus-4-6"));
  DISCARD(c.get_async("claude-opus-4-6", [](amc::RequestRef) {}));
  DISCARD(c.list_async());
  DISCARD(c.list_async([](amc::RequestRef) {}));
  DISCARD(c.list_async(p));
  DISCARD(c.list_async(p, [](amc::RequestRef) {}));
  DISCARD(c.list_all_async());
  DISCARD(c.list_all_async([](amc::RequestRef) {}));
  DISCARD(c.list_all_async(p));
  DISCARD(c.list_all_async(p, [](amc::RequestRef) {}));
  DISCARD(r.release());
  DISCARD(m.release());
  DISCARD(l.release());
}
