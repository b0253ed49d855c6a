/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-store.h"

G_BEGIN_DECLS

/*
 * Packed copies of complete snapshots (schema v3).
 *
 * snapshot_rows stays the record of what was observed. When a snapshot is
 * marked complete, its rows are also written as one row of
 * snapshot_columns: the models as keys of model_keys (an append-only
 * dictionary of every model id ever packed, so a key never changes) and
 * one blob per measure. Analytics reads a 230,000-row snapshot with one
 * sqlite3_step instead of 230,000, and maps keys to models through an
 * array instead of comparing strings.
 *
 * Blob format, rows in model_id order (SQLite's BINARY collation):
 *   model_keys: per row the key minus the previous row's key (the first
 *               row: minus 0), zigzag-encoded, as a LEB128 varint;
 *   downloads, downloads_all_time, likes: per row a LEB128 varint,
 *               0 for unknown (NULL) or negative, else value + 1.
 * A copy whose blobs do not hold exactly n_rows varints each is damaged
 * and ignored (the rows are read instead).
 *
 * The copy is derived data and never goes stale: triggers on snapshot_rows
 * and on snapshots.complete delete it whenever the rows change, and the
 * reader falls back to snapshot_rows for a snapshot without one.
 */

/* Writes the packed copy of @snapshot_id inside the caller's transaction
 * (hub_store_snapshot_finish() does). */
gboolean hub_snapshot_pack         (HubStore  *store,
                                    gint64     snapshot_id,
                                    GError   **error);

/* Packs every complete snapshot that has no packed copy, each in its own
 * transaction (a store upgraded from schema 2, or written by hand).
 * @n_packed (optional) counts them. */
gboolean hub_snapshot_pack_missing (HubStore  *store,
                                    guint     *n_packed,
                                    GError   **error);

/* Reading one packed copy: hub_packed_reader_init() checks the blobs,
 * hub_packed_reader_next() gives n_rows rows. */
typedef struct {
  const guint8 *keys;
  const guint8 *keys_end;
  const guint8 *values;
  const guint8 *values_end;
  guint64       left;
  guint64       key;
} HubPackedReader;

/* FALSE when the blobs do not hold exactly @n_rows varints each. */
gboolean hub_packed_reader_init (HubPackedReader *reader,
                                 guint64          n_rows,
                                 const void      *keys,
                                 gsize            keys_len,
                                 const void      *values,
                                 gsize            values_len);

static inline guint64
hub_packed_varint (const guint8 **p)
{
  guint64 v = 0;
  guint shift = 0;
  guint8 b;

  do
    {
      b = *(*p)++;
      if (shift < 64)
        v |= (guint64) (b & 0x7f) << shift;
      shift += 7;
    }
  while (b & 0x80);
  return v;
}

/* The next row: its model key, and FALSE in *@has_value when the value is
 * unknown (or was negative). Only call it n_rows times. */
static inline void
hub_packed_reader_next (HubPackedReader *reader,
                        guint64         *key,
                        gboolean        *has_value,
                        guint64         *value)
{
  guint64 z = hub_packed_varint (&reader->keys);
  guint64 v = hub_packed_varint (&reader->values);

  reader->key += (z >> 1) ^ (0 - (z & 1));
  reader->left--;
  *key = reader->key;
  *has_value = v != 0;
  *value = v - 1;
}

G_END_DECLS
