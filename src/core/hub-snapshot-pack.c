/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-store"

#include "config.h"

#include "hub-snapshot-pack.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

static void
put_varint (GByteArray *out,
            guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      buf[n] = v & 0x7f;
      v >>= 7;
      if (v != 0)
        buf[n] |= 0x80;
      n++;
    }
  while (v != 0);
  g_byte_array_append (out, buf, n);
}

/* 0 for unknown or negative, else value + 1 (see the header). */
static void
put_value (GByteArray   *out,
           sqlite3_stmt *stmt,
           int           col)
{
  gint64 v;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL || (v = sqlite3_column_int64 (stmt, col)) < 0)
    put_varint (out, 0);
  else
    put_varint (out, (guint64) v + 1);
}

/* An empty GByteArray has no data pointer, and a NULL blob is NULL. */
static void
bind_blob (sqlite3_stmt *stmt,
           int           index,
           GByteArray   *bytes)
{
  static const guint8 empty[1];

  sqlite3_bind_blob64 (stmt, index, bytes->len > 0 ? bytes->data : empty, bytes->len, SQLITE_STATIC);
}

static gboolean
fail (HubStore    *store,
      int          rc,
      gint64       snapshot_id,
      GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not pack snapshot %lld"), (long long) snapshot_id);

  hub_store_set_error_from_sqlite (store, rc, what, error);
  return FALSE;
}

gboolean
hub_snapshot_pack (HubStore  *store,
                   gint64     snapshot_id,
                   GError   **error)
{
  g_autoptr(GByteArray) keys = g_byte_array_new ();
  g_autoptr(GByteArray) downloads = g_byte_array_new ();
  g_autoptr(GByteArray) all_time = g_byte_array_new ();
  g_autoptr(GByteArray) likes = g_byte_array_new ();
  GByteArray *values[3] = { downloads, all_time, likes };
  sqlite3_stmt *add_keys, *rows, *write;
  guint64 n_rows = 0;
  gint64 last_key = 0;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);

  add_keys = hub_store_prepare (store,
                                "INSERT OR IGNORE INTO model_keys (id)"
                                " SELECT model_id FROM snapshot_rows WHERE snapshot_id = ?1"
                                " ORDER BY model_id", error);
  if (add_keys == NULL)
    return FALSE;
  sqlite3_bind_int64 (add_keys, 1, snapshot_id);
  rc = sqlite3_step (add_keys);
  sqlite3_reset (add_keys);
  if (rc != SQLITE_DONE)
    return fail (store, rc, snapshot_id, error);

  rows = hub_store_prepare (store,
                            "SELECT k.key, r.downloads, r.downloads_all_time, r.likes"
                            " FROM snapshot_rows r JOIN model_keys k ON k.id = r.model_id"
                            " WHERE r.snapshot_id = ?1 ORDER BY r.model_id", error);
  if (rows == NULL)
    return FALSE;
  sqlite3_bind_int64 (rows, 1, snapshot_id);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (rows, 0);
      gint64 delta = key - last_key;

      put_varint (keys, ((guint64) delta << 1) ^ (guint64) (delta >> 63));
      last_key = key;
      for (guint c = 0; c < 3; c++)
        put_value (values[c], rows, 1 + c);
      n_rows++;
    }
  sqlite3_reset (rows);
  if (rc != SQLITE_DONE)
    return fail (store, rc, snapshot_id, error);

  write = hub_store_prepare (store,
                             "INSERT OR REPLACE INTO snapshot_columns (snapshot_id, n_rows,"
                             " model_keys, downloads, downloads_all_time, likes)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_int64 (write, 1, snapshot_id);
  sqlite3_bind_int64 (write, 2, (gint64) n_rows);
  bind_blob (write, 3, keys);
  for (guint c = 0; c < 3; c++)
    bind_blob (write, 4 + c, values[c]);
  rc = sqlite3_step (write);
  sqlite3_reset (write);
  sqlite3_clear_bindings (write);
  if (rc != SQLITE_DONE)
    return fail (store, rc, snapshot_id, error);
  return TRUE;
}

gboolean
hub_snapshot_pack_missing (HubStore  *store,
                           guint     *n_packed,
                           GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);

  if (n_packed != NULL)
    *n_packed = 0;
  stmt = hub_store_prepare (store,
                            "SELECT id FROM snapshots s WHERE complete AND NOT EXISTS"
                            " (SELECT 1 FROM snapshot_columns c WHERE c.snapshot_id = s.id)"
                            " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (store, rc, 0, error);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!hub_store_begin (store, error))
        return FALSE;
      if (!hub_snapshot_pack (store, id, error) || !hub_store_commit (store, error))
        {
          hub_store_rollback (store);
          return FALSE;
        }
      if (n_packed != NULL)
        (*n_packed)++;
    }
  return TRUE;
}

/* Counts the varints of [@p, @end): G_MAXUINT64 when the last one runs
 * past the end or one is longer than 10 bytes. */
static guint64
count_varints (const guint8 *p,
               const guint8 *end)
{
  guint64 n = 0;
  guint len = 0;

  for (; p < end; p++)
    {
      if (++len > 10)
        return G_MAXUINT64;
      if (!(*p & 0x80))
        {
          n++;
          len = 0;
        }
    }
  return len == 0 ? n : G_MAXUINT64;
}

gboolean
hub_packed_reader_init (HubPackedReader *reader,
                        guint64          n_rows,
                        const void      *keys,
                        gsize            keys_len,
                        const void      *values,
                        gsize            values_len)
{
  static const guint8 empty[1];

  g_return_val_if_fail (reader != NULL, FALSE);

  /* An empty blob reads back as NULL. */
  if (keys_len == 0)
    keys = empty;
  if (values_len == 0)
    values = empty;
  if (keys == NULL || values == NULL ||
      count_varints (keys, (const guint8 *) keys + keys_len) != n_rows ||
      count_varints (values, (const guint8 *) values + values_len) != n_rows)
    return FALSE;
  reader->keys = keys;
  reader->keys_end = (const guint8 *) keys + keys_len;
  reader->values = values;
  reader->values_end = (const guint8 *) values + values_len;
  reader->left = n_rows;
  reader->key = 0;
  return TRUE;
}
