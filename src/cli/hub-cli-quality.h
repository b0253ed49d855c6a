/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-cli-query.h"
#include "hub-quality.h"

G_BEGIN_DECLS

/**
 * HubCliQualityArgs:
 * The options `hubeco quality` and `export-chart quality` share, as given.
 */
typedef struct {
  char     *scores;
  char     *benchmark;
  char     *adoption;
  char     *score_line;
  char     *adoption_line;
  char     *at;
  gboolean  inherit;
} HubCliQualityArgs;

#define HUB_CLI_QUALITY_ENTRIES(a) \
  { "scores", 0, 0, G_OPTION_ARG_STRING, &(a).scores, \
    N_("The score set (see “hubeco score-sets”)"), N_("SET") }, \
  { "benchmark", 0, 0, G_OPTION_ARG_STRING, &(a).benchmark, \
    N_("A benchmark of the set, or several (comma-separated) whose mean is the score"), N_("B[,B…]") }, \
  { "adoption", 0, 0, G_OPTION_ARG_STRING, &(a).adoption, \
    N_("downloads (default: the model's own), family (the model and its descendants: root attribution) or " \
       "relative (its downloads over the median of the top 10 of its size class and task)"), \
    N_("HOW") }, \
  { "inherit", 0, 0, G_OPTION_ARG_NONE, &(a).inherit, \
    N_("Quantized copies without a score take their base model's (marked inherited)"), NULL }, \
  { "score-line", 0, 0, G_OPTION_ARG_STRING, &(a).score_line, \
    N_("The score line (default: the median of the models shown)"), N_("SCORE") }, \
  { "adoption-line", 0, 0, G_OPTION_ARG_STRING, &(a).adoption_line, \
    N_("The adoption line (default: the median)"), N_("N") }, \
  { "at", 0, 0, G_OPTION_ARG_STRING, &(a).at, \
    N_("Read adoption at the series' last snapshot on or before this date (default: its last)"), N_("DATE") }

void hub_cli_quality_args_clear (HubCliQualityArgs *args);

/**
 * hub_cli_quality_options:
 * Checks @args and fills @options (pointing into @args and
 * @out_benchmarks, freed with g_strfreev()); `--adoption family` sets the
 * query's root attribution (a contrary `--attribution` is an error).
 * Returns an exit code after printing any error.
 */
int  hub_cli_quality_options    (const char          *command,
                                 HubCliQualityArgs   *args,
                                 HubCliQueryOptions  *o,
                                 HubQuery            *query,
                                 HubQualityOptions   *options,
                                 char              ***out_benchmarks);

G_END_DECLS
