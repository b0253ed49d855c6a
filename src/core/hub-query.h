/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hub-list-query.h"
#include "hub-types.h"

G_BEGIN_DECLS

#define HUB_QUERY_ERROR (hub_query_error_quark ())

typedef enum {
  HUB_QUERY_ERROR_SYNTAX,       /* a part without "=" */
  HUB_QUERY_ERROR_UNKNOWN_KEY,
  HUB_QUERY_ERROR_BAD_VALUE,
  HUB_QUERY_ERROR_DUPLICATE_KEY,
} HubQueryError;

GQuark hub_query_error_quark (void);

/**
 * HubQueryBy:
 * What downloads are grouped by. %HUB_QUERY_BY_NONE is only valid for the
 * second level (`within`).
 */
typedef enum {
  HUB_QUERY_BY_NONE = 0,
  HUB_QUERY_BY_MODEL,
  HUB_QUERY_BY_AUTHOR,
  HUB_QUERY_BY_GROUP,     /* authors.csv merges the accounts of one developer */
  HUB_QUERY_BY_COUNTRY,
  HUB_QUERY_BY_ORG_TYPE,
  HUB_QUERY_BY_MODALITY,  /* task -> modality from the taxonomy */
  HUB_QUERY_BY_TASK,
  HUB_QUERY_BY_LIBRARY,
  HUB_QUERY_BY_RELATION,
  HUB_QUERY_BY_LANGUAGE,  /* from language tags */
  HUB_N_QUERY_BYS
} HubQueryBy;

/**
 * HubQueryAxis:
 * The periods of the result. %HUB_QUERY_AXIS_COHORT groups by the month a
 * model was created instead of the time of the observation.
 */
typedef enum {
  HUB_QUERY_AXIS_SNAPSHOT = 0,
  HUB_QUERY_AXIS_WEEK,      /* ISO weeks, Monday 00:00 UTC */
  HUB_QUERY_AXIS_MONTH,
  HUB_QUERY_AXIS_QUARTER,
  HUB_QUERY_AXIS_YEAR,
  HUB_QUERY_AXIS_COHORT,
  HUB_N_QUERY_AXES
} HubQueryAxis;

/**
 * HubQueryMeasure:
 * @HUB_QUERY_MEASURE_DOWNLOADS_30D: the 30-day downloads as observed at a
 *   snapshot (a stock: a period takes the last snapshot inside it)
 * @HUB_QUERY_MEASURE_INTERVAL: downloads between two snapshots of the series
 *   (difference of all-time totals; a flow: summed over a period)
 * @HUB_QUERY_MEASURE_PERIOD: imported period downloads (a flow)
 * @HUB_QUERY_MEASURE_LIKES: likes as observed (a stock)
 */
typedef enum {
  HUB_QUERY_MEASURE_DOWNLOADS_30D = 0,
  HUB_QUERY_MEASURE_INTERVAL,
  HUB_QUERY_MEASURE_PERIOD,
  HUB_QUERY_MEASURE_LIKES,
  HUB_N_QUERY_MEASURES
} HubQueryMeasure;

typedef enum {
  HUB_QUERY_ATTRIBUTION_SELF = 0,
  HUB_QUERY_ATTRIBUTION_ROOT,
  HUB_N_QUERY_ATTRIBUTIONS
} HubQueryAttribution;

/* The named windows of the text form ("6m", "1y"), in days. */
#define HUB_QUERY_WINDOW_6M 183
#define HUB_QUERY_WINDOW_1Y 365
#define HUB_QUERY_WINDOW_MAX_DAYS 36500

/**
 * HubQuery:
 * One analytics question, shared by the GUI, the command line and chart
 * export: filters + group-by + time axis + measure + window + attribution +
 * top-N. NULL strings, HUB_TIME_NONE times, HUB_COUNT_NONE sizes and
 * @relation = HUB_N_RELATIONS mean "any".
 *
 * @window_days: 0 = no window; else a download at time t counts only when
 *   the model was created after t - @window_days days.
 * @top: 0 = every category; else the @top largest over the whole range and
 *   the rest summed as "Other".
 * @created_from, @created_to: creation range, from inclusive, to exclusive.
 * @min_params, @max_params: parameter-count range, both inclusive.
 * @constant_panel: count only the models of authors that the series
 *   observes in every one of its snapshots (text form `panel=constant`;
 *   default `panel=all`), for series whose membership grows (HubPanel).
 *
 * The counting choices of the paper "Economies of Open Intelligence",
 * each defaulting to HubEco's:
 * @missing_parent_own: under root attribution, a model whose lineage
 *   reaches a parent missing from the data keeps its own credit
 *   (`missing_parent=own`) instead of going to the last ancestor reached
 *   (`missing_parent=ancestor`);
 * @individuals: an account authors.csv does not list counts as an
 *   individual (organization type "user") (`individuals=category`)
 *   instead of Unknown (`individuals=unknown`);
 * @min_downloads: models whose 30-day downloads as last seen are known
 *   and under this many are left out (`min_downloads=N`; 0: none);
 * @parent_order_card: under root attribution, a model's first parent is
 *   the first base model its card names (`parent_order=card`) instead of
 *   the first of the Hub's relations (`parent_order=relations`);
 * @exclude: HubModelKind flags: the models of those kinds are left out
 *   (`exclude=gguf,mlx,quantized,embeddings,adapters`, as the ATOM project
 *   counts; default none, as the paper does).
 */
typedef struct {
  HubQueryBy           by;
  HubQueryBy           within;
  HubQueryAxis         axis;
  char                *series;
  gboolean             constant_panel;
  HubQueryMeasure      measure;
  guint                window_days;
  HubQueryAttribution  attribution;
  guint                top;

  char                *task;
  char                *library;
  char                *country;
  char                *org_type;
  HubRelation          relation;
  gint64               created_from;
  gint64               created_to;
  gint64               min_params;
  gint64               max_params;

  gboolean             missing_parent_own;
  gboolean             individuals;
  gint64               min_downloads;
  gboolean             parent_order_card;
  guint                exclude;
} HubQuery;

void         hub_query_init   (HubQuery       *query);
void         hub_query_clear  (HubQuery       *query);
void         hub_query_copy   (HubQuery       *dest,
                               const HubQuery *src);
gboolean     hub_query_equal  (const HubQuery *a,
                               const HubQuery *b);

/* The text form: `key=value` parts joined by ";" in a fixed key order, only
 * the keys that differ from the defaults plus `by` and `axis`. Characters
 * "%;=" and spaces in values are %-escaped. */
char        *hub_query_to_string (const HubQuery *query);

/* Parses the text form into @query (initialised first). On error @query is
 * left initialised to the defaults and the message names the bad key or
 * value. An empty string gives the defaults. */
gboolean     hub_query_parse     (HubQuery    *query,
                                  const char  *text,
                                  GError     **error);

/* Sets one key of the text form (the command line maps `--org-type X` to
 * "org_type" / "X"). On error @query is unchanged. */
gboolean     hub_query_set       (HubQuery    *query,
                                  const char  *key,
                                  const char  *value,
                                  GError     **error);

/**
 * hub_query_get_filter:
 * Sets the model filters of @out (initialised: its search, sort and limit
 * are kept) from @query's: task, library, country, organization type (and
 * the `individuals` rule for it), relation, creation range, parameter
 * range, minimum downloads. The strings are @query's (borrowed): do not
 * clear @out, or copy it with hub_list_query_copy(). The list, `hubeco
 * list` and `hubeco sizes` filter models so.
 */
void         hub_query_get_filter (const HubQuery *query,
                                   HubListQuery   *out);

/* Per model of @dataset, 1 when it passes @query's filters: the one
 * predicate (hub_list_query_mask()). (transfer full) */
guint8      *hub_query_model_mask (const HubQuery *query,
                                   HubDataset     *dataset);

/* TRUE when @query sets nothing but model filters (or nothing): what a
 * model list can take of it. */
gboolean     hub_query_is_filter_only (const HubQuery *query);

/* The keys of the text form, NULL-terminated, in canonical order. */
const char * const *hub_query_list_keys (void);

const char  *hub_query_by_to_string          (HubQueryBy          by);
gboolean     hub_query_by_from_string        (const char         *str,
                                              HubQueryBy         *out_by);
const char  *hub_query_axis_to_string        (HubQueryAxis        axis);
gboolean     hub_query_axis_from_string      (const char         *str,
                                              HubQueryAxis       *out_axis);
const char  *hub_query_measure_to_string     (HubQueryMeasure     measure);
gboolean     hub_query_measure_from_string   (const char         *str,
                                              HubQueryMeasure    *out_measure);
const char  *hub_query_attribution_to_string (HubQueryAttribution attribution);
gboolean     hub_query_attribution_from_string (const char        *str,
                                                HubQueryAttribution *out);

/* "none", "6m", "1y" or "<N>d". */
char        *hub_query_window_to_string      (guint               window_days);
gboolean     hub_query_window_from_string    (const char         *str,
                                              guint              *out_days);

G_END_DECLS
