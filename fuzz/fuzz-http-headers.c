/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the HTTP header parsers the sync reads from the Hub's
 * answers (Link, RateLimit, RateLimit-Policy, Retry-After), each given the
 * whole input as one header value. */
#include "config.h"

#include "fuzz-common.h"
#include "hub-http-headers.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = fuzz_strndup (data, size);
  g_autofree char *next = hub_http_parse_link_next (value);
  HubRateLimit limit;
  gint64 seconds = -1;

  /* The next page's URL is a part of the header, verbatim. */
  if (next != NULL)
    g_assert (strstr (value, next) != NULL);

  hub_rate_limit_init (&limit);
  if (hub_http_parse_rate_limit (value, &limit))
    g_assert (limit.remaining >= 0 || limit.reset >= 0);
  g_assert (limit.quota == -1 && limit.window == -1);

  hub_rate_limit_init (&limit);
  if (hub_http_parse_rate_limit_policy (value, &limit))
    g_assert (limit.quota >= 0 || limit.window >= 0);
  g_assert (limit.remaining == -1 && limit.reset == -1);

  if (hub_http_parse_retry_after (value, 1767225600, &seconds))
    g_assert (seconds >= 0);
  return 0;
}
