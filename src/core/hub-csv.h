/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * HubCsvReader:
 * Reads RFC 4180 CSV one record at a time from a stream: fields separated by
 * commas, optionally quoted with `"` (a quoted field may hold commas, line
 * breaks and `""` for a quote), lines ended by LF or CRLF. Never holds more
 * than one record in memory.
 */
typedef struct _HubCsvReader HubCsvReader;

HubCsvReader *hub_csv_reader_new  (GInputStream *stream);
void          hub_csv_reader_free (HubCsvReader *reader);

/**
 * hub_csv_reader_next:
 * @out_line: (out): the line number (1-based) where the record starts
 *
 * Returns the next record's fields (NULL-terminated), or NULL at the end of
 * the stream (no error) or with @error set. A malformed record (an unclosed
 * quote, text after a closing quote) is a %HUB_INGEST_ERROR_MALFORMED error
 * and reading can go on with the next record; any other error (I/O,
 * cancellation) ends the stream. Blank lines are skipped.
 */
GStrv         hub_csv_reader_next (HubCsvReader  *reader,
                                   guint         *out_line,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubCsvReader, hub_csv_reader_free)

G_END_DECLS
