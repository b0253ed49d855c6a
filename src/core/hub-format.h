/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Human forms of the dataset's numbers, shared by the window and the command
 * line's table output. Each returns NULL for an unknown value (< 0). */

/* 1234567 -> "1,234,567" in the current locale's digit grouping. */
char     *hub_format_count      (gint64       value);
/* Parameter counts in the Hub's units: 7615616512 -> "7.6B", 500000000 ->
 * "500M", 1500000000000 -> "1.5T", 125000 -> "125K". */
char     *hub_format_params     (gint64       params);
/* A span of time as a person reads it: 45 -> "45 s", 5400 -> "1 h 30 min",
 * 21600 -> "6 h". Never NULL. */
char     *hub_format_duration   (guint        seconds);

/* Parses a parameter count as a person types it: "7B", "7.6b", "500M",
 * "1.5T", "125K", "7000000000" (optional spaces). FALSE for anything else
 * or a negative or too large value. */
gboolean  hub_parse_params      (const char  *str,
                                 gint64      *out_params);

/* Text from outside (ids, file content, server messages) made safe to
 * show on a terminal or in a dialog: control characters, DEL, C1 controls
 * and bytes that are not UTF-8 become visible escapes (ESC is "\x1b",
 * U+009B "\u009b"), so that no escape sequence reaches the terminal.
 * Line breaks are kept when @keep_newlines. Never NULL. */
char     *hub_text_sanitize     (const char  *text,
                                 gboolean     keep_newlines);

G_END_DECLS
