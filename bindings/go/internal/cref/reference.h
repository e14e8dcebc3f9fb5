/* reference.h - C baselines and helpers for the Go binding's tests. */
#ifndef CREF_REFERENCE_H
#define CREF_REFERENCE_H

#include <stdint.h>

#include "anthropic_models.h"

am_status cref_client_new(const char *base_url, const char *api_key, am_client **out);
am_status cref_list(am_client *c, int32_t limit, am_model_list **out);
uint64_t cref_read_every_field(const am_model_list *list);
am_status cref_list_and_read(am_client *c, int32_t limit, int n, uint64_t *sum);
am_status cref_get_loop(am_client *c, const char *id, int n);

#endif
