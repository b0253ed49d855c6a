/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-query"

#include "config.h"

#include "hub-query.h"

#include "hub-format.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (hub-query-error-quark, hub_query_error)

static const char * const by_names[HUB_N_QUERY_BYS] = {
  [HUB_QUERY_BY_NONE]     = "none",
  [HUB_QUERY_BY_MODEL]    = "model",
  [HUB_QUERY_BY_AUTHOR]   = "author",
  [HUB_QUERY_BY_GROUP]    = "group",
  [HUB_QUERY_BY_COUNTRY]  = "country",
  [HUB_QUERY_BY_ORG_TYPE] = "org_type",
  [HUB_QUERY_BY_MODALITY] = "modality",
  [HUB_QUERY_BY_TASK]     = "task",
  [HUB_QUERY_BY_LIBRARY]  = "library",
  [HUB_QUERY_BY_RELATION] = "relation",
  [HUB_QUERY_BY_LANGUAGE] = "language",
};

static const char * const axis_names[HUB_N_QUERY_AXES] = {
  [HUB_QUERY_AXIS_SNAPSHOT] = "snapshot",
  [HUB_QUERY_AXIS_WEEK]     = "week",
  [HUB_QUERY_AXIS_MONTH]    = "month",
  [HUB_QUERY_AXIS_QUARTER]  = "quarter",
  [HUB_QUERY_AXIS_YEAR]     = "year",
  [HUB_QUERY_AXIS_COHORT]   = "cohort",
};

static const char * const measure_names[HUB_N_QUERY_MEASURES] = {
  [HUB_QUERY_MEASURE_DOWNLOADS_30D] = "downloads30d",
  [HUB_QUERY_MEASURE_INTERVAL]      = "interval",
  [HUB_QUERY_MEASURE_PERIOD]        = "period",
  [HUB_QUERY_MEASURE_LIKES]         = "likes",
};

static const char * const attribution_names[HUB_N_QUERY_ATTRIBUTIONS] = {
  [HUB_QUERY_ATTRIBUTION_SELF] = "self",
  [HUB_QUERY_ATTRIBUTION_ROOT] = "root",
};

/* Canonical order of the text form. */
static const char * const query_keys[] = {
  "by", "within", "axis", "series", "panel", "measure", "window", "attribution", "top",
  "task", "library", "country", "org_type", "relation",
  "created_from", "created_to", "min_params", "max_params",
  "missing_parent", "individuals", "min_downloads", "parent_order", "exclude",
  NULL
};

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *out_index)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (str, names[i]) == 0)
      {
        *out_index = i;
        return TRUE;
      }
  return FALSE;
}

static char *
join_names (const char * const *names,
            guint               first,
            guint               n_names)
{
  GString *s = g_string_new (NULL);

  for (guint i = first; i < n_names; i++)
    {
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, names[i]);
    }
  return g_string_free (s, FALSE);
}

const char *
hub_query_by_to_string (HubQueryBy by)
{
  g_return_val_if_fail (by < HUB_N_QUERY_BYS, "none");
  return by_names[by];
}

gboolean
hub_query_by_from_string (const char *str,
                          HubQueryBy *out_by)
{
  guint i;

  /* The command line spells it "org-type"; the research and the leaderboard
   * call an authors.csv group a developer. */
  if (str != NULL && g_ascii_strcasecmp (str, "org-type") == 0)
    str = "org_type";
  else if (str != NULL && g_ascii_strcasecmp (str, "developer") == 0)
    str = "group";
  if (!lookup_name (by_names, HUB_N_QUERY_BYS, str, &i))
    return FALSE;
  *out_by = i;
  return TRUE;
}

const char *
hub_query_axis_to_string (HubQueryAxis axis)
{
  g_return_val_if_fail (axis < HUB_N_QUERY_AXES, "snapshot");
  return axis_names[axis];
}

gboolean
hub_query_axis_from_string (const char   *str,
                            HubQueryAxis *out_axis)
{
  guint i;

  if (!lookup_name (axis_names, HUB_N_QUERY_AXES, str, &i))
    return FALSE;
  *out_axis = i;
  return TRUE;
}

const char *
hub_query_measure_to_string (HubQueryMeasure measure)
{
  g_return_val_if_fail (measure < HUB_N_QUERY_MEASURES, "downloads30d");
  return measure_names[measure];
}

gboolean
hub_query_measure_from_string (const char      *str,
                               HubQueryMeasure *out_measure)
{
  guint i;

  if (!lookup_name (measure_names, HUB_N_QUERY_MEASURES, str, &i))
    return FALSE;
  *out_measure = i;
  return TRUE;
}

const char *
hub_query_attribution_to_string (HubQueryAttribution attribution)
{
  g_return_val_if_fail (attribution < HUB_N_QUERY_ATTRIBUTIONS, "self");
  return attribution_names[attribution];
}

gboolean
hub_query_attribution_from_string (const char          *str,
                                   HubQueryAttribution *out)
{
  guint i;

  if (!lookup_name (attribution_names, HUB_N_QUERY_ATTRIBUTIONS, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

char *
hub_query_window_to_string (guint window_days)
{
  if (window_days == 0)
    return g_strdup ("none");
  if (window_days == HUB_QUERY_WINDOW_6M)
    return g_strdup ("6m");
  if (window_days == HUB_QUERY_WINDOW_1Y)
    return g_strdup ("1y");
  return g_strdup_printf ("%ud", window_days);
}

/* A decimal integer without sign, spaces or trailing text. */
static gboolean
parse_uint (const char *str,
            guint64     max,
            guint64    *out)
{
  guint64 v;

  if (str == NULL || !g_ascii_isdigit (str[0]))
    return FALSE;
  if (!g_ascii_string_to_unsigned (str, 10, 0, max, &v, NULL))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
hub_query_window_from_string (const char *str,
                              guint      *out_days)
{
  gsize len;
  g_autofree char *digits = NULL;
  guint64 v;

  if (str == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (str, "none") == 0 || strcmp (str, "0") == 0)
    {
      *out_days = 0;
      return TRUE;
    }
  if (g_ascii_strcasecmp (str, "6m") == 0)
    {
      *out_days = HUB_QUERY_WINDOW_6M;
      return TRUE;
    }
  if (g_ascii_strcasecmp (str, "1y") == 0 || g_ascii_strcasecmp (str, "12m") == 0)
    {
      *out_days = HUB_QUERY_WINDOW_1Y;
      return TRUE;
    }

  len = strlen (str);
  if (len < 2 || (str[len - 1] != 'd' && str[len - 1] != 'D'))
    return FALSE;
  digits = g_strndup (str, len - 1);
  if (!parse_uint (digits, HUB_QUERY_WINDOW_MAX_DAYS, &v) || v == 0)
    return FALSE;
  *out_days = (guint) v;
  return TRUE;
}

void
hub_query_init (HubQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->by = HUB_QUERY_BY_AUTHOR;
  query->within = HUB_QUERY_BY_NONE;
  query->axis = HUB_QUERY_AXIS_SNAPSHOT;
  query->measure = HUB_QUERY_MEASURE_DOWNLOADS_30D;
  query->attribution = HUB_QUERY_ATTRIBUTION_SELF;
  query->relation = HUB_N_RELATIONS;
  query->created_from = HUB_TIME_NONE;
  query->created_to = HUB_TIME_NONE;
  query->min_params = HUB_COUNT_NONE;
  query->max_params = HUB_COUNT_NONE;
}

void
hub_query_clear (HubQuery *query)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->series, g_free);
  g_clear_pointer (&query->task, g_free);
  g_clear_pointer (&query->library, g_free);
  g_clear_pointer (&query->country, g_free);
  g_clear_pointer (&query->org_type, g_free);
  hub_query_init (query);
}

void
hub_query_copy (HubQuery       *dest,
                const HubQuery *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  if (dest == src)
    return;
  *dest = *src;
  dest->series = g_strdup (src->series);
  dest->task = g_strdup (src->task);
  dest->library = g_strdup (src->library);
  dest->country = g_strdup (src->country);
  dest->org_type = g_strdup (src->org_type);
}

gboolean
hub_query_equal (const HubQuery *a,
                 const HubQuery *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->by == b->by &&
         a->within == b->within &&
         a->axis == b->axis &&
         g_strcmp0 (a->series, b->series) == 0 &&
         a->constant_panel == b->constant_panel &&
         a->measure == b->measure &&
         a->window_days == b->window_days &&
         a->attribution == b->attribution &&
         a->top == b->top &&
         g_strcmp0 (a->task, b->task) == 0 &&
         g_strcmp0 (a->library, b->library) == 0 &&
         g_strcmp0 (a->country, b->country) == 0 &&
         g_strcmp0 (a->org_type, b->org_type) == 0 &&
         a->relation == b->relation &&
         a->created_from == b->created_from &&
         a->created_to == b->created_to &&
         a->min_params == b->min_params &&
         a->max_params == b->max_params &&
         a->missing_parent_own == b->missing_parent_own &&
         a->individuals == b->individuals &&
         a->min_downloads == b->min_downloads &&
         a->parent_order_card == b->parent_order_card &&
         a->exclude == b->exclude;
}

const char * const *
hub_query_list_keys (void)
{
  return query_keys;
}

static gboolean
bad_value (GError    **error,
           const char *key,
           const char *value,
           const char *expected)
{
  g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE,
               _("Bad value “%s” for “%s” (expected %s)"), value, key, expected);
  return FALSE;
}

static gboolean
set_string (char       **field,
            const char  *key,
            const char  *value,
            GError     **error)
{
  if (*value == '\0')
    return bad_value (error, key, value, _("a non-empty name"));
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* A choice between two words: @on sets @field, @off clears it. */
static gboolean
set_switch (gboolean    *field,
            const char  *key,
            const char  *value,
            const char  *off,
            const char  *on,
            GError     **error)
{
  if (g_strcmp0 (value, off) != 0 && g_strcmp0 (value, on) != 0)
    {
      g_autofree char *names = g_strdup_printf ("%s, %s", off, on);

      return bad_value (error, key, value, names);
    }
  *field = g_str_equal (value, on);
  return TRUE;
}

static gboolean
set_time (gint64      *field,
          const char  *key,
          const char  *value,
          GError     **error)
{
  gint64 t = hub_time_parse_iso8601 (value);

  if (t == HUB_TIME_NONE)
    return bad_value (error, key, value, _("a date like 2025-01-31"));
  *field = t;
  return TRUE;
}

gboolean
hub_query_set (HubQuery    *query,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_autofree char *norm_key = NULL;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Values end up in GSettings and messages, which take UTF-8 only. */
  if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (key, -1);

      g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE,
                   _("The query key “%s” or its value is not valid UTF-8 text"), shown);
      return FALSE;
    }

  norm_key = g_strdelimit (g_ascii_strdown (key, -1), "-", '_');

  if (strcmp (norm_key, "by") == 0 || strcmp (norm_key, "within") == 0)
    {
      HubQueryBy by;
      gboolean is_by = strcmp (norm_key, "by") == 0;

      if (!hub_query_by_from_string (value, &by) || (is_by && by == HUB_QUERY_BY_NONE))
        {
          g_autofree char *names = join_names (by_names, is_by ? 1 : 0, HUB_N_QUERY_BYS);

          /* Listed as the command line's help spells them (org-type); both spellings are read. */
          return bad_value (error, norm_key, value, g_strdelimit (names, "_", '-'));
        }
      if (is_by)
        query->by = by;
      else
        query->within = by;
      return TRUE;
    }
  if (strcmp (norm_key, "axis") == 0)
    {
      if (!hub_query_axis_from_string (value, &query->axis))
        {
          g_autofree char *names = join_names (axis_names, 0, HUB_N_QUERY_AXES);
          return bad_value (error, norm_key, value, names);
        }
      return TRUE;
    }
  if (strcmp (norm_key, "series") == 0)
    return set_string (&query->series, norm_key, value, error);
  if (strcmp (norm_key, "panel") == 0)
    return set_switch (&query->constant_panel, norm_key, value, "all", "constant", error);
  if (strcmp (norm_key, "measure") == 0)
    {
      if (!hub_query_measure_from_string (value, &query->measure))
        {
          g_autofree char *names = join_names (measure_names, 0, HUB_N_QUERY_MEASURES);
          return bad_value (error, norm_key, value, names);
        }
      return TRUE;
    }
  if (strcmp (norm_key, "window") == 0)
    {
      if (!hub_query_window_from_string (value, &query->window_days))
        return bad_value (error, norm_key, value, _("none, 6m, 1y or a number of days like 90d"));
      return TRUE;
    }
  if (strcmp (norm_key, "attribution") == 0)
    {
      if (!hub_query_attribution_from_string (value, &query->attribution))
        return bad_value (error, norm_key, value, "self, root");
      return TRUE;
    }
  if (strcmp (norm_key, "top") == 0)
    {
      guint64 v;

      if (!parse_uint (value, 1000000, &v))
        return bad_value (error, norm_key, value, _("a whole number from 0 (all) to 1000000"));
      query->top = (guint) v;
      return TRUE;
    }
  if (strcmp (norm_key, "task") == 0)
    return set_string (&query->task, norm_key, value, error);
  if (strcmp (norm_key, "library") == 0)
    return set_string (&query->library, norm_key, value, error);
  if (strcmp (norm_key, "country") == 0)
    return set_string (&query->country, norm_key, value, error);
  if (strcmp (norm_key, "org_type") == 0)
    return set_string (&query->org_type, norm_key, value, error);
  if (strcmp (norm_key, "relation") == 0)
    {
      if (g_ascii_strcasecmp (value, "any") == 0)
        query->relation = HUB_N_RELATIONS;
      else if (!hub_relation_from_string (value, &query->relation))
        return bad_value (error, norm_key, value, "any, base, finetune, adapter, quantized, merge, unknown");
      return TRUE;
    }
  if (strcmp (norm_key, "created_from") == 0)
    return set_time (&query->created_from, norm_key, value, error);
  if (strcmp (norm_key, "created_to") == 0)
    return set_time (&query->created_to, norm_key, value, error);
  if (strcmp (norm_key, "min_params") == 0 || strcmp (norm_key, "max_params") == 0)
    {
      gint64 v;

      if (!hub_parse_params (value, &v))
        return bad_value (error, norm_key, value, _("a parameter count like 7B, 500M or 1000000"));
      if (norm_key[1] == 'i')
        query->min_params = v;
      else
        query->max_params = v;
      return TRUE;
    }

  if (strcmp (norm_key, "missing_parent") == 0)
    return set_switch (&query->missing_parent_own, norm_key, value, "ancestor", "own", error);
  if (strcmp (norm_key, "individuals") == 0)
    return set_switch (&query->individuals, norm_key, value, "unknown", "category", error);
  if (strcmp (norm_key, "parent_order") == 0)
    return set_switch (&query->parent_order_card, norm_key, value, "relations", "card", error);
  if (strcmp (norm_key, "min_downloads") == 0)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (value, &end, 10);

      if (end == value || *end != '\0' || v < 0 || v > G_MAXINT64 / 2)
        return bad_value (error, norm_key, value, _("a number of downloads like 200"));
      query->min_downloads = v;
      return TRUE;
    }

  if (strcmp (norm_key, "exclude") == 0)
    {
      guint kinds;

      if (!hub_model_kinds_from_string (value, &kinds))
        return bad_value (error, norm_key, value, _("a list of gguf, mlx, quantized, embeddings and adapters"));
      query->exclude = kinds;
      return TRUE;
    }

  g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_UNKNOWN_KEY,
               _("Unknown query key “%s”"), key);
  return FALSE;
}

static void
append_part (GString    *s,
             const char *key,
             const char *value)
{
  if (s->len > 0)
    g_string_append_c (s, ';');
  g_string_append (s, key);
  g_string_append_c (s, '=');
  for (const char *p = value; *p; p++)
    {
      if (*p == '%' || *p == ';' || *p == '=' || g_ascii_isspace (*p))
        g_string_append_printf (s, "%%%02X", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
}

static void
append_time (GString    *s,
             const char *key,
             gint64      t)
{
  g_autofree char *iso = NULL;

  if (t == HUB_TIME_NONE)
    return;
  iso = hub_time_format_iso8601 (t);
  /* Midnight is written as a plain date. */
  if (iso != NULL && g_str_has_suffix (iso, "T00:00:00Z"))
    iso[10] = '\0';
  append_part (s, key, iso);
}

char *
hub_query_to_string (const HubQuery *query)
{
  GString *s;

  g_return_val_if_fail (query != NULL, NULL);

  s = g_string_new (NULL);
  append_part (s, "by", hub_query_by_to_string (query->by));
  if (query->within != HUB_QUERY_BY_NONE)
    append_part (s, "within", hub_query_by_to_string (query->within));
  append_part (s, "axis", hub_query_axis_to_string (query->axis));
  if (query->series != NULL)
    append_part (s, "series", query->series);
  if (query->constant_panel)
    append_part (s, "panel", "constant");
  if (query->measure != HUB_QUERY_MEASURE_DOWNLOADS_30D)
    append_part (s, "measure", hub_query_measure_to_string (query->measure));
  if (query->window_days != 0)
    {
      g_autofree char *w = hub_query_window_to_string (query->window_days);
      append_part (s, "window", w);
    }
  if (query->attribution != HUB_QUERY_ATTRIBUTION_SELF)
    append_part (s, "attribution", hub_query_attribution_to_string (query->attribution));
  if (query->top != 0)
    {
      char buf[32];
      g_snprintf (buf, sizeof buf, "%u", query->top);
      append_part (s, "top", buf);
    }
  if (query->task != NULL)
    append_part (s, "task", query->task);
  if (query->library != NULL)
    append_part (s, "library", query->library);
  if (query->country != NULL)
    append_part (s, "country", query->country);
  if (query->org_type != NULL)
    append_part (s, "org_type", query->org_type);
  if (query->relation != HUB_N_RELATIONS)
    append_part (s, "relation", hub_relation_to_string (query->relation));
  append_time (s, "created_from", query->created_from);
  append_time (s, "created_to", query->created_to);
  if (query->min_params != HUB_COUNT_NONE)
    {
      char buf[32];
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, query->min_params);
      append_part (s, "min_params", buf);
    }
  if (query->max_params != HUB_COUNT_NONE)
    {
      char buf[32];
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, query->max_params);
      append_part (s, "max_params", buf);
    }
  if (query->missing_parent_own)
    append_part (s, "missing_parent", "own");
  if (query->individuals)
    append_part (s, "individuals", "category");
  if (query->min_downloads > 0)
    {
      char buf[32];
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, query->min_downloads);
      append_part (s, "min_downloads", buf);
    }
  if (query->parent_order_card)
    append_part (s, "parent_order", "card");
  if (query->exclude != 0)
    {
      g_autofree char *kinds = hub_model_kinds_to_string (query->exclude);
      append_part (s, "exclude", kinds);
    }
  return g_string_free (s, FALSE);
}

/* Undoes the %-escapes of append_part(); NULL on a broken escape. */
static char *
unescape (const char *str)
{
  GString *s = g_string_new (NULL);

  for (const char *p = str; *p; p++)
    {
      if (*p == '%')
        {
          int hi = g_ascii_xdigit_value (p[1]);
          int lo = hi < 0 ? -1 : g_ascii_xdigit_value (p[2]);

          if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            {
              g_string_free (s, TRUE);
              return NULL;
            }
          g_string_append_c (s, (char) (hi * 16 + lo));
          p += 2;
        }
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

gboolean
hub_query_parse (HubQuery    *query,
                 const char  *text,
                 GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hub_query_init (query);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_SYNTAX,
                   _("The query text is not valid UTF-8 text"));
      return FALSE;
    }
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parts = g_strsplit (text, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      char *eq;

      /* Empty parts ("a=b;;c=d", a trailing ";") are tolerated. */
      if (*part == '\0')
        continue;

      eq = strchr (part, '=');
      if (eq == NULL)
        {
          g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_SYNTAX,
                       _("Query part “%s” is not of the form key=value"), part);
          goto fail;
        }
      {
        g_autofree char *raw_key = g_strndup (part, eq - part);
        key = g_ascii_strdown (g_strstrip (raw_key), -1);
      }
      value = unescape (eq + 1);
      if (value == NULL)
        {
          g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE,
                       _("Bad escape in the value of “%s”: “%s”"), key, eq + 1);
          goto fail;
        }
      g_strstrip (value);
      g_strdelimit (key, "-", '_');
      if (g_hash_table_contains (seen, key))
        {
          g_set_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_DUPLICATE_KEY,
                       _("Query key “%s” is given twice"), key);
          goto fail;
        }
      if (!hub_query_set (query, key, value, error))
        goto fail;
      g_hash_table_add (seen, g_steal_pointer (&key));
    }
  return TRUE;

fail:
  hub_query_clear (query);
  return FALSE;
}

void
hub_query_get_filter (const HubQuery *query,
                      HubListQuery   *out)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (out != NULL);

  out->task = query->task;
  out->library = query->library;
  out->country = query->country;
  out->org_type = query->org_type;
  out->relation = query->relation;
  out->created_from = query->created_from;
  out->created_to = query->created_to;
  out->min_params = query->min_params;
  out->max_params = query->max_params;
  out->min_downloads = query->min_downloads;
  out->individuals = query->individuals;
  out->exclude = query->exclude;
}

guint8 *
hub_query_model_mask (const HubQuery *query,
                      HubDataset     *dataset)
{
  HubListQuery filter;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  hub_list_query_init (&filter);
  hub_query_get_filter (query, &filter);
  return hub_list_query_mask (&filter, dataset, NULL);
}

gboolean
hub_query_is_filter_only (const HubQuery *query)
{
  HubQuery defaults;
  HubQuery other;
  gboolean only;

  g_return_val_if_fail (query != NULL, FALSE);

  /* @query with its filters taken out, against the defaults. */
  hub_query_init (&defaults);
  hub_query_copy (&other, query);
  g_clear_pointer (&other.task, g_free);
  g_clear_pointer (&other.library, g_free);
  g_clear_pointer (&other.country, g_free);
  g_clear_pointer (&other.org_type, g_free);
  other.relation = defaults.relation;
  other.created_from = defaults.created_from;
  other.created_to = defaults.created_to;
  other.min_params = defaults.min_params;
  other.max_params = defaults.max_params;
  other.min_downloads = defaults.min_downloads;
  other.individuals = defaults.individuals;
  other.exclude = defaults.exclude;
  only = hub_query_equal (&other, &defaults);
  hub_query_clear (&other);
  hub_query_clear (&defaults);
  return only;
}
