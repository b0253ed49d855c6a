/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Pure parsers for the HTTP response headers the Hub API sends. No I/O, no
 * allocation beyond the returned strings; any byte sequence is accepted as
 * input (they are fuzzed), and anything not understood is "unknown".
 */

/**
 * HubRateLimit:
 * What `RateLimit` and `RateLimit-Policy` say. Unknown values are -1.
 * @remaining: requests left in the current window (`r`)
 * @reset: seconds until the window resets (`t`)
 * @quota: requests allowed per window (`q`, from the policy)
 * @window: window length in seconds (`w`, from the policy)
 */
typedef struct {
  gint64 remaining;
  gint64 reset;
  gint64 quota;
  gint64 window;
} HubRateLimit;

/* Sets every field of @limit to -1. */
void     hub_rate_limit_init              (HubRateLimit *limit);

/**
 * hub_http_parse_link_next:
 * @value: (nullable): a `Link` header value
 *
 * Returns: (transfer full) (nullable): the target of the first link whose
 * `rel` contains `next` (case-insensitive; quoted or bare, one of several
 * space-separated relations), verbatim, or %NULL.
 */
char    *hub_http_parse_link_next         (const char   *value);

/**
 * hub_http_parse_rate_limit:
 * @value: (nullable): a `RateLimit` header value, e.g. `"api";r=489;t=189`
 * @limit: receives `remaining` and `reset`; other fields are untouched
 *
 * When the header lists several limits, the one named `api` wins, else the
 * first. Returns %TRUE when at least one of r/t was understood.
 */
gboolean hub_http_parse_rate_limit        (const char   *value,
                                           HubRateLimit *limit);

/**
 * hub_http_parse_rate_limit_policy:
 * @value: (nullable): a `RateLimit-Policy` value, e.g.
 *   `"fixed window";"api";q=500;w=300`
 * @limit: receives `quota` and `window`; other fields are untouched
 *
 * Returns %TRUE when at least one of q/w was understood.
 */
gboolean hub_http_parse_rate_limit_policy (const char   *value,
                                           HubRateLimit *limit);

/**
 * hub_http_parse_retry_after:
 * @value: (nullable): a `Retry-After` value: delta-seconds or an HTTP date
 * @now: the current time, Unix seconds (for the date form)
 * @out_seconds: (out): seconds to wait, never negative
 *
 * Returns %FALSE when @value is neither form.
 */
gboolean hub_http_parse_retry_after       (const char   *value,
                                           gint64        now,
                                           gint64       *out_seconds);

G_END_DECLS
