/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubModelRecord:
 * One model in the in-memory dataset. Strings are interned (owned by the
 * dataset); indices point into the dataset's tables; unknown numbers are
 * HUB_COUNT_NONE, unknown times HUB_TIME_NONE.
 */
typedef struct {
  const char     *id;
  guint32         author;           /* index into authors */
  guint16         task;             /* index into tasks; 0 = none */
  guint16         library;          /* index into libraries; 0 = none */
  gint64          created_at;
  gint64          last_modified;
  gint64          downloads;        /* latest observation, last 30 days */
  gint64          downloads_all_time;
  gint64          likes;
  gint64          trending_score;
  gint64          parameters;
  gint64          used_storage;
  HubParamSource  parameters_source;
  HubRelation     relation;         /* to the first parent; NONE = base model */
  gint32          first_parent;     /* model index, -1 = none or missing */
  guint32         parents_offset;   /* into the parent index */
  guint16         n_parents;
  guint8          gated;            /* 0 no, 1 yes */
  guint8          kinds;            /* HubModelKind flags */
  const char     *license;
  const char     *model_type;       /* the config's, as stored; NULL unknown */
} HubModelRecord;

typedef struct {
  const char *author;
  const char *display_name;
  const char *group;
  const char *country;   /* NULL = unknown */
  const char *org_type;  /* NULL = unknown */
} HubAuthorInfo;

typedef struct {
  const char *id;        /* "" for index 0 */
  const char *name;
  const char *modality;  /* NULL when the task is not in the taxonomy */
} HubTaskInfo;

typedef struct {
  const char *id;        /* "" for index 0 */
  const char *label;
  const char *count_rule; /* the Hub's download-counting rule, or NULL */
} HubLibraryInfo;

/**
 * HubDataset:
 * An immutable, reference-counted in-memory copy of the store, built on a
 * worker thread and read from any thread. Writes go to the store first; a new
 * dataset is then loaded to replace this one.
 */
typedef struct _HubDataset HubDataset;

HubDataset *hub_dataset_load        (HubStore      *store,
                                     GCancellable  *cancellable,
                                     GError       **error);
void        hub_dataset_load_async  (const char          *db_path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
HubDataset *hub_dataset_load_finish (GAsyncResult  *result,
                                     GError       **error);

HubDataset *hub_dataset_ref         (HubDataset *self);
void        hub_dataset_unref       (HubDataset *self);

guint                 hub_dataset_get_n_models   (HubDataset *self);
const HubModelRecord *hub_dataset_get_model      (HubDataset *self,
                                                  guint       index);
/* When @record was released: its createdAt, or HUB_TIME_NONE when unknown
 * or the 2022-03-02 floor (a repository older than the Hub's dates). */
gint64                hub_model_release          (const HubModelRecord *record);
/* -1 when no such model. */
gint32                hub_dataset_find_model     (HubDataset *self,
                                                  const char *id);
/* An account's organization type; with @individuals (a query's
 * `individuals=category`) one authors.csv does not list is "user". */
const char           *hub_author_org_type        (const HubAuthorInfo *info,
                                                  gboolean             individuals);
const HubAuthorInfo  *hub_dataset_get_author     (HubDataset *self,
                                                  guint32     index);
guint                 hub_dataset_get_n_tasks    (HubDataset *self);
const HubTaskInfo    *hub_dataset_get_task       (HubDataset *self,
                                                  guint16     index);
guint                 hub_dataset_get_n_libraries (HubDataset *self);
const HubLibraryInfo *hub_dataset_get_library    (HubDataset *self,
                                                  guint16     index);
/* Parents of a model in documented order (model indices, -1 = missing). */
const gint32         *hub_dataset_get_parents    (HubDataset *self,
                                                  guint       index,
                                                  guint      *n_parents);
/* Children counts of a model by relation (array of HUB_N_RELATIONS). */
void                  hub_dataset_count_children (HubDataset *self,
                                                  guint       index,
                                                  guint      *counts);

/* Distinct values present, sorted, for filter choosers (NULL-terminated,
 * owned by the dataset). */
const char * const   *hub_dataset_list_countries (HubDataset *self);
const char * const   *hub_dataset_list_org_types (HubDataset *self);

/* Latest-snapshot time (Unix seconds) of the data, HUB_TIME_NONE if none. */
gint64                hub_dataset_get_data_time  (HubDataset *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubDataset, hub_dataset_unref)

G_END_DECLS
