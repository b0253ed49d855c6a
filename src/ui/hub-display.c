/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-display.h"
#include "hub-category-names.h"

#include <glib/gi18n.h>

#include "hub-format.h"

/**
 * hub_display_count:
 * @value: a count, or %HUB_COUNT_NONE
 *
 * Returns: (transfer full): @value with the locale's digit grouping, or "—".
 */
char *
hub_display_count (gint64 value)
{
  char *text = hub_format_count (value);

  return text != NULL ? text : g_strdup (HUB_DISPLAY_UNKNOWN);
}

/**
 * hub_display_parameters:
 * @value: a parameter count, or %HUB_COUNT_NONE
 *
 * Returns: (transfer full): @value in human units ("7.6B"), or "—".
 */
char *
hub_display_parameters (gint64 value)
{
  char *text = hub_format_params (value);

  return text != NULL ? text : g_strdup (HUB_DISPLAY_UNKNOWN);
}

/**
 * hub_display_ratio:
 * @ratio: a ratio, negative when unknown
 *
 * Returns: (transfer full): @ratio as a percentage.
 */
char *
hub_display_ratio (double ratio)
{
  if (ratio < 0)
    return g_strdup (HUB_DISPLAY_UNKNOWN);
  /* Translators: a percentage, e.g. "12.3%" */
  return g_strdup_printf (_("%.1f%%"), ratio * 100.0);
}

/**
 * hub_display_date:
 * @t: Unix seconds, or %HUB_TIME_NONE
 *
 * Returns: (transfer full): the date of @t (UTC) for display.
 */
char *
hub_display_date (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == HUB_TIME_NONE)
    return g_strdup (HUB_DISPLAY_UNKNOWN);

  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return g_strdup (HUB_DISPLAY_UNKNOWN);

  if (t == HUB_CREATED_AT_FLOOR)
    /* Translators: the Hub gave every repository created before it stored
     * creation dates the same date; strftime format of its month and year. */
    return g_date_time_format (dt, _("%b %Y or earlier"));

  /* Translators: a date, strftime format (see g_date_time_format) */
  return g_date_time_format (dt, _("%b %-d, %Y"));
}

/**
 * hub_display_storage:
 * @bytes: a size, or %HUB_COUNT_NONE
 *
 * Returns: (transfer full): @bytes in human units.
 */
char *
hub_display_storage (gint64 bytes)
{
  if (bytes < 0)
    return g_strdup (HUB_DISPLAY_UNKNOWN);
  return g_format_size ((guint64) bytes);
}

/**
 * hub_display_org_type:
 * @org_type: (nullable): an organization type id of authors.csv
 *
 * Returns: (transfer none): its name (hub_org_type_name()), "—" for none.
 */
const char *
hub_display_org_type (const char *org_type)
{
  const char *name = hub_org_type_name (org_type);

  return name != NULL ? name : HUB_DISPLAY_UNKNOWN;
}

/**
 * hub_display_country:
 * @country: (nullable): an ISO 3166 alpha-2 code or "ONLINE"
 *
 * Returns: (transfer none): its name (hub_country_name()), "—" for none.
 */
const char *
hub_display_country (const char *country)
{
  const char *name = hub_country_name (country);

  return name != NULL ? name : HUB_DISPLAY_UNKNOWN;
}

/**
 * hub_display_relation:
 * @relation: how a model descends from its parent
 *
 * Returns: (transfer none): the relation for display.
 */
const char *
hub_display_relation (HubRelation relation)
{
  switch (relation)
    {
    case HUB_RELATION_FINETUNE:
      return _("Fine-tune");
    case HUB_RELATION_ADAPTER:
      return _("Adapter");
    case HUB_RELATION_QUANTIZED:
      return _("Quantized");
    case HUB_RELATION_MERGE:
      return _("Merge");
    case HUB_RELATION_NONE:
      return _("Base model");
    case HUB_RELATION_UNKNOWN:
    case HUB_N_RELATIONS:
    default:
      return _("Unknown relation");
    }
}

/**
 * hub_display_relation_plural:
 * @relation: a relation
 *
 * Returns: (transfer none): a plural noun for derived models of @relation.
 */
const char *
hub_display_relation_plural (HubRelation relation)
{
  switch (relation)
    {
    case HUB_RELATION_FINETUNE:
      return _("Fine-tunes");
    case HUB_RELATION_ADAPTER:
      return _("Adapters");
    case HUB_RELATION_QUANTIZED:
      return _("Quantizations");
    case HUB_RELATION_MERGE:
      return _("Merges");
    case HUB_RELATION_NONE:
    case HUB_RELATION_UNKNOWN:
    case HUB_N_RELATIONS:
    default:
      return _("Other derivatives");
    }
}

/**
 * hub_display_param_source:
 * @source: where a parameter count comes from
 *
 * Returns: (transfer none): a short sentence for display.
 */
const char *
hub_display_param_source (HubParamSource source)
{
  switch (source)
    {
    case HUB_PARAM_SOURCE_SAFETENSORS:
      return _("Safetensors metadata");
    case HUB_PARAM_SOURCE_GGUF:
      return _("GGUF metadata");
    case HUB_PARAM_SOURCE_BASE_MODEL:
      return _("Base model’s count");
    case HUB_PARAM_SOURCE_ESTIMATED:
      return _("Estimated from storage");
    case HUB_PARAM_SOURCE_UNKNOWN:
    case HUB_N_PARAM_SOURCES:
    default:
      return _("Not reported");
    }
}
