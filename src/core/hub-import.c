/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-import.h"
#include "hub-import-private.h"
#include "hub-dataset-private.h"
#include "hub-format.h"
#include "hub-scores.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#define DATASET_PREFIX HUB_DATASET_RESOURCE_PREFIX
/* Bytes looked at to guess a format. */
#define HEAD_SIZE 4096
/* Set while hub_import_embedded() runs, cleared when it is done. */
#define SETTING_EMBEDDED "import.embedded-dataset"
/* The files that later versions of the embedded dataset added, imported
 * once into a database built by an earlier one (its setting says which). */
#define EMBEDDED_DONE    "done"
#define EMBEDDED_DONE_V2 "done:2"
#define EMBEDDED_DONE_V3 "done:3"

HubImportReport *
hub_import_report_new (void)
{
  HubImportReport *report = g_new0 (HubImportReport, 1);

  report->rejections = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->unknown_models = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);

  return report;
}

void
hub_import_report_free (HubImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->rejections, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->unknown_models, g_ptr_array_unref);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_free (report);
}

/* Messages listed in full in a summary; the rest are counted. */
#define MAX_LISTED_MESSAGES 20

static void
append_messages (GString   *s,
                 GPtrArray *messages)
{
  guint n = messages != NULL ? messages->len : 0;

  for (guint i = 0; i < MIN (n, MAX_LISTED_MESSAGES); i++)
    g_string_append_printf (s, "  %s\n", (const char *) g_ptr_array_index (messages, i));
  if (n > MAX_LISTED_MESSAGES)
    g_string_append_printf (s, _("  … and %u more\n"), n - MAX_LISTED_MESSAGES);
}

char *
hub_import_report_summary (const HubImportReport *report)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (s, "%s\n", (const char *) g_ptr_array_index (report->notes, i));
  g_string_append_printf (s, _("Models added: %u\n"), report->models_added);
  g_string_append_printf (s, _("Models updated: %u\n"), report->models_updated);
  g_string_append_printf (s, _("Models rejected: %u\n"), report->models_rejected);
  if (report->rows_rejected > 0)
    g_string_append_printf (s, _("Rows rejected: %u\n"), report->rows_rejected);
  append_messages (s, report->rejections);
  if (report->fields_dropped > 0)
    {
      g_string_append_printf (s, _("Fields dropped: %u\n"), report->fields_dropped);
      append_messages (s, report->warnings);
    }
  else
    append_messages (s, report->warnings);
  g_string_append_printf (s, _("Snapshots written: %u (%u rows)\n"), report->snapshots_written, report->snapshot_rows);
  if (report->rows_already_stored > 0)
    g_string_append_printf (s, _("Rows skipped, their snapshot imported before: %u\n"), report->rows_already_stored);
  if (report->period_rows > 0 || report->rows_skipped > 0)
    {
      g_string_append_printf (s, _("Period downloads: %u rows (%u for models not in the database, kept)\n"),
                              report->period_rows, report->period_unknown_rows);
      if (report->unknown_models->len > 0)
        {
          g_autoptr(GString) ids = g_string_new (NULL);

          for (guint i = 0; i < report->unknown_models->len && i < 10; i++)
            g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "",
                                    (char *) g_ptr_array_index (report->unknown_models, i));
          if (report->unknown_models->len > 10)
            g_string_append_printf (ids, _(" and %u more"), report->unknown_models->len - 10);
          g_string_append_printf (s, _("Models not in the database: %s\n"), ids->str);
        }
      if (report->rows_skipped > 0)
        g_string_append_printf (s, _("Rows of other repository types skipped: %u\n"), report->rows_skipped);
    }
  return g_string_free (s, FALSE);
}

void
hub_import_context_init (HubImportContext *ctx,
                         HubStore         *store,
                         HubImportReport  *report,
                         const char       *name,
                         GCancellable     *cancellable)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->store = store;
  ctx->report = report;
  ctx->cancellable = cancellable;
  ctx->name = g_path_get_basename (name);
  ctx->series = g_strconcat (HUB_SERIES_IMPORT_PREFIX, ctx->name, NULL);
  ctx->captured_at = g_get_real_time () / G_USEC_PER_SEC;
  ctx->to_finish = g_array_new (FALSE, FALSE, sizeof (gint64));
  ctx->snapshots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->warnings = g_ptr_array_new_with_free_func (g_free);
  ctx->said_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
hub_import_context_clear (HubImportContext *ctx)
{
  g_assert (!ctx->in_batch);

  g_clear_pointer (&ctx->name, g_free);
  g_clear_pointer (&ctx->series, g_free);
  g_clear_pointer (&ctx->to_finish, g_array_unref);
  g_clear_pointer (&ctx->snapshots, g_hash_table_unref);
  g_clear_pointer (&ctx->warnings, g_ptr_array_unref);
  g_clear_pointer (&ctx->said_before, g_hash_table_unref);
}

static void
drop_pending (HubImportContext *ctx)
{
  ctx->pending_added = 0;
  ctx->pending_updated = 0;
  ctx->pending_rows = 0;
  ctx->pending_period_rows = 0;
  ctx->pending_period_unknown = 0;
}

static gboolean
commit_batch (HubImportContext  *ctx,
              GError           **error)
{
  if (!ctx->in_batch)
    return TRUE;

  ctx->in_batch = FALSE;
  ctx->batch_len = 0;
  if (!hub_store_commit (ctx->store, error))
    {
      hub_store_rollback (ctx->store);
      drop_pending (ctx);
      return FALSE;
    }

  ctx->report->models_added += ctx->pending_added;
  ctx->report->models_updated += ctx->pending_updated;
  ctx->report->snapshot_rows += ctx->pending_rows;
  ctx->report->period_rows += ctx->pending_period_rows;
  ctx->report->period_unknown_rows += ctx->pending_period_unknown;
  drop_pending (ctx);
  return TRUE;
}

gboolean
hub_import_context_step (HubImportContext  *ctx,
                         GError           **error)
{
  if (ctx->in_batch && ctx->batch_len >= HUB_IMPORT_BATCH_SIZE)
    if (!commit_batch (ctx, error))
      return FALSE;

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  if (!ctx->in_batch)
    {
      if (!hub_store_begin (ctx->store, error))
        return FALSE;
      ctx->in_batch = TRUE;
    }

  ctx->batch_len++;
  return TRUE;
}

gboolean
hub_import_context_finish (HubImportContext  *ctx,
                           GError           **error)
{
  if (!commit_batch (ctx, error))
    return FALSE;

  if (ctx->to_finish->len == 0)
    return TRUE;

  if (!hub_store_begin (ctx->store, error))
    return FALSE;

  for (guint i = 0; i < ctx->to_finish->len; i++)
    if (!hub_store_snapshot_finish (ctx->store, g_array_index (ctx->to_finish, gint64, i), error))
      {
        hub_store_rollback (ctx->store);
        return FALSE;
      }

  if (!hub_store_commit (ctx->store, error))
    {
      hub_store_rollback (ctx->store);
      return FALSE;
    }

  ctx->report->snapshots_written += ctx->to_finish->len;
  g_array_set_size (ctx->to_finish, 0);
  return TRUE;
}

void
hub_import_context_abort (HubImportContext *ctx)
{
  if (ctx->in_batch)
    hub_store_rollback (ctx->store);
  ctx->in_batch = FALSE;
  ctx->batch_len = 0;
  drop_pending (ctx);
}

gint64
hub_import_context_snapshot (HubImportContext  *ctx,
                             const char        *series,
                             gint64             captured_at,
                             gboolean           carry_forward,
                             gboolean          *out_skip,
                             GError           **error)
{
  g_autofree char *key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, series, captured_at);
  gpointer value;
  gint64 id;

  *out_skip = FALSE;

  if (g_hash_table_lookup_extended (ctx->snapshots, key, NULL, &value))
    {
      id = GPOINTER_TO_SIZE (value);
      *out_skip = id == 0;
      return id;
    }

  id = hub_store_snapshot_find (ctx->store, series, captured_at);
  if (id != 0 && hub_store_snapshot_is_complete (ctx->store, id))
    {
      /* Imported before: its rows are stored already. */
      g_hash_table_insert (ctx->snapshots, g_steal_pointer (&key), GSIZE_TO_POINTER (0));
      *out_skip = TRUE;
      return 0;
    }

  if (id == 0)
    {
      /* Committed on its own, so that an interrupted import leaves it
       * behind, incomplete, with the batches written before. */
      if (!commit_batch (ctx, error))
        return 0;
      if (!hub_store_begin (ctx->store, error))
        return 0;
      id = hub_store_snapshot_begin (ctx->store, series, ctx->name, captured_at, carry_forward, error);
      if (id == 0)
        {
          hub_store_rollback (ctx->store);
          return 0;
        }
      if (!hub_store_commit (ctx->store, error))
        {
          hub_store_rollback (ctx->store);
          return 0;
        }
    }

  /* New, or left incomplete by an interrupted import: (re)filled now. */
  g_array_append_val (ctx->to_finish, id);
  g_hash_table_insert (ctx->snapshots, g_steal_pointer (&key), GSIZE_TO_POINTER (id));
  return id;
}

gboolean
hub_import_context_store_entry (HubImportContext     *ctx,
                                HubImportDump        *dump,
                                gint64                captured_at,
                                const HubModelEntry  *entry,
                                GError              **error)
{
  if (!ctx->embedded && (dump->snapshot_id == 0 || captured_at != dump->captured_at))
    {
      GError *local_error = NULL;

      dump->captured_at = captured_at;
      dump->snapshot_id = hub_import_context_snapshot (ctx, ctx->series, captured_at, FALSE,
                                                       &dump->skip, &local_error);
      if (dump->skip)
        {
          g_autofree char *when = hub_time_format_iso8601 (captured_at);

          /* Said each time the rows move to that snapshot: once for a dump,
           * once per capture time for a file sorted by it. */
          g_ptr_array_add (ctx->report->warnings,
                           g_strdup_printf (_("%s: imported before (snapshot of %s); nothing changed"),
                                            ctx->name, when));
          return TRUE;
        }
      if (dump->snapshot_id == 0)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  if (dump->skip)
    return TRUE;

  if (!hub_import_context_upsert (ctx, entry, error))
    return FALSE;

  if (!ctx->embedded &&
      !hub_import_context_snapshot_add (ctx, dump->snapshot_id, entry->id, entry->downloads,
                                        entry->downloads_all_time, entry->likes,
                                        entry->trending_score, HUB_COUNT_NONE, error))
    return FALSE;

  return TRUE;
}

void
hub_import_context_row_stored_before (HubImportContext *ctx,
                                      const char       *series,
                                      gint64            captured_at)
{
  g_autofree char *key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, series, captured_at);

  ctx->report->rows_already_stored++;
  if (g_hash_table_add (ctx->said_before, g_steal_pointer (&key)))
    {
      g_autofree char *when = hub_time_format_iso8601 (captured_at);

      g_ptr_array_add (ctx->report->warnings,
                       g_strdup_printf (_("%s: the snapshot of %s (series %s) was imported before; "
                                          "its rows in this file were skipped"), ctx->name, when, series));
    }
}

/* A report keeps this many messages of each kind (its counts go on), so
 * that a file of millions of bad rows is read in bounded memory. */
#define MAX_REPORT_MESSAGES 10000

static void
add_message (GPtrArray *messages,
             char      *message)
{
  if (messages->len < MAX_REPORT_MESSAGES)
    {
      /* Messages quote the file (ids, values): no control character of
       * it reaches a terminal or a dialog. */
      g_ptr_array_add (messages, hub_text_sanitize (message, FALSE));
      g_free (message);
      return;
    }
  if (messages->len == MAX_REPORT_MESSAGES)
    g_ptr_array_add (messages, g_strdup_printf (_("(only the first %u messages are kept; the counts are complete)"),
                                                MAX_REPORT_MESSAGES));
  g_free (message);
}

void
hub_import_context_reject (HubImportContext *ctx,
                           const char       *where,
                           const char       *message)
{
  add_message (ctx->report->rejections, g_strdup_printf ("%s%s: %s", ctx->name, where, message));
}

void
hub_import_context_flush_warnings (HubImportContext *ctx,
                                   const char       *where)
{
  for (guint i = 0; i < ctx->warnings->len; i++)
    add_message (ctx->report->warnings,
                 g_strdup_printf ("%s%s: %s", ctx->name, where,
                                  (char *) g_ptr_array_index (ctx->warnings, i)));
  ctx->report->fields_dropped += ctx->warnings->len;
  g_ptr_array_set_size (ctx->warnings, 0);
}

HubModelEntry *
hub_import_context_parse_entry (HubImportContext *ctx,
                                JsonNode         *node,
                                const char       *where)
{
  g_autoptr(GError) error = NULL;
  HubModelEntry *entry;

  entry = hub_model_entry_from_json (node, ctx->warnings, &error);
  if (entry == NULL)
    {
      /* The reasons a field would have been dropped do not matter then. */
      g_ptr_array_set_size (ctx->warnings, 0);
      hub_import_context_reject (ctx, where, error->message);
      ctx->report->models_rejected++;
      return NULL;
    }

  hub_import_context_flush_warnings (ctx, where);
  return entry;
}

gboolean
hub_import_context_upsert (HubImportContext     *ctx,
                           const HubModelEntry  *entry,
                           GError              **error)
{
  gboolean was_new = FALSE;

  if (!hub_import_context_step (ctx, error))
    return FALSE;

  if (!hub_store_upsert_model (ctx->store, entry, &was_new, error))
    return FALSE;

  if (was_new)
    ctx->pending_added++;
  else
    ctx->pending_updated++;

  return TRUE;
}

gboolean
hub_import_context_snapshot_add (HubImportContext     *ctx,
                                 gint64                snapshot_id,
                                 const char           *model_id,
                                 gint64                downloads,
                                 gint64                downloads_all_time,
                                 gint64                likes,
                                 gint64                trending_score,
                                 gint64                rank,
                                 GError              **error)
{
  if (!hub_import_context_step (ctx, error))
    return FALSE;

  if (!hub_store_snapshot_add (ctx->store, snapshot_id, model_id, downloads,
                               downloads_all_time, likes, trending_score, rank, error))
    return FALSE;

  ctx->pending_rows++;
  return TRUE;
}

gint64
hub_import_parse_count (HubImportContext *ctx,
                        const char       *text,
                        const char       *field)
{
  guint64 value;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return HUB_COUNT_NONE;

  if (!g_ascii_isdigit (text[0]))
    {
      g_ptr_array_add (ctx->warnings,
                       g_strdup_printf ("field '%s': '%s' is not a count", field, text));
      return HUB_COUNT_NONE;
    }

  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0')
    {
      g_ptr_array_add (ctx->warnings,
                       g_strdup_printf ("field '%s': '%s' is not a count", field, text));
      return HUB_COUNT_NONE;
    }
  if (errno == ERANGE || value > (guint64) HUB_COUNT_MAX)
    {
      g_ptr_array_add (ctx->warnings,
                       g_strdup_printf ("field '%s': value %s out of range 0..2^53", field, text));
      return HUB_COUNT_NONE;
    }

  return (gint64) value;
}

/**
 * hub_import_context_period_add:
 * Checks one period-downloads row (texts as read, NULL = missing) and stores
 * it in the open batch; a bad row is rejected with @where and skipped.
 * @shift is subtracted from the date (the 30 days of a downloads_30d
 * column). The ids of models the store does not hold are collected in
 * @unknown (a set) for the report.
 */
gboolean
hub_import_context_period_add (HubImportContext  *ctx,
                               const char        *where,
                               const char        *model_id,
                               const char        *date,
                               const char        *downloads,
                               gint64             shift,
                               GHashTable        *unknown,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *message = NULL;
  gint64 start, value = 0;
  gboolean known;
  int rc;

  start = hub_time_parse_iso8601 (date);
  if (model_id == NULL || *model_id == '\0')
    message = g_strdup (_("field 'model_id': missing"));
  else if (!hub_model_id_is_valid (model_id) || strchr (model_id, '/') == NULL)
    message = g_strdup_printf (_("field 'model_id': '%s' is not a valid model id"), model_id);
  else if (date == NULL || *date == '\0')
    message = g_strdup (_("field 'date': missing"));
  else if (start == HUB_TIME_NONE)
    message = g_strdup_printf (_("field 'date': '%s' is not an ISO 8601 day"), date);
  else if (downloads == NULL || *downloads == '\0')
    message = g_strdup (_("field 'downloads': missing"));
  else
    {
      const char *p = downloads;
      char *end = NULL;
      guint64 v;

      while (*p == ' ')
        p++;
      errno = 0;
      v = g_ascii_strtoull (p, &end, 10);
      if (*p == '-' && g_ascii_isdigit (p[1]))
        message = g_strdup_printf (_("field 'downloads': %s is negative"), downloads);
      else if (!g_ascii_isdigit (*p) || end == NULL || *end != '\0')
        message = g_strdup_printf (_("field 'downloads': '%s' is not a number"), downloads);
      else if (errno == ERANGE || v > (guint64) HUB_COUNT_MAX)
        message = g_strdup_printf (_("field 'downloads': value %s out of range 0..2^53"), downloads);
      else
        value = (gint64) v;
    }

  if (message != NULL)
    {
      hub_import_context_reject (ctx, where, message);
      ctx->report->rows_rejected++;
      return TRUE;
    }

  if (!hub_import_context_step (ctx, error))
    return FALSE;

  stmt = hub_store_prepare (ctx->store, "SELECT 1 FROM models WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  known = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  stmt = hub_store_prepare (ctx->store,
                            "INSERT OR REPLACE INTO period_downloads (model_id, period_start, downloads, source)"
                            " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, start - shift);
  sqlite3_bind_int64 (stmt, 3, value);
  sqlite3_bind_text (stmt, 4, ctx->name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (ctx->store, rc, _("storing period downloads"), error);
      return FALSE;
    }

  ctx->pending_period_rows++;
  if (!known)
    {
      ctx->pending_period_unknown++;
      if (!g_hash_table_contains (unknown, model_id))
        {
          g_hash_table_add (unknown, g_strdup (model_id));
          g_ptr_array_add (ctx->report->unknown_models, g_strdup (model_id));
        }
    }
  return TRUE;
}

static gboolean
has_suffix_ci (const char *str,
               const char *suffix)
{
  gsize len = strlen (str), slen = strlen (suffix);

  return len >= slen && g_ascii_strcasecmp (str + len - slen, suffix) == 0;
}

/* A lower-case CSV header of period downloads: a model (model_id, id, or
 * organization and name), a date and a count. */
static gboolean
period_header_matches (const char *header)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  gboolean model_id = FALSE, org = FALSE, name = FALSE, date = FALSE, downloads = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *n = g_strstrip (names[i]);

      model_id |= strcmp (n, "model_id") == 0 || strcmp (n, "id") == 0;
      org |= strcmp (n, "organization") == 0;
      name |= strcmp (n, "name") == 0;
      date |= strcmp (n, "date") == 0 || strcmp (n, "period_start") == 0;
      downloads |= strcmp (n, "downloads") == 0 || strcmp (n, "downloads_30d") == 0;
    }
  return (model_id || (org && name)) && date && downloads;
}

HubImportFormat
hub_import_detect_format (const char   *name,
                          const guint8 *head,
                          gsize         head_len)
{
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  const char *p, *eol;
  g_autofree char *first_line = NULL;

  g_return_val_if_fail (head != NULL || head_len == 0, HUB_IMPORT_FORMAT_AUTO);

  if (head_len >= 4 && memcmp (head, "PAR1", 4) == 0)
    return HUB_IMPORT_FORMAT_PARQUET;

  base = g_strdup (name != NULL ? name : "");
  if (has_suffix_ci (base, ".gz"))
    base[strlen (base) - 3] = '\0';

  text = g_strndup ((const char *) head, head_len);
  p = text;
  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return HUB_IMPORT_FORMAT_AUTO;

  eol = strchr (p, '\n');
  first_line = eol != NULL ? g_strndup (p, eol - p) : g_strdup (p);
  g_strchomp (first_line);

  if (*p == '[')
    return HUB_IMPORT_FORMAT_JSON_ARRAY;

  if (*p == '{')
    {
      if (strstr (first_line, "\"captured_utc\"") != NULL)
        return HUB_IMPORT_FORMAT_TRENDING_CAPTURES;
      if (strstr (text, "\"fetched_at\"") != NULL && strstr (text, "\"models\"") != NULL)
        return HUB_IMPORT_FORMAT_DAILY_TOP;
      /* A period-downloads row: a date and a count, and no Hub entry fields. */
      if (strstr (first_line, "\"date\"") != NULL && strstr (first_line, "\"downloads") != NULL &&
          (strstr (first_line, "\"model_id\"") != NULL || strstr (first_line, "\"id\"") != NULL) &&
          strstr (first_line, "\"createdAt\"") == NULL)
        return HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS;
      if (has_suffix_ci (base, ".jsonl") || has_suffix_ci (base, ".ndjson"))
        return HUB_IMPORT_FORMAT_JSONL;
      /* A complete object on the first line, and more lines: JSONL. */
      if (g_str_has_suffix (first_line, "}") && eol != NULL)
        {
          const char *next = eol + 1;

          while (g_ascii_isspace (*next))
            next++;
          if (*next == '{')
            return HUB_IMPORT_FORMAT_JSONL;
        }
      return HUB_IMPORT_FORMAT_JSON_ARRAY;
    }

  /* CSV: told by its header. */
  {
    g_autofree char *header = g_ascii_strdown (first_line, -1);
    char *q;

    /* Quoted header names are allowed. */
    while ((q = strchr (header, '"')) != NULL)
      memmove (q, q + 1, strlen (q));

    /* The first column is enough: the reader names a missing one. */
    if (g_str_has_prefix (header, "captured_at,"))
      return HUB_IMPORT_FORMAT_HISTORY_CSV;
    if (g_str_has_prefix (header, "author,"))
      return HUB_IMPORT_FORMAT_AUTHORS_CSV;
    if (g_str_has_prefix (header, "date,institution,hf_account,model,"))
      return HUB_IMPORT_FORMAT_MONTHLY_CRAWL;

    if (hub_scores_header_matches (header))
      return HUB_IMPORT_FORMAT_SCORES;
    if (period_header_matches (header))
      return HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS;
  }

  return HUB_IMPORT_FORMAT_AUTO;
}

static gboolean
import_stream (HubImportContext  *ctx,
               GInputStream      *stream,
               const char        *name,
               HubImportFormat    format,
               GError           **error)
{
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *head;
  gsize head_len = 0;
  gboolean ok = FALSE;

  if (has_suffix_ci (name, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      plain = g_converter_input_stream_new (stream, G_CONVERTER (gunzip));
    }
  else
    plain = g_object_ref (stream);

  data = g_data_input_stream_new (plain);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), 64 * 1024);

  /* Fill enough to tell the format. */
  for (;;)
    {
      gssize n;

      head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (data), &head_len);
      if (head_len >= HEAD_SIZE)
        break;
      n = g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (data), HEAD_SIZE - head_len,
                                        ctx->cancellable, &local_error);
      if (n < 0)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("%s: could not be read: "), ctx->name);
          return FALSE;
        }
      if (n == 0)
        break;
    }
  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (data), &head_len);

  if (format == HUB_IMPORT_FORMAT_AUTO)
    format = hub_import_detect_format (name, head, head_len);

  if (format == HUB_IMPORT_FORMAT_AUTO)
    {
      gboolean empty = TRUE;

      for (gsize i = 0; i < head_len && empty; i++)
        empty = g_ascii_isspace (head[i]);

      if (empty)
        g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                     _("%s: the file is empty"), ctx->name);
      else
        g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                     _("%s: unknown format (expected a JSON array or object, JSONL, "
                       "a history CSV with captured_at,id,downloads,likes,trendingScore, "
                       "authors.csv, period downloads with model_id,date,downloads, "
                       "or measured scores with model_id,benchmark,score)"), ctx->name);
      return FALSE;
    }

  switch (format)
    {
    case HUB_IMPORT_FORMAT_JSON_ARRAY:
    case HUB_IMPORT_FORMAT_DAILY_TOP:
      ok = hub_import_json_document (ctx, G_INPUT_STREAM (data), format, &local_error);
      break;
    case HUB_IMPORT_FORMAT_JSONL:
      ok = hub_import_jsonl (ctx, data, &local_error);
      break;
    case HUB_IMPORT_FORMAT_TRENDING_CAPTURES:
      ok = hub_import_trending_captures (ctx, data, &local_error);
      break;
    case HUB_IMPORT_FORMAT_HISTORY_CSV:
      ok = hub_import_history_csv (ctx, G_INPUT_STREAM (data), &local_error);
      break;
    case HUB_IMPORT_FORMAT_AUTHORS_CSV:
      ok = hub_import_authors_csv (ctx, G_INPUT_STREAM (data), &local_error);
      break;
    case HUB_IMPORT_FORMAT_MONTHLY_CRAWL:
      ok = hub_import_monthly_crawl (ctx, G_INPUT_STREAM (data), &local_error);
      break;
    case HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS:
      {
        gsize i = 0;

        while (i < head_len && (g_ascii_isspace (head[i]) || head[i] == 0xef || head[i] == 0xbb || head[i] == 0xbf))
          i++;
        if (i < head_len && head[i] == '{')
          ok = hub_import_period_jsonl (ctx, data, &local_error);
        else
          ok = hub_import_period_csv (ctx, G_INPUT_STREAM (data), &local_error);
      }
      break;
    case HUB_IMPORT_FORMAT_SCORES:
      {
        g_autofree char *set = hub_score_set_name_for_file (ctx->name);
        HubScoreImportOptions options = { set, ctx->name, { NULL }, FALSE, NULL };
        HubScoreImportReport scores = { 0 };

        /* Read whole and stored in one transaction of its own. */
        ok = hub_scores_import (ctx->store, G_INPUT_STREAM (data), &options, &scores, ctx->cancellable,
                                &local_error);
        if (ok)
          {
            ctx->report->scores_written += scores.n_scores;
            g_ptr_array_add (ctx->report->notes,
                             g_strdup_printf (scores.replaced
                                              ? _("%s: replaced the score set “%s”: %u scores of %u models")
                                              : _("%s: stored the score set “%s”: %u scores of %u models"),
                                              ctx->name, set, scores.n_scores, scores.n_models));
          }
        else if (local_error->domain == HUB_INGEST_ERROR)
          g_prefix_error (&local_error, _("%s: nothing was stored: "), ctx->name);
        hub_score_import_report_clear (&scores);
      }
      break;
    case HUB_IMPORT_FORMAT_PARQUET:
      /* DuckDB reads a file by its path (hub_import_file()). */
      g_set_error (&local_error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: Parquet is read from local files only"), ctx->name);
      break;
    case HUB_IMPORT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }

  if (ok)
    ok = hub_import_context_finish (ctx, &local_error);

  if (!ok)
    {
      hub_import_context_abort (ctx);
      /* Read errors (a truncated .gz, ...) get the file's name; the readers'
       * own errors carry it already, cancellation stays plain. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                     _("%s: the file ends in the middle of its compressed data: it was cut short. "
                       "What was stored before the cut is kept (see the counts); "
                       "import the complete file for the rest"), ctx->name);
      else if (local_error->domain == G_IO_ERROR && local_error->code != G_IO_ERROR_CANCELLED)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("%s: could not be read: "), ctx->name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
hub_import_stream (HubStore         *store,
                   GInputStream     *stream,
                   const char       *name,
                   HubImportFormat   format,
                   HubImportReport  *report,
                   GCancellable     *cancellable,
                   GError          **error)
{
  HubImportContext ctx;
  gboolean ok;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hub_import_context_init (&ctx, store, report, name, cancellable);
  ok = import_stream (&ctx, stream, name, format, error);
  hub_import_context_clear (&ctx);

  return ok;
}

/* "FILE: could not be opened: why", in words rather than GIO's (which
 * name the file again). */
static void
set_open_error (GFile         *file,
                const GError  *cause,
                GError       **error)
{
  g_autofree char *display = g_file_get_parse_name (file);
  const char *why = cause->message;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    why = _("no such file");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    why = _("permission denied");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    why = _("it is a folder");
  g_set_error (error, cause->domain, cause->code, _("%s: could not be opened: %s"), display, why);
}

/* Opening a pipe or a device would wait for a writer, or read forever:
 * only regular files (and links to them) are imported. */
static gboolean
check_regular_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_file_get_parse_name (file);
  GFileType type;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      set_open_error (file, local_error, error);
      return FALSE;
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: could not be opened: %s"),
                   display, _("it is a folder"));
      return FALSE;
    }
  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("%s: could not be opened: %s"),
                   display, _("not a regular file (a pipe, a device or a socket)"));
      return FALSE;
    }
  return TRUE;
}

/* TRUE when @stream starts with Parquet's magic; rewinds it. */
static gboolean
starts_as_parquet (GFileInputStream *stream,
                   GCancellable     *cancellable)
{
  char head[4] = { 0, };
  gsize n = 0;
  gboolean parquet;

  parquet = g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, cancellable, NULL) &&
            n == sizeof head && memcmp (head, "PAR1", 4) == 0;
  g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, NULL);
  return parquet;
}

/**
 * hub_import_file:
 * Imports @file (see hub_import_stream()); Parquet files too. A JSON, JSONL
 * or Parquet dump writes its counts as a snapshot in series
 * "import:<file name>" captured at the file's modification time (Parquet:
 * see hub-import.h), so importing the same file again changes nothing.
 */
gboolean
hub_import_file (HubStore         *store,
                 GFile            *file,
                 HubImportFormat   format,
                 HubImportReport  *report,
                 GCancellable     *cancellable,
                 GError          **error)
{
  return hub_import_file_full (store, file, format, NULL, report, cancellable, error);
}

gboolean
hub_import_file_full (HubStore               *store,
                      GFile                  *file,
                      HubImportFormat         format,
                      const HubImportOptions *options,
                      HubImportReport        *report,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  HubImportContext ctx;
  gboolean ok;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_regular_file (file, cancellable, error))
    return FALSE;

  name = g_file_get_basename (file);
  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_open_error (file, local_error, error);
      return FALSE;
    }

  hub_import_context_init (&ctx, store, report, name, cancellable);

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_TIME_MODIFIED, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    ctx.captured_at = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  if (options != NULL && options->captured_at != HUB_TIME_NONE)
    {
      ctx.captured_at = options->captured_at;
      ctx.captured_at_given = TRUE;
    }
  if (options != NULL && options->series != NULL)
    {
      g_free (ctx.series);
      ctx.series = g_strdup (options->series);
    }

  if (format == HUB_IMPORT_FORMAT_PARQUET ||
      (format == HUB_IMPORT_FORMAT_AUTO &&
       (has_suffix_ci (name, ".parquet") || starts_as_parquet (stream, cancellable))))
    {
      g_autofree char *path = g_file_get_path (file);

      g_clear_object (&stream);
      if (path == NULL)
        {
          g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                       _("%s: Parquet is read from local files only"), ctx.name);
          ok = FALSE;
        }
      else
        {
          ok = hub_import_parquet (&ctx, path, &local_error);
          if (ok)
            ok = hub_import_context_finish (&ctx, &local_error);
          if (!ok)
            {
              hub_import_context_abort (&ctx);
              g_propagate_error (error, g_steal_pointer (&local_error));
            }
        }
    }
  else
    ok = import_stream (&ctx, G_INPUT_STREAM (stream), name, format, error);
  hub_import_context_clear (&ctx);

  return ok;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

typedef gboolean (*ReaderFunc) (HubImportContext *, GInputStream *, GError **);

/* Imports one file of the embedded dataset. */
static gboolean
import_embedded_file (HubStore         *store,
                      const char       *relative,
                      HubImportFormat   format,
                      ReaderFunc        reader,
                      HubImportReport  *report,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autofree char *path = g_strconcat (DATASET_PREFIX, relative, NULL);
  g_autoptr(GInputStream) stream = NULL;
  HubImportContext ctx;
  gboolean ok;

  stream = g_resource_open_stream (hub_dataset_get_resource (), path,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (stream == NULL)
    return FALSE;

  hub_import_context_init (&ctx, store, report, relative, cancellable);
  ctx.embedded = TRUE;

  if (reader != NULL)
    {
      ok = reader (&ctx, stream, error) && hub_import_context_finish (&ctx, error);
      if (!ok)
        hub_import_context_abort (&ctx);
    }
  else
    ok = import_stream (&ctx, stream, relative, format, error);

  hub_import_context_clear (&ctx);
  return ok;
}

/* Added in version 2 of the embedded dataset: the OSIR-LMTS monthly crawl
 * (after the catalogue, whose fields it never replaces). */
static gboolean
import_embedded_v2 (HubStore         *store,
                    HubImportReport  *report,
                    GCancellable     *cancellable,
                    GError          **error)
{
  return import_embedded_file (store, "osir-lmts/models-monthly.csv.gz", HUB_IMPORT_FORMAT_MONTHLY_CRAWL,
                               NULL, report, cancellable, error) &&
         hub_store_set_setting (store, SETTING_EMBEDDED, EMBEDDED_DONE_V2, error);
}

/* Added in version 3: the two measured score tables, as shipped score sets
 * (their own column names: MTEB's task and main_score). */
static gboolean
import_embedded_v3 (HubStore         *store,
                    HubImportReport  *report,
                    GCancellable     *cancellable,
                    GError          **error)
{
  /* EuroEval's table writes -1.0 for a task a model was not run on and
   * ranks such a model 100.0 (no model ranks above 4.9 otherwise). */
  static const char * const euroeval_missing[] = { "-1.0", "100.0", NULL };
  static const struct {
    const char         *file;
    const char         *name;
    const char         *source;
    const char * const *missing;
  } sets[] = {
    { "evals/mteb-english.csv", "mteb-english",
      "MTEB results (github.com/embeddings-benchmark/results, commit f4cc6c8b, 2026-08-20), CC0 1.0", NULL },
    { "evals/euroeval-english.csv", "euroeval-english",
      "EuroEval English leaderboard (github.com/EuroEval/leaderboards, commit 1a77f1d2, 2026-04-20), MIT",
      euroeval_missing },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *path = g_strconcat (DATASET_PREFIX, sets[i].file, NULL);
      g_autoptr(GInputStream) stream = NULL;
      HubScoreImportOptions options = { sets[i].name, sets[i].source, { NULL }, TRUE, sets[i].missing };
      HubScoreImportReport scores = { 0 };

      stream = g_resource_open_stream (hub_dataset_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (stream == NULL || !hub_scores_import (store, stream, &options, &scores, cancellable, error))
        return FALSE;
      g_ptr_array_add (report->notes,
                       g_strdup_printf (_("Score set “%s”: %u scores of %u models (%u not measured)"),
                                        sets[i].name, scores.n_scores, scores.n_models, scores.n_missing));
      hub_score_import_report_clear (&scores);
    }
  return hub_store_set_setting (store, SETTING_EMBEDDED, EMBEDDED_DONE_V3, error);
}

/**
 * hub_import_embedded:
 * Imports, in this order: the taxonomy, authors.csv, the trending captures,
 * the daily top lists (by date), hub-models.jsonl.gz and its history CSV,
 * then the OSIR-LMTS monthly crawl, then the score sets (MTEB, EuroEval).
 * Older observations go first so that each model keeps its newest fields.
 * hub-models.jsonl writes no snapshot of its own: the history CSV's last
 * export is the same observation. Safe to run again: stored snapshots are
 * skipped, interrupted ones completed.
 */
gboolean
hub_import_embedded (HubStore         *store,
                     HubImportReport  *report,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_auto(GStrv) daily = NULL;
  g_autoptr(GPtrArray) daily_sorted = g_ptr_array_new ();

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hub_store_set_setting (store, SETTING_EMBEDDED, "started", error))
    return FALSE;

  if (!import_embedded_file (store, "taxonomy/pipelines.json", HUB_IMPORT_FORMAT_AUTO,
                             hub_import_pipelines, report, cancellable, error) ||
      !import_embedded_file (store, "taxonomy/model_libraries.json", HUB_IMPORT_FORMAT_AUTO,
                             hub_import_libraries, report, cancellable, error) ||
      !import_embedded_file (store, "authors.csv", HUB_IMPORT_FORMAT_AUTHORS_CSV,
                             NULL, report, cancellable, error) ||
      !import_embedded_file (store, "trending-captures.jsonl", HUB_IMPORT_FORMAT_TRENDING_CAPTURES,
                             NULL, report, cancellable, error))
    return FALSE;

  daily = g_resource_enumerate_children (hub_dataset_get_resource (),
                                         DATASET_PREFIX "top-models-daily/",
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (daily == NULL)
    return FALSE;
  for (guint i = 0; daily[i] != NULL; i++)
    if (g_str_has_suffix (daily[i], ".json"))
      g_ptr_array_add (daily_sorted, daily[i]);
  g_ptr_array_sort (daily_sorted, compare_strings);

  for (guint i = 0; i < daily_sorted->len; i++)
    {
      g_autofree char *relative = g_strconcat ("top-models-daily/",
                                               (char *) g_ptr_array_index (daily_sorted, i), NULL);

      if (!import_embedded_file (store, relative, HUB_IMPORT_FORMAT_DAILY_TOP,
                                 NULL, report, cancellable, error))
        return FALSE;
    }

  if (!import_embedded_file (store, "hub-models.jsonl.gz", HUB_IMPORT_FORMAT_JSONL,
                             NULL, report, cancellable, error) ||
      !import_embedded_file (store, "hub-models-history.csv.gz", HUB_IMPORT_FORMAT_HISTORY_CSV,
                             NULL, report, cancellable, error))
    return FALSE;

  return import_embedded_v2 (store, report, cancellable, error) &&
         import_embedded_v3 (store, report, cancellable, error);
}

gboolean
hub_import_ensure_populated (HubStore         *store,
                             HubImportReport  *report,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  state = hub_store_get_setting (store, SETTING_EMBEDDED);
  /* Built by an earlier version: only what later ones added. */
  if (g_strcmp0 (state, EMBEDDED_DONE) == 0)
    return import_embedded_v2 (store, report, cancellable, error) &&
           import_embedded_v3 (store, report, cancellable, error);
  if (g_strcmp0 (state, EMBEDDED_DONE_V2) == 0)
    return import_embedded_v3 (store, report, cancellable, error);
  if (!hub_store_is_empty (store) && g_strcmp0 (state, "started") != 0)
    return TRUE;

  return hub_import_embedded (store, report, cancellable, error);
}
