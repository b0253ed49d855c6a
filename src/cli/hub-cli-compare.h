/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-cli-query.h"
#include "hub-attention.h"
#include "hub-compare.h"

G_BEGIN_DECLS

/**
 * HubCliCompareArgs:
 * The options `hubeco compare` and `export-chart compare` share, as given
 * (`--measure` is taken from the QUERY-OPTIONS: here it names a compare
 * measure).
 */
typedef struct {
  char   **families;
  char    *measure;
  char    *align;
  char    *baseline;
  int      rank;
  gboolean all_tasks;
  int      day;
} HubCliCompareArgs;

#define HUB_CLI_COMPARE_ENTRIES(a) \
  { "family", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(a).families, \
    N_("Compare the family of this model (its root and every derivative) (repeatable)"), N_("ID") }, \
  { "align", 0, 0, G_OPTION_ARG_STRING, &(a).align, \
    N_("release (default: days since each model's release) or calendar"), N_("AXIS") }, \
  { "baseline", 0, 0, G_OPTION_ARG_STRING, &(a).baseline, \
    N_("The relative score's baseline: median (default: the median of the top 10 of the size class) or rank " \
       "(the --rank-th model)"), N_("BASELINE") }, \
  { "rank", 0, 0, G_OPTION_ARG_INT, &(a).rank, N_("The rank of --baseline rank (default 10)"), N_("K") }, \
  { "all-tasks", 0, 0, G_OPTION_ARG_NONE, &(a).all_tasks, \
    N_("Compare with the size class of every task (default: of the model's task)"), NULL }, \
  { "day", 0, 0, G_OPTION_ARG_INT, &(a).day, \
    N_("Read the score at this day after release (default: each model's latest)"), N_("N") }

/* Zeroes @args with its defaults (a day of -1: the latest). */
void hub_cli_compare_args_init  (HubCliCompareArgs *args);
void hub_cli_compare_args_clear (HubCliCompareArgs *args);

/**
 * hub_cli_compare_options:
 * @ids: (array zero-terminated=1): the models given as arguments
 *
 * Checks @args (taking `--measure` out of @o first: call before
 * hub_cli_query_options_build()) and fills @options, its subjects
 * pointing into @out_subjects (g_strfreev()). Returns an exit code after
 * printing any error.
 */
int  hub_cli_compare_take_measure (const char         *command,
                                   HubCliCompareArgs  *args,
                                   HubCliQueryOptions *o);
int  hub_cli_compare_options    (const char          *command,
                                 HubCliCompareArgs   *args,
                                 char               **ids,
                                 HubCompareOptions   *options,
                                 char              ***out_subjects);

#define HUB_CLI_ATTENTION_ENTRIES(measure, points) \
  { "attention", 0, 0, G_OPTION_ARG_STRING, &(measure), \
    N_("attention: likes (default) or trending (the trending score)"), N_("WHAT") }, \
  { "max-points", 0, 0, G_OPTION_ARG_INT, &(points), \
    N_("attention: the most downloaded models drawn or listed (default 20000; 0: all)"), N_("N") }

/* Checks `--attention` and `--max-points`. Returns an exit code after
 * printing any error. */
int  hub_cli_attention_options  (const char          *command,
                                 const char          *measure,
                                 int                  max_points,
                                 HubAttentionMeasure *out_measure,
                                 guint               *out_points);

G_END_DECLS
