/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bounds on untrusted input (Hub answers, files users import), so that a
 * hostile or broken file is refused with a message instead of exhausting
 * memory or the stack. Real Hub entries are a few KB, nested a few levels. */

/* A JSON document read whole (an /api/models page saved to a file): json-glib
 * needs about 15 times its size in memory (200 MB of entries: 3 GB RSS). */
#define HUB_MAX_JSON_DOCUMENT_BYTES ((gsize) 128 * 1024 * 1024)
/* One JSONL line: one entry. */
#define HUB_MAX_JSON_LINE_BYTES     ((gsize) 64 * 1024 * 1024)
/* Arrays and objects inside each other; json-glib recurses once per level
 * and overflows an 8 MB stack near 100,000. */
#define HUB_MAX_JSON_DEPTH          512

gboolean  hub_json_check           (const char        *data,
                                    gsize              len,
                                    guint              max_depth,
                                    GError           **error);

gboolean  hub_json_load_bounded    (JsonParser        *parser,
                                    const char        *data,
                                    gsize              len,
                                    GError           **error);

GBytes   *hub_read_all_capped      (GInputStream      *stream,
                                    gsize              max_bytes,
                                    GCancellable      *cancellable,
                                    GError           **error);

char     *hub_read_line_capped     (GDataInputStream  *stream,
                                    gsize              max_bytes,
                                    gsize             *out_len,
                                    gboolean          *out_too_long,
                                    gboolean          *out_unterminated,
                                    GCancellable      *cancellable,
                                    GError           **error);

/* For tests: the caps above, scaled down (0 restores the defaults). */
void      hub_input_limits_set_for_testing (gsize document_bytes,
                                            gsize line_bytes);
gsize     hub_input_limits_get_document_bytes (void);
gsize     hub_input_limits_get_line_bytes     (void);

G_END_DECLS
