/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-analysis.h"
#include "hub-share-query.h"
#include "hub-scores.h"

#include <glib/gi18n.h>
#include <string.h>

/* Observations kept for reuse: a view flips between a few series and
 * measures; each can be hundreds of MB at full scale. */
#define CACHED_OBSERVATIONS 3

typedef struct {
  char            *key;     /* "series\nmeasure" */
  HubObservations *observations;
} CacheEntry;

struct _HubAnalysis
{
  GObject     parent_instance;

  char       *db_path;

  /* The store connection: one caller at a time. */
  GMutex      store_lock;
  HubStore   *store;

  /* The dataset and the observations read on it. */
  GMutex      lock;
  HubDataset *dataset;
  GArray     *cache;        /* CacheEntry, most recent last */
  HubBreakdownTraits *breakdown_traits;   /* of dataset, read on first use */
  /* The quality figure's inputs that change only with the store: the
   * last score set read and the default series of a set's benchmarks
   * ("" for none), kept for the dataset (a reload after an import or a
   * sync drops them), so that moving a line does not read them again. */
  HubScoreSet *score_set;
  char        *quality_key;
  char        *quality_series;
  guint       figures;
};

G_DEFINE_FINAL_TYPE (HubAnalysis, hub_analysis, G_TYPE_OBJECT)

HubShareFigure *
hub_share_figure_ref (HubShareFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);
  g_atomic_ref_count_inc (&figure->ref_count);
  return figure;
}

void
hub_share_figure_unref (HubShareFigure *figure)
{
  g_return_if_fail (figure != NULL);

  if (!g_atomic_ref_count_dec (&figure->ref_count))
    return;
  g_free (figure->series);
  g_clear_pointer (&figure->observations, hub_observations_unref);
  g_clear_pointer (&figure->result, hub_share_result_free);
  g_clear_pointer (&figure->leaderboard, g_array_unref);
  if (figure->has_info)
    hub_figure_info_clear (&figure->info);
  g_free (figure);
}

static void
cache_entry_clear (gpointer data)
{
  CacheEntry *entry = data;

  g_free (entry->key);
  g_clear_pointer (&entry->observations, hub_observations_unref);
}

static void
clear_quality_inputs (HubAnalysis *self)
{
  g_clear_pointer (&self->score_set, hub_score_set_unref);
  g_clear_pointer (&self->quality_key, g_free);
  g_clear_pointer (&self->quality_series, g_free);
}

static void
hub_analysis_finalize (GObject *object)
{
  HubAnalysis *self = HUB_ANALYSIS (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_array_unref (self->cache);
  g_clear_pointer (&self->breakdown_traits, hub_breakdown_traits_free);
  clear_quality_inputs (self);
  g_free (self->db_path);
  g_mutex_clear (&self->store_lock);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hub_analysis_parent_class)->finalize (object);
}

static void
hub_analysis_class_init (HubAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hub_analysis_finalize;
}

static void
hub_analysis_init (HubAnalysis *self)
{
  g_mutex_init (&self->store_lock);
  g_mutex_init (&self->lock);
  self->cache = g_array_new (FALSE, TRUE, sizeof (CacheEntry));
  g_array_set_clear_func (self->cache, cache_entry_clear);
}

/**
 * hub_analysis_new:
 * @db_path: the database; its connection opens on first use
 */
HubAnalysis *
hub_analysis_new (const char *db_path)
{
  HubAnalysis *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (HUB_TYPE_ANALYSIS, NULL);
  self->db_path = g_strdup (db_path);
  return self;
}

/**
 * hub_analysis_new_for_store:
 * An analysis on a connection the caller opened (the command line opens
 * it first to build a new database from the embedded dataset).
 */
HubAnalysis *
hub_analysis_new_for_store (HubStore *store)
{
  HubAnalysis *self;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);

  self = g_object_new (HUB_TYPE_ANALYSIS, NULL);
  self->db_path = g_strdup (hub_store_get_path (store));
  self->store = g_object_ref (store);
  return self;
}

const char *
hub_analysis_get_db_path (HubAnalysis *self)
{
  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  return self->db_path;
}

void
hub_analysis_set_dataset (HubAnalysis *self,
                          HubDataset  *dataset)
{
  g_return_if_fail (HUB_IS_ANALYSIS (self));

  g_mutex_lock (&self->lock);
  if (self->dataset != dataset)
    {
      g_clear_pointer (&self->dataset, hub_dataset_unref);
      self->dataset = dataset != NULL ? hub_dataset_ref (dataset) : NULL;
      /* Observations index the models of the dataset they were read on. */
      g_array_set_size (self->cache, 0);
      g_clear_pointer (&self->breakdown_traits, hub_breakdown_traits_free);
      clear_quality_inputs (self);
    }
  g_mutex_unlock (&self->lock);
}

/* The store, opened on first use; call with store_lock held. */
static HubStore *
get_store (HubAnalysis  *self,
           GError      **error)
{
  if (self->store == NULL)
    self->store = hub_store_open (self->db_path, error);
  return self->store;
}

HubDataset *
hub_analysis_ref_dataset (HubAnalysis   *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  HubDataset *dataset;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);

  g_mutex_lock (&self->lock);
  dataset = self->dataset != NULL ? hub_dataset_ref (self->dataset) : NULL;
  g_mutex_unlock (&self->lock);
  if (dataset != NULL)
    return dataset;

  g_mutex_lock (&self->store_lock);
  if (get_store (self, error) != NULL)
    dataset = hub_dataset_load (self->store, cancellable, error);
  g_mutex_unlock (&self->store_lock);
  if (dataset != NULL)
    hub_analysis_set_dataset (self, dataset);
  return dataset;
}

/* The series @query reads, checked; NULL with @error. For period
 * downloads the query's series is a source name, passed on as is. */
static char *
resolve_series (HubAnalysis     *self,
                HubDataset      *dataset,
                const HubQuery  *query,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GPtrArray) series = NULL;

  if (query->measure == HUB_QUERY_MEASURE_PERIOD)
    return g_strdup (query->series != NULL ? query->series : "");
  if (query->series == NULL)
    {
      char *name = hub_observations_default_series_for_query (self->store, dataset, query, cancellable, error);

      /* No series at all: an empty answer, not an error. */
      if (name == NULL && (error == NULL || *error == NULL))
        name = g_strdup ("");
      return name;
    }

  series = hub_observations_list_series (self->store, error);
  if (series == NULL)
    return NULL;
  for (guint i = 0; i < series->len; i++)
    if (strcmp (((HubSeriesInfo *) g_ptr_array_index (series, i))->name, query->series) == 0)
      return g_strdup (query->series);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No snapshot series “%s” (see “hubeco snapshots”)"), query->series);
  return NULL;
}

HubObservations *
hub_analysis_observations (HubAnalysis     *self,
                           const HubQuery  *query,
                           char           **out_series,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(HubDataset) dataset = NULL;
  g_autofree char *series = NULL;
  g_autofree char *key = NULL;
  HubObservations *observations = NULL;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;

  g_mutex_lock (&self->store_lock);
  if (get_store (self, error) != NULL)
    series = resolve_series (self, dataset, query, cancellable, error);
  if (series != NULL)
    {
      key = g_strdup_printf ("%s\n%d", series, (int) query->measure);
      g_mutex_lock (&self->lock);
      for (guint i = 0; i < self->cache->len && self->dataset == dataset; i++)
        {
          CacheEntry *entry = &g_array_index (self->cache, CacheEntry, i);

          if (strcmp (entry->key, key) == 0)
            {
              CacheEntry moved = *entry;

              observations = hub_observations_ref (entry->observations);
              /* Most recent last. */
              g_array_remove_index (self->cache, i);
              moved.key = g_strdup (key);
              moved.observations = hub_observations_ref (observations);
              g_array_append_val (self->cache, moved);
              break;
            }
        }
      g_mutex_unlock (&self->lock);

      if (observations == NULL)
        observations = hub_observations_load (self->store, dataset, *series != '\0' ? series : NULL,
                                              query->measure, cancellable, error);
      if (observations != NULL)
        {
          gboolean cached = FALSE;

          g_mutex_lock (&self->lock);
          for (guint i = 0; i < self->cache->len; i++)
            cached |= strcmp (g_array_index (self->cache, CacheEntry, i).key, key) == 0;
          if (!cached && self->dataset == dataset)
            {
              CacheEntry entry = { g_strdup (key), hub_observations_ref (observations) };

              if (self->cache->len >= CACHED_OBSERVATIONS)
                g_array_remove_index (self->cache, 0);
              g_array_append_val (self->cache, entry);
            }
          g_mutex_unlock (&self->lock);
        }
    }
  g_mutex_unlock (&self->store_lock);

  if (observations != NULL && out_series != NULL)
    *out_series = *series != '\0' ? g_strdup (series) : NULL;
  return observations;
}

HubShareFigure *
hub_analysis_share (HubAnalysis                 *self,
                    const HubQuery              *query,
                    const HubShareFigureOptions *options,
                    GCancellable                *cancellable,
                    GError                     **error)
{
  static const HubShareFigureOptions defaults = HUB_SHARE_FIGURE_OPTIONS_INIT;
  g_autoptr(HubShareFigure) figure = g_new0 (HubShareFigure, 1);
  g_autoptr(HubDataset) dataset = NULL;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  g_atomic_ref_count_init (&figure->ref_count);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;
  figure->observations = hub_analysis_observations (self, query, &figure->series, cancellable, error);
  if (figure->observations == NULL)
    return NULL;
  /* Downloads between snapshots are differences of all-time totals; a
   * series that records none would chart nothing, as if nothing had been
   * downloaded (issue 19). Say why instead. */
  if (query->measure == HUB_QUERY_MEASURE_INTERVAL && figure->observations->n_rows == 0 &&
      figure->observations->n_groups > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Series “%s” records no all-time download totals, so downloads between snapshots "
                     "cannot be counted. Choose the 30-day downloads, or a series that records all-time "
                     "totals (a sync of the Hub does)."),
                   figure->series != NULL ? figure->series : "");
      return NULL;
    }
  figure->result = hub_share_run_extras (dataset, figure->observations, query, &options->extras,
                                         cancellable, error);
  if (figure->result == NULL)
    return NULL;
  if (options->leaderboard)
    {
      figure->leaderboard = hub_leaderboard_compute (dataset, figure->observations, query, options->level,
                                                     options->recent_days, options->leaderboard_rows, NULL,
                                                     cancellable, error);
      if (figure->leaderboard == NULL)
        return NULL;
    }
  if (options->info)
    {
      figure->has_info = TRUE;
      if (!hub_figure_info_init (&figure->info, dataset, figure->observations, query, NULL, cancellable, error))
        return NULL;
    }

  g_mutex_lock (&self->lock);
  self->figures++;
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&figure);
}

HubSensitivityResult *
hub_analysis_sensitivity (HubAnalysis     *self,
                          const HubQuery  *query,
                          guint            vary,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) observations = NULL;
  g_autofree char *series = NULL;
  HubSensitivityResult *result;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;
  /* Every method reads the query's series and measure. */
  observations = hub_analysis_observations (self, query, &series, cancellable, error);
  if (observations == NULL)
    return NULL;
  result = hub_sensitivity_compute (dataset, observations, query, vary, cancellable, error);
  if (result != NULL)
    result->series = g_steal_pointer (&series);
  return result;
}

typedef struct {
  HubQuery query;
  guint    vary;
} SensitivityTask;

static void
sensitivity_task_free (gpointer data)
{
  SensitivityTask *t = data;

  hub_query_clear (&t->query);
  g_free (t);
}

static void
sensitivity_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SensitivityTask *t = task_data;
  GError *error = NULL;
  HubSensitivityResult *result = hub_analysis_sensitivity (source, &t->query, t->vary, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) hub_sensitivity_result_unref);
}

void
hub_analysis_sensitivity_async (HubAnalysis         *self,
                                const HubQuery      *query,
                                guint                vary,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SensitivityTask *t = g_new0 (SensitivityTask, 1);

  g_return_if_fail (HUB_IS_ANALYSIS (self));
  g_return_if_fail (query != NULL);

  hub_query_init (&t->query);
  hub_query_copy (&t->query, query);
  t->vary = vary;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_analysis_sensitivity_async);
  g_task_set_task_data (task, t, sensitivity_task_free);
  g_task_run_in_thread (task, sensitivity_thread);
}

HubSensitivityResult *
hub_analysis_sensitivity_finish (HubAnalysis   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  HubQuery              query;
  HubShareFigureOptions options;
} ShareTask;

static void
share_task_free (gpointer data)
{
  ShareTask *t = data;

  hub_query_clear (&t->query);
  g_free (t);
}

static void
share_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShareTask *t = task_data;
  GError *error = NULL;
  HubShareFigure *figure = hub_analysis_share (source, &t->query, &t->options, cancellable, &error);

  if (figure == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, figure, (GDestroyNotify) hub_share_figure_unref);
}

void
hub_analysis_share_async (HubAnalysis                 *self,
                          const HubQuery              *query,
                          const HubShareFigureOptions *options,
                          GCancellable                *cancellable,
                          GAsyncReadyCallback          callback,
                          gpointer                     user_data)
{
  static const HubShareFigureOptions defaults = HUB_SHARE_FIGURE_OPTIONS_INIT;
  g_autoptr(GTask) task = NULL;
  ShareTask *t = g_new0 (ShareTask, 1);

  g_return_if_fail (HUB_IS_ANALYSIS (self));
  g_return_if_fail (query != NULL);

  hub_query_init (&t->query);
  hub_query_copy (&t->query, query);
  t->options = options != NULL ? *options : defaults;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_analysis_share_async);
  g_task_set_task_data (task, t, share_task_free);
  g_task_run_in_thread (task, share_thread);
}

HubShareFigure *
hub_analysis_share_finish (HubAnalysis   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
hub_analysis_get_figures_computed (HubAnalysis *self)
{
  guint n;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), 0);
  g_mutex_lock (&self->lock);
  n = self->figures;
  g_mutex_unlock (&self->lock);
  return n;
}

static void
put_breakdown_traits (HubAnalysis        *self,
                      HubDataset         *dataset,
                      HubBreakdownTraits *traits)
{
  g_mutex_lock (&self->lock);
  if (self->dataset == dataset && self->breakdown_traits == NULL)
    self->breakdown_traits = g_steal_pointer (&traits);
  g_mutex_unlock (&self->lock);
  hub_breakdown_traits_free (traits);
}

/* The breakdown traits of @dataset with what @options' dimensions need,
 * each part read once per dataset. The caller owns them while it computes
 * (taken out of the analysis, so that a new dataset set meanwhile cannot
 * free them) and gives them back with put_breakdown_traits(), even on
 * error: the parts read stay. Call with store_lock held. */
static HubBreakdownTraits *
take_breakdown_traits (HubAnalysis                *self,
                       HubDataset                 *dataset,
                       const HubBreakdownOptions  *options,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  HubBreakdownTraits *traits = NULL;

  g_mutex_lock (&self->lock);
  if (self->dataset == dataset)
    traits = g_steal_pointer (&self->breakdown_traits);
  g_mutex_unlock (&self->lock);
  if (traits == NULL)
    traits = hub_breakdown_traits_new (dataset);
  if (get_store (self, error) == NULL ||
      !hub_breakdown_traits_load (traits, options->rows, self->store, dataset, cancellable, error) ||
      !hub_breakdown_traits_load (traits, options->cols, self->store, dataset, cancellable, error))
    {
      put_breakdown_traits (self, dataset, traits);
      return NULL;
    }
  return traits;
}

HubBreakdownResult *
hub_analysis_breakdown (HubAnalysis                *self,
                        const HubQuery             *query,
                        const HubBreakdownOptions  *options,
                        GCancellable               *cancellable,
                        GError                    **error)
{
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) observations = NULL;
  HubBreakdownTraits *traits;
  HubBreakdownResult *result = NULL;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL && options != NULL, NULL);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;
  observations = hub_analysis_observations (self, query, NULL, cancellable, error);
  if (observations == NULL)
    return NULL;

  g_mutex_lock (&self->store_lock);
  traits = take_breakdown_traits (self, dataset, options, cancellable, error);
  g_mutex_unlock (&self->store_lock);
  if (traits == NULL)
    return NULL;
  result = hub_breakdown_compute (dataset, traits, observations, query, options, cancellable, error);
  put_breakdown_traits (self, dataset, traits);
  return result;
}

typedef struct {
  HubQuery             query;
  HubBreakdownOptions  options;
  char               **developers;
} BreakdownTask;

static void
breakdown_task_free (gpointer data)
{
  BreakdownTask *t = data;

  hub_query_clear (&t->query);
  g_strfreev (t->developers);
  g_free (t);
}

static void
breakdown_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BreakdownTask *t = task_data;
  GError *error = NULL;
  HubBreakdownResult *result = hub_analysis_breakdown (source, &t->query, &t->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) hub_breakdown_result_free);
}

void
hub_analysis_breakdown_async (HubAnalysis                *self,
                              const HubQuery             *query,
                              const HubBreakdownOptions  *options,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  BreakdownTask *t = g_new0 (BreakdownTask, 1);

  g_return_if_fail (HUB_IS_ANALYSIS (self));
  g_return_if_fail (query != NULL && options != NULL);

  hub_query_init (&t->query);
  hub_query_copy (&t->query, query);
  t->options = *options;
  t->developers = g_strdupv ((char **) options->developers);
  t->options.developers = (const char * const *) t->developers;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_analysis_breakdown_async);
  g_task_set_task_data (task, t, breakdown_task_free);
  g_task_run_in_thread (task, breakdown_thread);
}

HubBreakdownResult *
hub_analysis_breakdown_finish (HubAnalysis   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
hub_analysis_list_series (HubAnalysis  *self,
                          GError      **error)
{
  GPtrArray *series = NULL;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);

  g_mutex_lock (&self->store_lock);
  if (get_store (self, error) != NULL)
    series = hub_observations_list_series (self->store, error);
  g_mutex_unlock (&self->store_lock);
  return series;
}

/* ---- quality × adoption ---------------------------------------------------- */

/* The set @name, read once per dataset; call with store_lock held. */
static HubScoreSet *
take_score_set (HubAnalysis  *self,
                HubDataset   *dataset,
                const char   *name,
                GError      **error)
{
  HubScoreSet *set = NULL;

  g_mutex_lock (&self->lock);
  if (self->score_set != NULL && self->dataset == dataset && strcmp (self->score_set->name, name) == 0)
    set = hub_score_set_ref (self->score_set);
  g_mutex_unlock (&self->lock);
  if (set != NULL || (set = hub_scores_load_set (self->store, name, error)) == NULL)
    return set;

  g_mutex_lock (&self->lock);
  if (self->dataset == dataset)
    {
      g_clear_pointer (&self->score_set, hub_score_set_unref);
      self->score_set = hub_score_set_ref (set);
    }
  g_mutex_unlock (&self->lock);
  return set;
}

/* The series whose snapshots hold the most of @set's models scored on
 * @benchmarks (NULL: none), found once per dataset; call with store_lock
 * held. FALSE with @error on a database error. */
static gboolean
default_quality_series (HubAnalysis         *self,
                        HubDataset          *dataset,
                        const HubScoreSet   *set,
                        const char * const  *benchmarks,
                        char               **out_series,
                        GError             **error)
{
  g_autofree char *names = g_strjoinv ("\n", (char **) benchmarks);
  g_autofree char *key = g_strconcat (set->name, "\n", names, NULL);
  g_auto(GStrv) ids = NULL;
  char *series = NULL;
  GError *local = NULL;
  gboolean known;

  g_mutex_lock (&self->lock);
  known = self->quality_key != NULL && self->dataset == dataset && strcmp (self->quality_key, key) == 0;
  if (known)
    series = g_strdup (self->quality_series);
  g_mutex_unlock (&self->lock);
  if (!known)
    {
      ids = hub_quality_scored_ids (set, benchmarks);
      series = hub_scores_best_series (self->store, (const char * const *) ids, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_mutex_lock (&self->lock);
      if (self->dataset == dataset)
        {
          g_free (self->quality_key);
          g_free (self->quality_series);
          self->quality_key = g_steal_pointer (&key);
          self->quality_series = g_strdup (series != NULL ? series : "");
        }
      g_mutex_unlock (&self->lock);
    }
  if (series != NULL && *series == '\0')
    g_clear_pointer (&series, g_free);
  *out_series = series;
  return TRUE;
}

HubQualityResult *
hub_analysis_quality (HubAnalysis               *self,
                      const HubQuery            *query,
                      const HubQualityOptions   *options,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubScoreSet) set = NULL;
  g_autoptr(HubObservations) observations = NULL;
  g_autofree char *series = NULL;
  HubQuery resolved;
  HubQualityResult *result;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL && options != NULL && options->score_set != NULL, NULL);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;

  g_mutex_lock (&self->store_lock);
  if (get_store (self, error) != NULL)
    set = take_score_set (self, dataset, options->score_set, error);
  if (set != NULL && query->series == NULL && query->measure != HUB_QUERY_MEASURE_PERIOD &&
      options->benchmarks != NULL &&
      !default_quality_series (self, dataset, set, options->benchmarks, &series, error))
    g_clear_pointer (&set, hub_score_set_unref);
  g_mutex_unlock (&self->store_lock);
  if (set == NULL)
    return NULL;

  hub_query_copy (&resolved, query);
  if (series != NULL)
    {
      g_free (resolved.series);
      resolved.series = g_strdup (series);
    }
  observations = hub_analysis_observations (self, &resolved, NULL, cancellable, error);
  result = observations != NULL
           ? hub_quality_compute (dataset, set, observations, &resolved, options, cancellable, error)
           : NULL;
  hub_query_clear (&resolved);
  return result;
}

typedef struct {
  HubQuery           query;
  HubQualityOptions  options;
  char              *score_set;
  char             **benchmarks;
} QualityTask;

static void
quality_task_free (gpointer data)
{
  QualityTask *t = data;

  hub_query_clear (&t->query);
  g_free (t->score_set);
  g_strfreev (t->benchmarks);
  g_free (t);
}

static void
quality_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  QualityTask *t = task_data;
  GError *error = NULL;
  HubQualityResult *result = hub_analysis_quality (source, &t->query, &t->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) hub_quality_result_free);
}

void
hub_analysis_quality_async (HubAnalysis               *self,
                            const HubQuery            *query,
                            const HubQualityOptions   *options,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  QualityTask *t = g_new0 (QualityTask, 1);

  g_return_if_fail (HUB_IS_ANALYSIS (self));
  g_return_if_fail (query != NULL && options != NULL && options->score_set != NULL);

  hub_query_init (&t->query);
  hub_query_copy (&t->query, query);
  t->options = *options;
  t->score_set = g_strdup (options->score_set);
  t->benchmarks = g_strdupv ((char **) options->benchmarks);
  t->options.score_set = t->score_set;
  t->options.benchmarks = (const char * const *) t->benchmarks;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_analysis_quality_async);
  g_task_set_task_data (task, t, quality_task_free);
  g_task_run_in_thread (task, quality_thread);
}

HubQualityResult *
hub_analysis_quality_finish (HubAnalysis   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
hub_analysis_list_score_sets (HubAnalysis  *self,
                              GError      **error)
{
  GPtrArray *sets = NULL;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);

  g_mutex_lock (&self->store_lock);
  if (get_store (self, error) != NULL)
    sets = hub_scores_list_sets (self->store, error);
  g_mutex_unlock (&self->store_lock);
  return sets;
}

/* ---- compare ------------------------------------------------------------------ */

/* @query with the series that holds the most of @ids when it names none. */
static gboolean
resolve_compare_query (HubAnalysis         *self,
                       const HubQuery      *query,
                       const char * const  *ids,
                       HubQuery            *out,
                       GError             **error)
{
  g_autofree char *series = NULL;
  GError *local = NULL;

  hub_query_init (out);
  hub_query_copy (out, query);
  out->measure = HUB_QUERY_MEASURE_DOWNLOADS_30D;
  if (query->series != NULL)
    return TRUE;
  g_mutex_lock (&self->store_lock);
  if (get_store (self, &local) != NULL)
    series = hub_scores_best_series (self->store, ids, &local);
  g_mutex_unlock (&self->store_lock);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      hub_query_clear (out);
      return FALSE;
    }
  out->series = g_steal_pointer (&series);
  return TRUE;
}

HubCompareResult *
hub_analysis_compare (HubAnalysis               *self,
                      const HubQuery            *query,
                      const HubCompareOptions   *options,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) downloads = NULL;
  g_autoptr(HubObservations) totals = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autofree guint32 *owned_roots = NULL;
  HubCompareResult *result = NULL;
  const guint32 *roots;
  HubQuery resolved;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL && options != NULL, NULL);

  if (!hub_compare_subjects_check (options->subjects, error))
    return NULL;
  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;
  roots = hub_dataset_get_roots (dataset, &owned_roots);
  /* The ids to look for in the series: a family by its root. */
  for (guint i = 0; options->subjects[i] != NULL; i++)
    {
      const char *id = options->subjects[i];
      gint32 m;

      if (g_str_has_prefix (id, HUB_COMPARE_FAMILY_PREFIX))
        {
          id += strlen (HUB_COMPARE_FAMILY_PREFIX);
          m = hub_dataset_find_model (dataset, id);
          if (m >= 0)
            id = hub_dataset_get_model (dataset, roots[m])->id;
        }
      g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  if (!resolve_compare_query (self, query, (const char * const *) ids, &resolved, error))
    return NULL;

  if (options->measure == HUB_COMPARE_LIKES)
    resolved.measure = HUB_QUERY_MEASURE_LIKES;
  downloads = hub_analysis_observations (self, &resolved, NULL, cancellable, error);
  if (downloads != NULL && options->measure == HUB_COMPARE_CUMULATIVE)
    {
      resolved.measure = HUB_OBSERVATIONS_ALL_TIME;
      totals = hub_analysis_observations (self, &resolved, NULL, cancellable, error);
      resolved.measure = HUB_QUERY_MEASURE_DOWNLOADS_30D;
    }
  if (downloads != NULL && (options->measure != HUB_COMPARE_CUMULATIVE || totals != NULL))
    result = hub_compare_compute (dataset, roots, downloads, totals, &resolved, options, cancellable, error);
  hub_query_clear (&resolved);
  return result;
}

HubFamilySplit *
hub_analysis_family_split (HubAnalysis     *self,
                           const HubQuery  *query,
                           const char      *model_id,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) downloads = NULL;
  g_autofree guint32 *owned_roots = NULL;
  HubFamilySplit *split = NULL;
  const char *ids[2] = { NULL, NULL };
  const guint32 *roots;
  gint32 m;
  HubQuery resolved;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL && model_id != NULL, NULL);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  if (dataset == NULL)
    return NULL;
  m = hub_dataset_find_model (dataset, model_id);
  if (m < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No model “%s” in the data"), model_id);
      return NULL;
    }
  roots = hub_dataset_get_roots (dataset, &owned_roots);
  ids[0] = hub_dataset_get_model (dataset, roots[m])->id;
  if (!resolve_compare_query (self, query, ids, &resolved, error))
    return NULL;
  downloads = hub_analysis_observations (self, &resolved, NULL, cancellable, error);
  if (downloads != NULL)
    split = hub_family_split_compute (dataset, roots, downloads, (guint32) m, cancellable, error);
  hub_query_clear (&resolved);
  return split;
}

HubAttentionResult *
hub_analysis_attention (HubAnalysis          *self,
                        const HubQuery       *query,
                        HubAttentionMeasure   measure,
                        guint                 max_points,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(HubDataset) dataset = NULL;

  g_return_val_if_fail (HUB_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  dataset = hub_analysis_ref_dataset (self, cancellable, error);
  return dataset != NULL ? hub_attention_compute (dataset, query, measure, max_points, cancellable, error) : NULL;
}
