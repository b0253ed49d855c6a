/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-share.h"

G_BEGIN_DECLS

/* The derivative economy of a family: whose downloads a family's are (the
 * Compare view, hubeco compare --family). */

/**
 * HubFamilyPart:
 * Whose downloads in a family: the root's own, or its derivatives' by their
 * relation to their first parent.
 */
typedef enum {
  HUB_FAMILY_PART_ROOT = 0,
  HUB_FAMILY_PART_FINETUNE,
  HUB_FAMILY_PART_ADAPTER,
  HUB_FAMILY_PART_QUANTIZED,
  HUB_FAMILY_PART_MERGE,
  HUB_FAMILY_PART_OTHER,
  HUB_N_FAMILY_PARTS
} HubFamilyPart;

/* "root", "finetune", "adapter", "quantized", "merge", "other". */
const char *hub_family_part_to_string (HubFamilyPart part);
/* "The base model itself", "Fine-tunes", ... (translated). */
const char *hub_family_part_label     (HubFamilyPart part);

typedef struct {
  guint32 author;
  guint64 downloads;
  guint   n_models;
} HubFamilyIntermediary;

/**
 * HubFamilySplit:
 * A family's 30-day downloads per snapshot of the series split by
 * HubFamilyPart (@values: @n_groups × %HUB_N_FAMILY_PARTS, row-major),
 * the derivatives created per week (@weeks: Monday 00:00 UTC, @created:
 * counts), and at the last snapshot the share going to derivatives
 * (@derivative_share; NAN when the family had no downloads) and the
 * authors other than the root's ranked by their derivatives' downloads
 * (@intermediaries, at most 10).
 */
typedef struct {
  char     *root_id;
  guint32   root;
  guint     n_members;
  guint     n_groups;
  gint64   *group_time;
  guint64  *values;
  guint     n_weeks;
  gint64   *weeks;
  guint    *created;
  double    derivative_share;
  double    part_share[HUB_N_FAMILY_PARTS];
  GArray   *intermediaries;  /* HubFamilyIntermediary */
  char     *series;
} HubFamilySplit;

void            hub_family_split_free    (HubFamilySplit *split);

/* @split's downloads as a share result (a column per part, named by
 * hub_family_part_label(); a period per snapshot with downloads), for the
 * stacked area chart. */
HubShareResult *hub_family_split_to_share (const HubFamilySplit *split);

/**
 * hub_family_split_compute:
 * @root: a model: its family (its root's, when it is not a root itself)
 */
HubFamilySplit *hub_family_split_compute (HubDataset            *dataset,
                                          const guint32         *roots,
                                          const HubObservations *downloads,
                                          guint32                root,
                                          GCancellable          *cancellable,
                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubFamilySplit, hub_family_split_free)

G_END_DECLS
