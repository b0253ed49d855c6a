/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-share-query.h"

G_BEGIN_DECLS

typedef enum {
  HUB_LEADERBOARD_COUNTRY = 0,
  HUB_LEADERBOARD_DEVELOPER,  /* a developer = an authors.csv group */
  HUB_LEADERBOARD_MODEL,
  HUB_N_LEADERBOARD_LEVELS
} HubLeaderboardLevel;

const char *hub_leaderboard_level_to_string   (HubLeaderboardLevel  level);
gboolean    hub_leaderboard_level_from_string (const char          *str,
                                               HubLeaderboardLevel *out_level);
/* The grouping a level ranks: country, group (developer), model. */
HubQueryBy  hub_leaderboard_level_query_by    (HubLeaderboardLevel  level);

/**
 * HubLeaderboardRow:
 * One entry: @value and @share of every model's downloads (under the
 * query's window and attribution), @recent_value and @recent_share of the
 * downloads of models created within the "since created" window before the
 * observation. Shares are of the total including unknown.
 */
typedef struct {
  guint   rank;
  char   *label;
  gint64  value;
  double  share;
  gint64  recent_value;
  double  recent_share;
  char   *name;          /* what a person reads (a country by its name); NULL: @label */
} HubLeaderboardRow;

/* What a person reads for @row: its name, else its label. */
const char *hub_leaderboard_row_name (const HubLeaderboardRow *row);

/**
 * hub_leaderboard_compute:
 * @query: its by, axis and top are replaced (by = the level, top = @limit);
 *   filters, window, attribution, measure and series apply
 * @since_created_days: the "recent" window in days (365 = 12 months)
 * @limit: rows to return (0 = all)
 *
 * The research's headline table: the @limit largest countries, developers
 * or models over the last snapshot (stocks) or the whole series (flows),
 * ordered by value (ties by label). The unknown category is not ranked.
 * GArray of HubLeaderboardRow (labels freed with the array), NULL with
 * @error.
 */
GArray *hub_leaderboard_compute (HubDataset            *dataset,
                                 const HubObservations *observations,
                                 const HubQuery        *query,
                                 HubLeaderboardLevel    level,
                                 guint                  since_created_days,
                                 guint                  limit,
                                 const guint32         *roots,
                                 GCancellable          *cancellable,
                                 GError               **error);

G_END_DECLS
