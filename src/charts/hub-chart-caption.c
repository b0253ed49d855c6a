/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-chart-caption.h"
#include "hub-format.h"
#include "hub-share-query.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>

const char *
hub_chart_measure_label (HubQueryMeasure measure)
{
  switch (measure)
    {
    case HUB_QUERY_MEASURE_INTERVAL:
      return _("Downloads between snapshots");
    case HUB_QUERY_MEASURE_PERIOD:
      return _("Period downloads");
    case HUB_QUERY_MEASURE_LIKES:
      return _("Likes");
    case HUB_QUERY_MEASURE_DOWNLOADS_30D:
    case HUB_N_QUERY_MEASURES:
    default:
      return _("30-day downloads");
    }
}

const char *
hub_chart_by_label (HubQueryBy by)
{
  switch (by)
    {
    case HUB_QUERY_BY_MODEL: return _("model");
    case HUB_QUERY_BY_AUTHOR: return _("author");
    case HUB_QUERY_BY_GROUP: return _("developer");
    case HUB_QUERY_BY_COUNTRY: return _("country");
    case HUB_QUERY_BY_ORG_TYPE: return _("organization type");
    case HUB_QUERY_BY_MODALITY: return _("modality");
    case HUB_QUERY_BY_TASK: return _("task");
    case HUB_QUERY_BY_LIBRARY: return _("library");
    case HUB_QUERY_BY_RELATION: return _("relation");
    case HUB_QUERY_BY_LANGUAGE: return _("language");
    case HUB_QUERY_BY_NONE:
    case HUB_N_QUERY_BYS:
    default:
      return _("category");
    }
}

const char *
hub_chart_axis_label (HubQueryAxis axis)
{
  switch (axis)
    {
    case HUB_QUERY_AXIS_WEEK: return _("Week (ISO, from Monday)");
    case HUB_QUERY_AXIS_MONTH: return _("Month");
    case HUB_QUERY_AXIS_QUARTER: return _("Quarter");
    case HUB_QUERY_AXIS_YEAR: return _("Year");
    case HUB_QUERY_AXIS_COHORT: return _("Month the models were created");
    case HUB_QUERY_AXIS_SNAPSHOT:
    case HUB_N_QUERY_AXES:
    default:
      return _("Snapshot date (UTC)");
    }
}

HubTimeUnit
hub_chart_axis_time_unit (HubQueryAxis axis)
{
  switch (axis)
    {
    case HUB_QUERY_AXIS_WEEK: return HUB_TIME_UNIT_WEEK;
    case HUB_QUERY_AXIS_MONTH:
    case HUB_QUERY_AXIS_COHORT: return HUB_TIME_UNIT_MONTH;
    case HUB_QUERY_AXIS_QUARTER: return HUB_TIME_UNIT_QUARTER;
    case HUB_QUERY_AXIS_YEAR: return HUB_TIME_UNIT_YEAR;
    case HUB_QUERY_AXIS_SNAPSHOT:
    case HUB_N_QUERY_AXES:
    default:
      return HUB_TIME_UNIT_DAY;
    }
}

static const char *
by_plural (HubQueryBy by)
{
  switch (by)
    {
    case HUB_QUERY_BY_MODEL: return _("models");
    case HUB_QUERY_BY_AUTHOR: return _("authors");
    case HUB_QUERY_BY_GROUP: return _("developers");
    case HUB_QUERY_BY_COUNTRY: return _("countries");
    case HUB_QUERY_BY_ORG_TYPE: return _("organization types");
    case HUB_QUERY_BY_MODALITY: return _("modalities");
    case HUB_QUERY_BY_TASK: return _("tasks");
    case HUB_QUERY_BY_LIBRARY: return _("libraries");
    case HUB_QUERY_BY_RELATION: return _("relations");
    case HUB_QUERY_BY_LANGUAGE: return _("languages");
    case HUB_QUERY_BY_NONE:
    case HUB_N_QUERY_BYS:
    default:
      return _("categories");
    }
}

char *
hub_chart_title (const char     *kind,
                 const HubQuery *query,
                 HubQueryBy      by)
{
  g_autofree char *measure = NULL;
  HubQueryBy which;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  which = by != HUB_QUERY_BY_NONE ? by : query->by;
  measure = g_utf8_strdown (hub_chart_measure_label (query->measure), -1);
  if (g_str_equal (kind, "concentration"))
    /* TRANSLATORS: e.g. "Concentration of 30-day downloads across developers" */
    return g_strdup_printf (_("Concentration of %s across %s"), measure, by_plural (which));
  if (g_str_equal (kind, "leaderboard"))
    {
      g_autofree char *plural = g_strdup (by_plural (which));

      plural[0] = g_ascii_toupper (plural[0]);
      /* TRANSLATORS: e.g. "Developers with the most 30-day downloads" */
      return g_strdup_printf (_("%s with the most %s"), plural, measure);
    }
  if (query->within != HUB_QUERY_BY_NONE && query->within != which)
    /* TRANSLATORS: a two-level breakdown, e.g. "Share of 30-day downloads
     * by country, by organization type within each" */
    return g_strdup_printf (_("Share of %s by %s, by %s within each"), measure,
                            hub_chart_by_label (which), hub_chart_by_label (query->within));
  /* TRANSLATORS: e.g. "Share of 30-day downloads by developer" */
  return g_strdup_printf (_("Share of %s by %s"), measure, hub_chart_by_label (which));
}

static char *
format_day (gint64 t)
{
  g_autoptr(GDateTime) dt = t != HUB_TIME_NONE ? g_date_time_new_from_unix_utc (t) : NULL;

  return dt != NULL ? g_date_time_format (dt, "%-d %b %Y") : g_strdup ("?");
}

static void
append_filters (GString        *s,
                const HubQuery *q)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (q->task != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("task %s"), q->task));
  if (q->library != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("library %s"), q->library));
  if (q->country != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("country %s"), q->country));
  if (q->org_type != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("organization type %s"), q->org_type));
  if (q->relation != HUB_N_RELATIONS)
    g_ptr_array_add (parts, g_strdup_printf (_("relation %s"), hub_relation_to_string (q->relation)));
  if (q->created_from != HUB_TIME_NONE)
    {
      g_autofree char *d = format_day (q->created_from);
      g_ptr_array_add (parts, g_strdup_printf (_("created on or after %s"), d));
    }
  if (q->created_to != HUB_TIME_NONE)
    {
      g_autofree char *d = format_day (q->created_to);
      g_ptr_array_add (parts, g_strdup_printf (_("created before %s"), d));
    }
  if (q->min_params != HUB_COUNT_NONE)
    {
      g_autofree char *p = hub_ticks_format_si ((double) q->min_params);
      g_ptr_array_add (parts, g_strdup_printf (_("at least %s parameters"), p));
    }
  if (q->max_params != HUB_COUNT_NONE)
    {
      g_autofree char *p = hub_ticks_format_si ((double) q->max_params);
      g_ptr_array_add (parts, g_strdup_printf (_("at most %s parameters"), p));
    }
  if (parts->len == 0)
    return;
  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv ("; ", (char **) parts->pdata);

    g_string_append_printf (s, _(" Only models matching: %s."), joined);
  }
}

/* "7 on 13 Dec 2024, 13 on 14 Jan 2025 and 2 more dates" */
static char *
format_joins (const GArray *joins)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const guint shown = 3;

  for (guint i = 0; i < MIN (joins->len, shown); i++)
    {
      const HubFigureJoin *j = &g_array_index (joins, HubFigureJoin, i);
      g_autofree char *day = format_day (j->time);

      if (i > 0)
        g_string_append (s, ", ");
      /* TRANSLATORS: accounts that joined a series on a day, e.g. "+7 on 13 Dec 2024" */
      g_string_append_printf (s, _("+%u on %s"), j->accounts, day);
    }
  if (joins->len > shown)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u more date", " and %u more dates",
                                            joins->len - shown),
                            joins->len - shown);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* How dense the series is, how many models and accounts each snapshot
 * holds, when accounts joined, the constant panel and what was left out. */
static void
append_membership (GString                   *s,
                   const HubQuery            *query,
                   const HubFigureInfo *info)
{
  if (info->n_groups > 1 && info->last > info->first)
    {
      double days = (double) (info->last - info->first) / 86400.0 / (info->n_groups - 1);

      guint per_day = (guint) MIN (round (1.0 / MAX (days, 1e-6)), 1e6);

      if (days >= 1.5)
        g_string_append_printf (s, _(" About one snapshot every %.0f days."), days);
      else if (per_day <= 1)
        g_string_append (s, _(" About one snapshot a day."));
      else
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " About %u snapshot a day.",
                                                " About %u snapshots a day.", per_day),
                                per_day);
    }
  if (info->max_models > 0)
    {
      g_autofree char *min = hub_format_count (info->min_models);
      g_autofree char *max = hub_format_count (info->max_models);

      if (info->min_models == info->max_models)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                " Each snapshot holds %s model",
                                                " Each snapshot holds %s models", info->max_models),
                                max);
      else
        g_string_append_printf (s, _(" Each snapshot holds %s to %s models"), min, max);
      if (info->first_accounts == info->last_accounts)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " of %u account", " of %u accounts",
                                                info->n_accounts),
                                info->n_accounts);
      else
        g_string_append_printf (s, _(" of %u accounts at first and %u at last"),
                                info->first_accounts, info->last_accounts);
      g_string_append (s, _(": a sample the source chose, not the whole Hub."));
    }
  if (info->joins != NULL && info->joins->len > 0)
    {
      g_autofree char *joins = format_joins (info->joins);

      g_string_append_printf (s, _(" Accounts joined the series: %s;"), joins);
      if (info->n_constant == 0)
        g_string_append (s, query->constant_panel
                            ? _(" constant panel: no account is present in every snapshot, so nothing counts.")
                            : _(" shares move when they join (no account is present in every snapshot, so a "
                                "constant panel would be empty)."));
      else if (query->constant_panel)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                " constant panel: only the %u account present in every snapshot counts.",
                                                " constant panel: only the %u accounts present in every snapshot count.",
                                                info->n_constant),
                                info->n_constant);
      else
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                " shares move when they join (the constant panel keeps the %u account present throughout).",
                                                " shares move when they join (the constant panel keeps the %u accounts present throughout).",
                                                info->n_constant),
                                info->n_constant);
    }
  if (info->unknown_rows > 0)
    {
      g_autofree char *rows = hub_format_count ((gint64) info->unknown_rows);

      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                              " Left out: %s row of a model the catalogue does not hold.",
                                              " Left out: %s rows of models the catalogue does not hold.",
                                              info->unknown_rows),
                              rows);
    }
}

char *
hub_chart_caption (const HubQuery            *query,
                   const HubFigureInfo *info)
{
  GString *s = g_string_new (NULL);
  const char *by_label;

  g_return_val_if_fail (query != NULL, NULL);

  by_label = hub_chart_by_label (query->by);
  switch (query->measure)
    {
    case HUB_QUERY_MEASURE_INTERVAL:
      g_string_append (s, _("Downloads between consecutive snapshots (difference of all-time totals)"));
      break;
    case HUB_QUERY_MEASURE_PERIOD:
      g_string_append (s, _("Imported downloads per period"));
      break;
    case HUB_QUERY_MEASURE_LIKES:
      g_string_append (s, _("Likes at each snapshot"));
      break;
    case HUB_QUERY_MEASURE_DOWNLOADS_30D:
    case HUB_N_QUERY_MEASURES:
    default:
      g_string_append (s, _("Downloads in the 30 days before each snapshot as the Hub reports them (file requests, not usage)"));
      break;
    }
  g_string_append_printf (s, _(", grouped by %s"), by_label);
  if (query->top > 0 && hub_share_top_by_last (query))
    g_string_append_printf (s, _("; the %u largest at the last snapshot are shown, the rest summed as Other"), query->top);
  else if (query->top > 0)
    g_string_append_printf (s, _("; the %u largest over the whole range are shown, the rest summed as Other"), query->top);
  if (query->within != HUB_QUERY_BY_NONE)
    g_string_append_printf (s, _("; each broken down by %s"), hub_chart_by_label (query->within));
  g_string_append (s, ".");

  if (query->window_days > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                            " Only models created within %u day before each observation count.",
                                            " Only models created within %u days before each observation count.",
                                            query->window_days),
                            query->window_days);
  if (query->attribution == HUB_QUERY_ATTRIBUTION_ROOT)
    g_string_append (s, _(" Downloads of derivatives (fine-tunes, adapters, quantizations, merges) are credited to the root of their lineage."));
  else
    g_string_append (s, _(" Each model’s downloads are credited to the model itself."));
  if (query->attribution == HUB_QUERY_ATTRIBUTION_ROOT && query->missing_parent_own)
    g_string_append (s, _(" A model whose lineage reaches a parent missing from the data keeps its own downloads."));
  if (query->attribution == HUB_QUERY_ATTRIBUTION_ROOT && query->parent_order_card)
    g_string_append (s, _(" A model’s first parent is the first base model its card names."));
  if (query->individuals)
    g_string_append (s, _(" Accounts the authors list does not name count as individuals."));
  if (query->min_downloads > 0)
    {
      g_autofree char *count = hub_format_count (query->min_downloads);

      g_string_append_printf (s, _(" Models with fewer than %s known 30-day downloads are left out."), count);
    }
  append_filters (s, query);

  if (info != NULL)
    {
      if (info->n_groups > 0)
        {
          g_autofree char *first = format_day (info->first);
          g_autofree char *last = format_day (info->last);

          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                  " Data: series “%s”, %u snapshot from %s to %s.",
                                                  " Data: series “%s”, %u snapshots from %s to %s.",
                                                  info->n_groups),
                                  info->series != NULL ? info->series : "?", info->n_groups, first, last);
        }
      else
        g_string_append_printf (s, _(" Data: series “%s” has no snapshot."), info->series != NULL ? info->series : "?");
      append_membership (s, query, info);
      if (!isnan (info->country_coverage) && !isnan (info->org_type_coverage))
        {
          g_autofree char *cc = hub_ticks_format_percent (info->country_coverage, 1);
          g_autofree char *oc = hub_ticks_format_percent (info->org_type_coverage, 1);

          gboolean stock = query->measure == HUB_QUERY_MEASURE_DOWNLOADS_30D ||
                           query->measure == HUB_QUERY_MEASURE_LIKES;

          if (stock)
            g_string_append_printf (s, _(" Coverage at the last snapshot: the author’s country is known for %s of these downloads, the organization type for %s."),
                                    cc, oc);
          else
            g_string_append_printf (s, _(" Coverage over the range: the author’s country is known for %s of these downloads, the organization type for %s."),
                                    cc, oc);
        }
    }
  return g_string_free (s, FALSE);
}
