/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV formats: the history export (captured_at,id,downloads,likes,
 * trendingScore), the monthly crawl (date,institution,hf_account,model,...)
 * and authors.csv. */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-csv.h"
#include "hub-import-private.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* Column positions by header name; -1 when absent. */
typedef struct {
  const char *name;
  int         index;
} Column;

/* Reads the header and finds @columns in it. FALSE with @error when the
 * header is unreadable or a required column (the first @n_required) is
 * missing. */
static gboolean
read_header (HubImportContext  *ctx,
             HubCsvReader      *reader,
             Column            *columns,
             guint              n_columns,
             guint              n_required,
             guint             *out_n_fields,
             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) header = NULL;
  guint line = 0;

  header = hub_csv_reader_next (reader, &line, ctx->cancellable, &local_error);
  if (header == NULL && local_error != NULL && local_error->domain != HUB_INGEST_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint c = 0; c < n_columns; c++)
    {
      columns[c].index = -1;
      for (guint i = 0; header != NULL && header[i] != NULL; i++)
        if (g_ascii_strcasecmp (g_strstrip (header[i]), columns[c].name) == 0)
          columns[c].index = i;
    }

  for (guint c = 0; c < n_required; c++)
    if (columns[c].index < 0)
      {
        g_autoptr(GString) expected = g_string_new (NULL);

        for (guint i = 0; i < n_columns; i++)
          g_string_append_printf (expected, "%s%s", i > 0 ? "," : "", columns[i].name);
        g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                     _("%s:1: expected a header %s (column '%s' is missing)"),
                     ctx->name, expected->str, columns[c].name);
        return FALSE;
      }

  *out_n_fields = header != NULL ? g_strv_length (header) : 0;
  return TRUE;
}

/* The next record with the header's number of fields. NULL at the end or on
 * a read error (@error set); a malformed record is rejected and skipped. */
static GStrv
next_record (HubImportContext  *ctx,
             HubCsvReader      *reader,
             guint              n_fields,
             char             **out_where,
             GError           **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) record = NULL;
      guint line = 0;

      record = hub_csv_reader_next (reader, &line, ctx->cancellable, &local_error);
      g_free (*out_where);
      *out_where = g_strdup_printf (":%u", line);

      if (record == NULL)
        {
          if (local_error == NULL)
            return NULL;
          if (local_error->domain != HUB_INGEST_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          hub_import_context_reject (ctx, *out_where, local_error->message);
          ctx->report->rows_rejected++;
          continue;
        }

      if (g_strv_length (record) != n_fields)
        {
          g_autofree char *message = g_strdup_printf (_("expected %u fields, got %u"),
                                                      n_fields, g_strv_length (record));

          hub_import_context_reject (ctx, *out_where, message);
          ctx->report->rows_rejected++;
          continue;
        }

      return g_steal_pointer (&record);
    }
}

static const char *
field_or_null (GStrv  record,
               Column column)
{
  if (column.index < 0 || record[column.index][0] == '\0')
    return NULL;
  return record[column.index];
}

enum {
  HISTORY_CAPTURED_AT,
  HISTORY_ID,
  HISTORY_DOWNLOADS,
  HISTORY_LIKES,
  HISTORY_TRENDING,
  N_HISTORY_COLUMNS
};

/**
 * hub_import_history_csv:
 * One snapshot per distinct captured_at, in series "radar-export", carrying
 * values forward (the export lists a model only when it changed). The rows
 * are stored for their ids whether or not the model itself is known.
 */
gboolean
hub_import_history_csv (HubImportContext  *ctx,
                        GInputStream      *stream,
                        GError           **error)
{
  g_autoptr(HubCsvReader) reader = hub_csv_reader_new (stream);
  Column columns[N_HISTORY_COLUMNS] = {
    { "captured_at", -1 }, { "id", -1 }, { "downloads", -1 }, { "likes", -1 },
    { "trendingScore", -1 },
  };
  g_autofree char *where = NULL;
  GError *local_error = NULL;
  guint n_fields;
  GStrv record;

  if (!read_header (ctx, reader, columns, N_HISTORY_COLUMNS, 2, &n_fields, error))
    return FALSE;

  while ((record = next_record (ctx, reader, n_fields, &where, &local_error)) != NULL)
    {
      g_auto(GStrv) owned = record;
      const char *when = field_or_null (record, columns[HISTORY_CAPTURED_AT]);
      const char *id = field_or_null (record, columns[HISTORY_ID]);
      gint64 captured_at = hub_time_parse_iso8601 (when);
      gint64 snapshot_id, downloads, likes, trending;
      gboolean skip = FALSE;

      if (captured_at == HUB_TIME_NONE)
        {
          g_autofree char *message = g_strdup_printf (_("field 'captured_at': '%s' is not an ISO 8601 date"),
                                                      when != NULL ? when : "");
          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }

      if (id == NULL || !hub_model_id_is_valid (id) || strchr (id, '/') == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("field 'id': '%s' is not a valid model id"),
                                                      id != NULL ? id : "");
          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }

      snapshot_id = hub_import_context_snapshot (ctx, HUB_SERIES_RADAR_EXPORT, captured_at, TRUE,
                                                 &skip, error);
      if (skip)
        {
          hub_import_context_row_stored_before (ctx, HUB_SERIES_RADAR_EXPORT, captured_at);
          continue;
        }
      if (snapshot_id == 0)
        return FALSE;

      downloads = hub_import_parse_count (ctx, field_or_null (record, columns[HISTORY_DOWNLOADS]),
                                          "downloads");
      likes = hub_import_parse_count (ctx, field_or_null (record, columns[HISTORY_LIKES]), "likes");
      trending = hub_import_parse_count (ctx, field_or_null (record, columns[HISTORY_TRENDING]),
                                         "trendingScore");
      hub_import_context_flush_warnings (ctx, where);

      if (!hub_import_context_snapshot_add (ctx, snapshot_id, id, downloads, HUB_COUNT_NONE,
                                            likes, trending, HUB_COUNT_NONE, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

enum {
  CRAWL_DATE,
  CRAWL_ACCOUNT,
  CRAWL_MODEL,
  CRAWL_DOWNLOADS,
  CRAWL_LIKES,
  N_CRAWL_COLUMNS
};

/**
 * hub_import_monthly_crawl:
 * The OSIR-LMTS crawl: one snapshot per date in series "osir-monthly", a row
 * per model (hf_account/model) with its downloads of the last month and
 * likes. Each model is stored with its id and author only, so that a newer
 * catalogue entry keeps its fields and a model the catalogue lacks still
 * takes part in shares by author, group, country or organization type.
 */
gboolean
hub_import_monthly_crawl (HubImportContext  *ctx,
                          GInputStream      *stream,
                          GError           **error)
{
  g_autoptr(HubCsvReader) reader = hub_csv_reader_new (stream);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Column columns[N_CRAWL_COLUMNS] = {
    { "date", -1 }, { "hf_account", -1 }, { "model", -1 }, { "downloads_last_month", -1 },
    { "likes", -1 },
  };
  g_autofree char *where = NULL;
  GError *local_error = NULL;
  guint n_fields;
  GStrv record;

  if (!read_header (ctx, reader, columns, N_CRAWL_COLUMNS, 4, &n_fields, error))
    return FALSE;

  while ((record = next_record (ctx, reader, n_fields, &where, &local_error)) != NULL)
    {
      g_auto(GStrv) owned = record;
      const char *when = field_or_null (record, columns[CRAWL_DATE]);
      const char *account = field_or_null (record, columns[CRAWL_ACCOUNT]);
      const char *model = field_or_null (record, columns[CRAWL_MODEL]);
      g_autofree char *id = account != NULL && model != NULL ? g_strconcat (account, "/", model, NULL) : NULL;
      gint64 captured_at = hub_time_parse_iso8601 (when);
      gint64 snapshot_id;
      gboolean skip = FALSE;

      if (captured_at == HUB_TIME_NONE)
        {
          g_autofree char *message = g_strdup_printf (_("field 'date': '%s' is not an ISO 8601 date"),
                                                      when != NULL ? when : "");
          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }
      if (id == NULL || !hub_model_id_is_valid (id) || strchr (model, '/') != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("fields 'hf_account' and 'model': '%s' is not a valid model id"),
                                                      id != NULL ? id : "");
          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }

      snapshot_id = hub_import_context_snapshot (ctx, HUB_SERIES_MONTHLY_CRAWL, captured_at, FALSE,
                                                 &skip, error);
      if (skip)
        {
          hub_import_context_row_stored_before (ctx, HUB_SERIES_MONTHLY_CRAWL, captured_at);
          continue;
        }
      if (snapshot_id == 0)
        return FALSE;

      if (!g_hash_table_contains (stored, id))
        {
          g_autoptr(HubModelEntry) entry = hub_model_entry_new ();

          entry->id = g_strdup (id);
          entry->author = g_strdup (account);
          if (!hub_import_context_upsert (ctx, entry, error))
            return FALSE;
          g_hash_table_add (stored, g_strdup (id));
        }

      {
        gint64 downloads = hub_import_parse_count (ctx, field_or_null (record, columns[CRAWL_DOWNLOADS]),
                                                   "downloads_last_month");
        gint64 likes = hub_import_parse_count (ctx, field_or_null (record, columns[CRAWL_LIKES]), "likes");

        hub_import_context_flush_warnings (ctx, where);
        if (!hub_import_context_snapshot_add (ctx, snapshot_id, id, downloads, HUB_COUNT_NONE,
                                              likes, HUB_COUNT_NONE, HUB_COUNT_NONE, error))
          return FALSE;
      }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

enum {
  AUTHOR_AUTHOR,
  AUTHOR_DISPLAY_NAME,
  AUTHOR_GROUP,
  AUTHOR_COUNTRY,
  AUTHOR_ORG_TYPE,
  AUTHOR_CONFIDENCE,
  AUTHOR_EVIDENCE,
  N_AUTHOR_COLUMNS
};

/* ISO 3166-1 alpha-2, as Debian's iso-codes 4.15 lists them (249 codes),
 * sorted for bsearch. */
static const char * const country_codes[] = {
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
  "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
  "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
  "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
  "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
  "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
  "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
  "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
  "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
  "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
  "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
  "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
  "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
  "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

static int
compare_code (const void *key,
              const void *element)
{
  return strcmp (key, *(const char * const *) element);
}

/* An authors.csv country: ISO 3166-1 alpha-2, or ONLINE for online
 * communities. */
static gboolean
country_is_known (const char *country)
{
  return strcmp (country, "ONLINE") == 0 ||
         bsearch (country, country_codes, G_N_ELEMENTS (country_codes), sizeof country_codes[0],
                  compare_code) != NULL;
}

static const char * const org_types[] = {
  "company", "university", "nonprofit", "community", "government", "user", NULL
};

/**
 * hub_import_authors_csv:
 * author,display_name,group,country,org_type,confidence,evidence; stored as
 * "shipped" rows, which never replace a user's own.
 */
gboolean
hub_import_authors_csv (HubImportContext  *ctx,
                        GInputStream      *stream,
                        GError           **error)
{
  g_autoptr(HubCsvReader) reader = hub_csv_reader_new (stream);
  Column columns[N_AUTHOR_COLUMNS] = {
    { "author", -1 }, { "display_name", -1 }, { "group", -1 }, { "country", -1 },
    { "org_type", -1 }, { "confidence", -1 }, { "evidence", -1 },
  };
  g_autofree char *where = NULL;
  GError *local_error = NULL;
  guint n_fields;
  GStrv record;

  if (!read_header (ctx, reader, columns, N_AUTHOR_COLUMNS, 1, &n_fields, error))
    return FALSE;

  while ((record = next_record (ctx, reader, n_fields, &where, &local_error)) != NULL)
    {
      g_auto(GStrv) owned = record;
      HubAuthorRow row = {
        .author = field_or_null (record, columns[AUTHOR_AUTHOR]),
        .display_name = field_or_null (record, columns[AUTHOR_DISPLAY_NAME]),
        .group = field_or_null (record, columns[AUTHOR_GROUP]),
        .country = field_or_null (record, columns[AUTHOR_COUNTRY]),
        .org_type = field_or_null (record, columns[AUTHOR_ORG_TYPE]),
        .confidence = field_or_null (record, columns[AUTHOR_CONFIDENCE]),
        .evidence = field_or_null (record, columns[AUTHOR_EVIDENCE]),
      };

      if (row.author == NULL || strchr (row.author, '/') != NULL)
        {
          hub_import_context_reject (ctx, where, _("field 'author': missing or not an account name"));
          ctx->report->rows_rejected++;
          continue;
        }
      if (row.country != NULL && !country_is_known (row.country))
        {
          g_autofree char *message = g_strdup_printf (_("field 'country': '%s' is not an ISO 3166 country code "
                                                        "(two capital letters, e.g. FR) or ONLINE"), row.country);
          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }
      if (row.org_type != NULL && !g_strv_contains (org_types, row.org_type))
        {
          g_autofree char *message = g_strdup_printf (_("field 'org_type': '%s' is not one of company, university, "
                                                        "nonprofit, community, government, user"), row.org_type);
          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }

      if (!hub_import_context_step (ctx, error) ||
          !hub_store_upsert_author (ctx->store, &row, "shipped", error))
        return FALSE;
      ctx->report->authors_written++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

enum {
  PERIOD_MODEL_ID,
  PERIOD_ID,
  PERIOD_ORGANIZATION,
  PERIOD_NAME,
  PERIOD_DATE,
  PERIOD_START,
  PERIOD_DOWNLOADS,
  PERIOD_DOWNLOADS_30D,
  PERIOD_REPO_TYPE,
  N_PERIOD_COLUMNS
};

#define DAYS_30 (30 * (gint64) 86400)

/**
 * hub_import_period_csv:
 * Period downloads as CSV, with the column mapping of hub-import.h.
 */
gboolean
hub_import_period_csv (HubImportContext  *ctx,
                       GInputStream      *stream,
                       GError           **error)
{
  g_autoptr(HubCsvReader) reader = hub_csv_reader_new (stream);
  g_autoptr(GHashTable) unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Column columns[N_PERIOD_COLUMNS] = {
    { "model_id", -1 }, { "id", -1 }, { "organization", -1 }, { "name", -1 },
    { "date", -1 }, { "period_start", -1 }, { "downloads", -1 }, { "downloads_30d", -1 },
    { "repo_type", -1 },
  };
  g_autofree char *where = NULL;
  GError *local_error = NULL;
  Column model, date, downloads;
  gboolean joined;
  gint64 shift;
  guint n_fields;
  GStrv record;

  if (!read_header (ctx, reader, columns, N_PERIOD_COLUMNS, 0, &n_fields, error))
    return FALSE;

  model = columns[PERIOD_MODEL_ID].index >= 0 ? columns[PERIOD_MODEL_ID] : columns[PERIOD_ID];
  joined = model.index < 0;
  date = columns[PERIOD_DATE].index >= 0 ? columns[PERIOD_DATE] : columns[PERIOD_START];
  downloads = columns[PERIOD_DOWNLOADS].index >= 0 ? columns[PERIOD_DOWNLOADS] : columns[PERIOD_DOWNLOADS_30D];
  shift = columns[PERIOD_DOWNLOADS].index < 0 ? DAYS_30 : 0;

  if ((joined && (columns[PERIOD_ORGANIZATION].index < 0 || columns[PERIOD_NAME].index < 0)) ||
      date.index < 0 || downloads.index < 0)
    {
      const char *missing = joined && (columns[PERIOD_ORGANIZATION].index < 0 || columns[PERIOD_NAME].index < 0)
                            ? "model_id" : date.index < 0 ? "date" : "downloads";

      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s:1: expected a header model_id,date,downloads (column '%s' is missing)"),
                   ctx->name, missing);
      return FALSE;
    }

  while ((record = next_record (ctx, reader, n_fields, &where, &local_error)) != NULL)
    {
      g_auto(GStrv) owned = record;
      g_autofree char *id = NULL;
      const char *repo_type = field_or_null (record, columns[PERIOD_REPO_TYPE]);

      if (columns[PERIOD_REPO_TYPE].index >= 0 && g_strcmp0 (repo_type, "model") != 0)
        {
          ctx->report->rows_skipped++;
          continue;
        }

      if (!joined)
        id = g_strdup (field_or_null (record, model));
      else if (field_or_null (record, columns[PERIOD_ORGANIZATION]) != NULL &&
               field_or_null (record, columns[PERIOD_NAME]) != NULL)
        id = g_strconcat (record[columns[PERIOD_ORGANIZATION].index], "/",
                          record[columns[PERIOD_NAME].index], NULL);

      if (!hub_import_context_period_add (ctx, where, id, field_or_null (record, date),
                                          field_or_null (record, downloads), shift, unknown, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
