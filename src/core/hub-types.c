/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-types.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char * const relation_names[HUB_N_RELATIONS] = {
  [HUB_RELATION_UNKNOWN]   = "unknown",
  [HUB_RELATION_FINETUNE]  = "finetune",
  [HUB_RELATION_ADAPTER]   = "adapter",
  [HUB_RELATION_QUANTIZED] = "quantized",
  [HUB_RELATION_MERGE]     = "merge",
  [HUB_RELATION_NONE]      = "base",
};

static const struct {
  const char  *name;
  HubRelation  relation;
} relation_aliases[] = {
  { "finetuned", HUB_RELATION_FINETUNE },
  { "fine-tune", HUB_RELATION_FINETUNE },
  { "quantization", HUB_RELATION_QUANTIZED },
  { "quantised", HUB_RELATION_QUANTIZED },
  { "merged", HUB_RELATION_MERGE },
  { "merges", HUB_RELATION_MERGE },
  { "adapters", HUB_RELATION_ADAPTER },
};

const char *
hub_relation_to_string (HubRelation relation)
{
  g_return_val_if_fail (relation < HUB_N_RELATIONS, "unknown");
  return relation_names[relation];
}

gboolean
hub_relation_from_string (const char  *str,
                          HubRelation *out_relation)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < HUB_N_RELATIONS; i++)
    if (g_ascii_strcasecmp (str, relation_names[i]) == 0)
      {
        *out_relation = i;
        return TRUE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (relation_aliases); i++)
    if (g_ascii_strcasecmp (str, relation_aliases[i].name) == 0)
      {
        *out_relation = relation_aliases[i].relation;
        return TRUE;
      }

  return FALSE;
}

static const char * const param_source_names[HUB_N_PARAM_SOURCES] = {
  [HUB_PARAM_SOURCE_UNKNOWN]     = "unknown",
  [HUB_PARAM_SOURCE_SAFETENSORS] = "safetensors",
  [HUB_PARAM_SOURCE_GGUF]        = "gguf",
  [HUB_PARAM_SOURCE_BASE_MODEL]  = "base_model",
  [HUB_PARAM_SOURCE_ESTIMATED]   = "estimated",
};

const char *
hub_param_source_to_string (HubParamSource source)
{
  g_return_val_if_fail (source < HUB_N_PARAM_SOURCES, "unknown");
  return param_source_names[source];
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
hub_median (double *values,
            guint   n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

gboolean
hub_name_lookup (const char * const *names,
                 guint               n_names,
                 const char         *str,
                 guint              *out_index)
{
  for (guint i = 0; str != NULL && i < n_names; i++)
    if (strcmp (str, names[i]) == 0)
      {
        *out_index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
hub_param_source_from_string (const char     *str,
                              HubParamSource *out_source)
{
  guint i;

  if (!hub_name_lookup (param_source_names, HUB_N_PARAM_SOURCES, str, &i))
    return FALSE;
  *out_source = i;
  return TRUE;
}

gint64
hub_time_parse_iso8601 (const char *str)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (str == NULL || *str == '\0')
    return HUB_TIME_NONE;

  utc = g_time_zone_new_utc ();

  /* A plain day ("2026-08-22") means its midnight, UTC. */
  if (strlen (str) == 10 && str[4] == '-' && str[7] == '-')
    {
      g_autofree char *full = g_strconcat (str, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  else
    dt = g_date_time_new_from_iso8601 (str, utc);

  if (dt == NULL)
    return HUB_TIME_NONE;

  return g_date_time_to_unix (dt);
}

char *
hub_time_format_iso8601 (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == HUB_TIME_NONE)
    return NULL;

  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return NULL;

  /* Four digits for the year, as ISO 8601 and the parser want: GLib's %Y
   * writes the year 24 as "24" (found by fuzz-query: created_from=0024-01-01
   * printed as a date that does not parse). */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt));
}

static gboolean
id_part_is_valid (const char *part,
                  gsize       len)
{
  if (len == 0 || len > 96)
    return FALSE;

  /* The Hub refuses names that start or end with '.' or '-', and "..". */
  if (part[0] == '.' || part[0] == '-' || part[len - 1] == '.' || part[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = part[i];

      if (!(g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.'))
        return FALSE;
      if (c == '.' && i + 1 < len && part[i + 1] == '.')
        return FALSE;
    }

  return TRUE;
}

gboolean
hub_model_id_is_valid (const char *id)
{
  const char *slash;

  if (id == NULL)
    return FALSE;

  slash = strchr (id, '/');
  if (slash == NULL)
    /* Legacy canonical models (gpt2, bert-base-uncased, t5-small, ...). */
    return id_part_is_valid (id, strlen (id));

  if (strchr (slash + 1, '/') != NULL)
    return FALSE;

  return id_part_is_valid (id, slash - id) &&
         id_part_is_valid (slash + 1, strlen (slash + 1));
}

static const char * const model_kind_names[HUB_N_MODEL_KINDS] = {
  "gguf", "mlx", "quantized", "embeddings", "adapters",
};

char *
hub_model_kinds_to_string (guint kinds)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < HUB_N_MODEL_KINDS; i++)
    if (kinds & (1u << i))
      g_string_append_printf (s, "%s%s", s->len > 0 ? "," : "", model_kind_names[i]);
  return g_string_free (s, FALSE);
}

gboolean
hub_model_kinds_from_string (const char *str,
                             guint      *out_kinds)
{
  g_auto(GStrv) parts = NULL;
  guint kinds = 0;

  g_return_val_if_fail (out_kinds != NULL, FALSE);
  *out_kinds = 0;
  if (str == NULL)
    return FALSE;
  if (*str == '\0' || strcmp (str, "none") == 0)
    return TRUE;
  parts = g_strsplit (str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint k;

      if (!hub_name_lookup (model_kind_names, HUB_N_MODEL_KINDS, g_strstrip (parts[i]), &k))
        return FALSE;
      kinds |= 1u << k;
    }
  *out_kinds = kinds;
  return TRUE;
}

guint
hub_model_kinds_of (const char  *library,
                    const char  *task,
                    HubRelation  relation)
{
  guint kinds = 0;

  if (g_strcmp0 (library, "gguf") == 0)
    kinds |= HUB_MODEL_KIND_GGUF;
  if (g_strcmp0 (library, "mlx") == 0)
    kinds |= HUB_MODEL_KIND_MLX;
  if (relation == HUB_RELATION_QUANTIZED)
    kinds |= HUB_MODEL_KIND_QUANTIZED;
  if (g_strcmp0 (task, "sentence-similarity") == 0 || g_strcmp0 (task, "feature-extraction") == 0 ||
      g_strcmp0 (library, "sentence-transformers") == 0)
    kinds |= HUB_MODEL_KIND_EMBEDDINGS;
  if (relation == HUB_RELATION_ADAPTER || g_strcmp0 (library, "peft") == 0)
    kinds |= HUB_MODEL_KIND_ADAPTERS;
  return kinds;
}
