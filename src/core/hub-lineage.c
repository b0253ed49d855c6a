/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-lineage"

#include "config.h"

#include "hub-lineage.h"

#include "hub-attribution.h"
#include "hub-dataset-private.h"
#include "hub-lineage-private.h"
#include "hub-memory.h"
#include "hub-parallel.h"

#include <string.h>

/*
 * The lineage graph over a dataset. The dataset keeps the parents of every
 * model in documented order and the reverse index (children of model i are
 * child_models[child_offsets[i] .. child_offsets[i + 1]), in child order);
 * this adds the root of every model (hub_attribution_compute_roots(), the
 * one definition of a root) with marks.
 *
 * Walks down are fast because of a layout built once: the forest of first
 * parents (every model hangs under its first parent, roots on top) in
 * preorder, so that a model and everything attributed to it sit in one
 * contiguous range of positions [tin, end), with the numbers walks need
 * (depth, relation, downloads) stored by position. A family is then a
 * sequential scan, not a chase through 2 million records. The few other
 * edges (second parents of merges, the edge that closes a cycle) are kept
 * apart ("secondary" edges) and add their child's whole range when a walk
 * meets them. A self-loop or a parent named twice shows in the dataset's
 * reverse index as the model itself or as two adjacent equal entries; both
 * are left out.
 *
 * Walks stamp per-position arrays with a generation number, so a walk
 * costs the size of what it visits, not the size of the dataset. Scratches
 * are pooled so that queries may run on several threads at once.
 */

/* Children are grouped in this order of their relation. */
static const HubRelation relation_order[] = {
  HUB_RELATION_FINETUNE,
  HUB_RELATION_ADAPTER,
  HUB_RELATION_QUANTIZED,
  HUB_RELATION_MERGE,
  HUB_RELATION_UNKNOWN,
  HUB_RELATION_NONE,
};

static guint
relation_rank (HubRelation relation)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_order); i++)
    if (relation_order[i] == relation)
      return i;
  return G_N_ELEMENTS (relation_order);
}

/* TRUE when the child at slot @e of @parent's children is to be skipped:
 * a self-loop, or the same child again (a parent named twice). */
static inline gboolean
skip_child (HubLineage *self,
            guint32     parent,
            guint32     e)
{
  guint32 c = self->child_models[e];

  return c == parent || (e > self->child_offsets[parent] && self->child_models[e - 1] == c);
}

/* One sequential pass over the records (a record is ~120 bytes: reading
 * them in any other order costs a cache miss per model): the first parent
 * of every model, and when asked its marks (all but IN_CYCLE), the rank of
 * its relation among relation_order and its author. */
static void
gather_records (HubDataset *dataset,
                gint32     *first_parent,
                guint8     *marks,
                guint8     *rank,
                guint32    *author)
{
  guint n = dataset->n_models;

  for (guint i = 0; i < n; i++)
    {
      const HubModelRecord *record = &dataset->models[i];
      const gint32 *parents = dataset->parents + record->parents_offset;
      gint32 fp = record->first_parent;

      first_parent[i] = fp;
      if (rank != NULL)
        rank[i] = relation_rank (record->relation);
      if (author != NULL)
        author[i] = record->author;
      if (marks != NULL)
        {
          guint8 m = 0;

          if (fp < 0 || (guint) fp >= n || (guint) fp == i)
            m |= HUB_LINEAGE_MARK_ROOT;
          for (guint k = 0; k < record->n_parents; k++)
            {
              if (parents[k] < 0 || (guint) parents[k] >= n)
                m |= HUB_LINEAGE_MARK_MISSING;
              else if ((guint) parents[k] == i)
                m |= HUB_LINEAGE_MARK_SELF_LOOP;
            }
          marks[i] = m;
        }
    }
}

/* A model that is its own root although it has a first parent heads a
 * cycle of first parents: marks the cycle IN_CYCLE, once per cycle. */
static void
mark_cycles (guint          n,
             const gint32  *first_parent,
             const guint32 *roots,
             guint8        *marks)
{
  for (guint i = 0; i < n; i++)
    {
      guint32 x = i;

      if (roots[i] != i || (marks[i] & HUB_LINEAGE_MARK_ROOT))
        continue;
      do
        {
          marks[x] |= HUB_LINEAGE_MARK_IN_CYCLE;
          x = first_parent[x];
        }
      while (x != i);
    }
}

/**
 * hub_lineage_compute_roots:
 * @dataset: a dataset
 * @roots: (out caller-allocates): one entry per model of @dataset
 * @marks: (out caller-allocates) (nullable): one HubLineageMark per model
 *
 * The root of every model by first parents, as hub_attribution_compute_roots()
 * defines it (a cycle's root is its lowest model index), with the marks of
 * every model: ROOT, MISSING, SELF_LOOP, IN_CYCLE. O(n + edges).
 */
void
hub_lineage_compute_roots (HubDataset *dataset,
                           guint32    *roots,
                           guint8     *marks)
{
  g_autofree gint32 *first_parent = NULL;
  guint n;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (roots != NULL);

  n = hub_dataset_get_n_models (dataset);
  first_parent = hub_memory_new_large (gint32, n);
  gather_records (dataset, first_parent, marks, NULL, NULL);
  hub_attribution_compute_roots (first_parent, n, roots);
  if (marks != NULL)
    mark_cycles (n, first_parent, roots, marks);
}

/* The preorder of the first-parent forest below the roots in
 * [first_root, end_root), from position first_pos on. */
typedef struct {
  HubLineage     *self;
  const guint32  *tree_offsets;   /* children of u: tree_children[tree_offsets[u] .. [u + 1]) */
  const guint32  *tree_children;
  guint32         first_root;
  guint32         end_root;
  guint32         first_pos;
} PreorderJob;

static gpointer
preorder_run (gpointer data)
{
  PreorderJob *job = data;
  HubLineage *self = job->self;
  const guint32 *tree_offsets = job->tree_offsets;
  const guint32 *tree_children = job->tree_children;
  guint32 spare = tree_offsets[self->n_models];
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  guint32 pos = job->first_pos;

  for (guint32 r = job->first_root; r < job->end_root; r++)
    {
      guint32 frame[2];

      if (self->roots[r] != r)
        continue;
      frame[0] = r;
      frame[1] = tree_offsets[r];
      self->tin[r] = pos;
      self->order[pos] = r;
      self->pre_depth[pos++] = 0;
      g_array_append_val (stack, frame);
      while (stack->len > 0)
        {
          guint32 *top = &g_array_index (stack, guint32, 2 * (stack->len - 1));
          guint32 u = top[0];

          if (top[1] == tree_offsets[u + 1])
            {
              self->pre_end[self->tin[u]] = pos;
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          /* The next siblings' offsets are read soon, from scattered
           * places: ask for them now (the array ends with a spare). */
          __builtin_prefetch (&tree_offsets[tree_children[MIN (top[1] + 2, spare)]]);
          frame[0] = tree_children[top[1]++];
          frame[1] = tree_offsets[frame[0]];
          self->tin[frame[0]] = pos;
          self->order[pos] = frame[0];
          self->pre_depth[pos++] = stack->len;
          g_array_append_val (stack, frame);
        }
    }
  return NULL;
}

/* A root index that parts the work of the preorder in two halves: the
 * models below the roots under it, and those below the others. The work
 * is in the models with a parent (a root costs little: its offsets are
 * read in order); *n_first: how many models (roots too) are in the first. */
static void
split_roots (HubLineage *self,
             guint32    *split,
             guint32    *n_first)
{
  guint n = self->n_models;
  guint shift = 0;
  guint32 models[1024 + 1] = { 0 }, derived[1024 + 1] = { 0 };
  guint32 n_derived = 0, below = 0, below_derived = 0;
  guint b;

  while ((n >> shift) >= 1024)
    shift++;
  for (guint m = 0; m < n; m++)
    {
      models[self->roots[m] >> shift]++;
      derived[self->roots[m] >> shift] += self->roots[m] != m;
      n_derived += self->roots[m] != m;
    }
  for (b = 0; b < 1024 && below_derived + derived[b] <= n_derived / 2; b++)
    {
      below += models[b];
      below_derived += derived[b];
    }
  *split = MIN ((guint32) b << shift, n);
  *n_first = below;
}

/* Fills the by-position arrays for the models in [first, end). */
typedef struct {
  HubLineage    *self;
  const gint32  *first_parent;  /* -1 for a root */
  const guint32 *author;
  guint          first;
  guint          end;
} ByPositionJob;

static gpointer
by_position_run (gpointer data)
{
  ByPositionJob *job = data;
  HubLineage *self = job->self;
  HubDataset *dataset = self->dataset;
  const guint32 *author = job->author;
  guint n = self->n_models;

  for (guint m = job->first; m < job->end; m++)
    {
      const HubModelRecord *record = &dataset->models[m];
      const gint32 *parents = dataset->parents + record->parents_offset;
      guint32 p = self->tin[m];
      guint8 info = hub_lineage_clamp_relation (record->relation);

      /* A later model's parent's author is read from a scattered place. */
      if (m + 16 < job->end && dataset->models[m + 16].first_parent >= 0)
        __builtin_prefetch (&author[dataset->models[m + 16].first_parent]);
      if (self->sec_offsets[m + 1] > self->sec_offsets[m])
        info |= HAS_SECONDARY;
      /* Derived from another author's model in the data (intermediaries). */
      for (guint k = 0; k < record->n_parents; k++)
        if (parents[k] >= 0 && (guint) parents[k] < n && (guint) parents[k] != m
            && author[parents[k]] != author[m])
          {
            info |= DERIVES_FROM_OTHER;
            break;
          }
      self->pre_info[p] = info;
      self->pre_parent[p] = job->first_parent[m] >= 0 ? (guint32) job->first_parent[m] : m;
      self->pre_marks[p] = self->marks[m];
      self->pre_downloads[p] = hub_lineage_count_or_zero (record->downloads);
      /* -1: unknown (HUB_COUNT_NONE and any other negative). */
      self->pre_all_time[p] = MAX (record->downloads_all_time, -1);
      self->pre_author[p] = author[m];
    }
  return NULL;
}

/* Builds the preorder layout of the first-parent forest and the secondary
 * edges. O(n + edges). */
static void
build_forest (HubLineage    *self,
              gint32        *first_parent,
              const guint8  *rank,
              const guint32 *author)
{
  guint n = self->n_models;
  g_autofree guint32 *tree_offsets = hub_memory_new0_large (guint32, n + 2);
  g_autofree guint32 *tree_children = NULL;
  g_autofree guint32 *bucket_start = g_new0 (guint32, G_N_ELEMENTS (relation_order) + 2);
  g_autofree guint32 *by_relation = hub_memory_new_large (guint32, n);
  g_autofree guint32 *fill = NULL;
  guint n_secondary = 0;

  /* Tree children, grouped by relation then in index (= id) order: a
   * counting sort of the models by relation rank. */
  for (guint c = 0; c < n; c++)
    bucket_start[rank[c] + 1]++;
  for (guint b = 0; b + 1 < G_N_ELEMENTS (relation_order) + 2; b++)
    bucket_start[b + 1] += bucket_start[b];
  for (guint c = 0; c < n; c++)
    by_relation[bucket_start[rank[c]]++] = c;

  /* The forest: every model under its first parent, but for the roots
   * (one per cycle too). */
  for (guint c = 0; c < n; c++)
    {
      if (self->roots[c] == c)
        first_parent[c] = -1;
      else
        tree_offsets[first_parent[c] + 1]++;
    }
  for (guint i = 0; i < n; i++)
    tree_offsets[i + 1] += tree_offsets[i];
  tree_children = hub_memory_new_large (guint32, tree_offsets[n] + 1);
  tree_children[tree_offsets[n]] = 0;  /* a spare, read ahead (prefetch) */
  fill = hub_memory_new_large (guint32, n + 1);
  memcpy (fill, tree_offsets, sizeof (guint32) * (n + 1));
  for (guint j = 0; j < n; j++)
    {
      guint32 c = by_relation[j];

      if (first_parent[c] >= 0)
        tree_children[fill[first_parent[c]]++] = c;
    }

  /* Preorder, root by root, the roots in two parts with as many models
   * each, one per core. */
  self->order = hub_memory_new_large (guint32, n);
  self->tin = hub_memory_new_large (guint32, n);
  self->pre_end = hub_memory_new_large (guint32, n);
  self->pre_depth = hub_memory_new_large (guint32, n);
  {
    PreorderJob parts[2] = { { self, tree_offsets, tree_children, 0, 0, 0 },
                             { self, tree_offsets, tree_children, 0, n, 0 } };

    split_roots (self, &parts[0].end_root, &parts[1].first_pos);
    parts[1].first_root = parts[0].end_root;
    hub_parallel_run_pair ("hubeco-lineage", preorder_run, &parts[1], &parts[0]);
  }

  /* Secondary edges: every usable edge that is not a first-parent edge of
   * the forest (the root of a cycle keeps its first parent here). */
  self->sec_offsets = hub_memory_new0_large (guint32, n + 1);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint u = 0; u < n; u++)
        for (guint32 e = self->child_offsets[u]; e < self->child_offsets[u + 1]; e++)
          {
            guint32 c = self->child_models[e];

            if (skip_child (self, u, e) || first_parent[c] == (gint32) u)
              continue;
            if (pass == 0)
              self->sec_offsets[u + 1]++;
            else
              self->sec_children[fill[u]++] = c;
          }
      if (pass == 0)
        {
          for (guint i = 0; i < n; i++)
            self->sec_offsets[i + 1] += self->sec_offsets[i];
          n_secondary = self->sec_offsets[n];
          self->sec_children = hub_memory_new_large (guint32, n_secondary);
          memcpy (fill, self->sec_offsets, sizeof (guint32) * n);
        }
    }

  /* By position, written in model order (sequential reads, scattered
   * writes into compact arrays). */
  self->pre_info = hub_memory_new_large (guint8, n);
  self->pre_parent = hub_memory_new_large (guint32, n);
  self->pre_marks = hub_memory_new_large (guint8, n);
  self->pre_downloads = hub_memory_new_large (gint64, n);
  self->pre_all_time = hub_memory_new_large (gint64, n);
  self->pre_author = hub_memory_new_large (guint32, n);
  {
    ByPositionJob halves[2] = { { self, first_parent, author, 0, n / 2 },
                                { self, first_parent, author, n / 2, n } };

    hub_parallel_run_pair ("hubeco-lineage", by_position_run, &halves[1], &halves[0]);
  }
}

/**
 * hub_lineage_new:
 * @dataset: the dataset whose lineage to index
 *
 * Computes the root and marks of every model and the layout walks use, in
 * time linear in the number of models and edges; keeps a reference on
 * @dataset. Keep one per dataset.
 *
 * Returns: (transfer full): the lineage graph
 */
HubLineage *
hub_lineage_new (HubDataset *dataset)
{
  g_autofree gint32 *first_parent = NULL;
  g_autofree guint8 *rank = NULL;
  g_autofree guint32 *author = NULL;
  HubLineage *self;

  g_return_val_if_fail (dataset != NULL, NULL);

  self = g_new0 (HubLineage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = hub_dataset_ref (dataset);
  self->n_models = hub_dataset_get_n_models (dataset);
  self->roots = hub_memory_new_large (guint32, self->n_models);
  self->marks = hub_memory_new_large (guint8, self->n_models);
  first_parent = hub_memory_new_large (gint32, self->n_models);
  rank = hub_memory_new_large (guint8, self->n_models);
  author = hub_memory_new_large (guint32, self->n_models);
  /* hub_lineage_compute_roots(), with what the layout reads gathered in
   * the same pass over the records. */
  gather_records (dataset, first_parent, self->marks, rank, author);
  hub_attribution_compute_roots (first_parent, self->n_models, self->roots);
  mark_cycles (self->n_models, first_parent, self->roots, self->marks);
  if (dataset->child_offsets != NULL)
    {
      self->child_offsets = dataset->child_offsets;
      self->child_models = dataset->child_models;
      self->child_relations = dataset->child_relations;
    }
  else
    {
      /* No lineage was loaded: nobody has children. */
      self->own_offsets = hub_memory_new0_large (guint32, self->n_models + 1);
      self->child_offsets = self->own_offsets;
    }
  build_forest (self, first_parent, rank, author);
  g_mutex_init (&self->pool_lock);
  self->pool = g_ptr_array_new ();
  g_mutex_init (&self->families_lock);

  return self;
}

HubLineage *
hub_lineage_ref (HubLineage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_free (scratch->stamp);
  g_free (scratch->pos_stamp);
  g_free (scratch->start_stamp);
  g_free (scratch->start_via);
  g_free (scratch->start_depth);
  g_array_unref (scratch->queue);
  g_free (scratch);
}

void
hub_lineage_unref (HubLineage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_set_free_func (self->pool, scratch_free);
  g_ptr_array_unref (self->pool);
  g_mutex_clear (&self->pool_lock);
  g_free (self->own_offsets);
  g_free (self->roots);
  g_free (self->marks);
  g_free (self->order);
  g_free (self->tin);
  g_free (self->pre_end);
  g_free (self->pre_depth);
  g_free (self->pre_info);
  g_free (self->pre_parent);
  g_free (self->pre_marks);
  g_free (self->pre_downloads);
  g_free (self->pre_all_time);
  g_free (self->pre_author);
  hub_lineage_rank_clear (self);
  g_free (self->sec_offsets);
  g_free (self->sec_children);
  hub_dataset_unref (self->dataset);
  g_free (self);
}

/**
 * hub_lineage_get_dataset:
 *
 * Returns: (transfer none): the dataset the graph was built from
 */
HubDataset *
hub_lineage_get_dataset (HubLineage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dataset;
}

/**
 * hub_lineage_get_root:
 *
 * Returns: the root of @model (see hub_lineage_compute_roots())
 */
guint32
hub_lineage_get_root (HubLineage *self,
                      guint       model)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (model < self->n_models, model);

  return self->roots[model];
}

/**
 * hub_lineage_get_roots:
 * @n_models: (out) (optional): the length of the array
 *
 * Returns: (transfer none): the root of every model, indexed by model
 */
const guint32 *
hub_lineage_get_roots (HubLineage *self,
                       guint      *n_models)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_models != NULL)
    *n_models = self->n_models;
  return self->roots;
}

/**
 * hub_lineage_get_marks:
 *
 * Returns: the HubLineageMark flags of @model itself (ROOT, MISSING,
 *   SELF_LOOP, IN_CYCLE)
 */
guint
hub_lineage_get_marks (HubLineage *self,
                       guint       model)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (model < self->n_models, 0);

  return self->marks[model];
}

/* Each walk uses its own stamp value; start over before they wrap. */
void
hub_lineage_scratch_next_generation (HubLineage *self,
                                     Scratch    *scratch)
{
  if (scratch->generation >= G_MAXUINT32 - 4)
    {
      gsize size = sizeof (guint32) * MAX (self->n_models, 1);

      memset (scratch->stamp, 0, size);
      memset (scratch->pos_stamp, 0, size);
      memset (scratch->start_stamp, 0, size);
      scratch->generation = 0;
    }
  scratch->generation += 2;
  g_array_set_size (scratch->queue, 0);
}

Scratch *
hub_lineage_scratch_acquire (HubLineage *self)
{
  Scratch *scratch = NULL;
  guint n = MAX (self->n_models, 1);

  g_mutex_lock (&self->pool_lock);
  if (self->pool->len > 0)
    scratch = g_ptr_array_steal_index_fast (self->pool, self->pool->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      /* Huge pages: a ranking's walks touch every page of these. */
      scratch->stamp = hub_memory_new0_large (guint32, n);
      scratch->pos_stamp = hub_memory_new0_large (guint32, n);
      scratch->start_stamp = hub_memory_new0_large (guint32, n);
      scratch->start_via = hub_memory_new_large (guint32, n);
      scratch->start_depth = hub_memory_new_large (guint32, n);
      scratch->queue = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  hub_lineage_scratch_next_generation (self, scratch);

  return scratch;
}

void
hub_lineage_scratch_release (HubLineage *self,
                             Scratch    *scratch)
{
  g_mutex_lock (&self->pool_lock);
  g_ptr_array_add (self->pool, scratch);
  g_mutex_unlock (&self->pool_lock);
}

static HubRelation relation_between (HubLineage *self,
                                     guint32     child,
                                     guint32     parent);

/* The relation a family walk counts the model at position @p under: the
 * walk's start (@p0) as a root when it has no parent in the data (its first
 * parent missing, or none), whatever it names to that missing parent; the
 * first model of a range reached through a second edge (@range_start)
 * under that edge's relation, which is how it is in the family, not under
 * its first documented edge (issue 23, item 2: that parent may be missing
 * from the store); every other model under the edge to its first parent. */
static inline HubRelation
position_relation (HubLineage    *self,
                   const Scratch *s,
                   guint32        p,
                   guint32        p0,
                   guint32        range_start)
{
  if (p == p0 && (self->pre_marks[p] & HUB_LINEAGE_MARK_ROOT))
    return HUB_RELATION_NONE;
  if (p == range_start && p != p0)
    return relation_between (self, self->order[p], s->start_via[p]);
  return (HubRelation) (self->pre_info[p] & RELATION_MASK);
}

/* Marks @start and its descendants (each once) down to @max_depth (0 = no
 * limit) as included in the walk: first @start's own range, then the range
 * of every child met through a secondary edge, breadth-first. Adds what it
 * includes to @totals and @members when given. */
guint
hub_lineage_include_family (HubLineage       *self,
                            Scratch          *s,
                            guint32           start,
                            guint             max_depth,
                            HubLineageTotals *totals,
                            GArray           *members)
{
  guint32 gen = s->generation;
  guint32 p0 = self->tin[start];
  guint n_included = 0;

  s->start_stamp[p0] = gen;
  s->start_via[p0] = start;
  s->start_depth[p0] = 0;
  g_array_append_val (s->queue, start);

  for (guint head = 0; head < s->queue->len; head++)
    {
      guint32 c = g_array_index (s->queue, guint32, head);
      guint32 p = self->tin[c];
      guint32 end = self->pre_end[p];
      guint32 base = s->start_depth[p];
      guint32 d0 = self->pre_depth[p];

      guint32 range_start = p;

      if (s->pos_stamp[p] == gen)
        {
          /* Already inside a range taken since it was queued. */
          s->start_stamp[p] = 0;
          continue;
        }

      while (p < end)
        {
          guint32 depth;

          /* A nested range already taken, or too deep: skip its subtree. */
          if (s->pos_stamp[p] == gen)
            {
              p = self->pre_end[p];
              continue;
            }
          depth = base + self->pre_depth[p] - d0;
          if (max_depth != 0 && depth > max_depth)
            {
              p = self->pre_end[p];
              continue;
            }

          s->pos_stamp[p] = gen;
          n_included++;
          if (totals != NULL)
            hub_lineage_totals_add_position (self, totals, p, position_relation (self, s, p, p0, range_start));
          if (members != NULL)
            g_array_append_val (members, self->order[p]);

          if ((self->pre_info[p] & HAS_SECONDARY) && (max_depth == 0 || depth < max_depth))
            {
              guint32 u = self->order[p];

              for (guint32 e = self->sec_offsets[u]; e < self->sec_offsets[u + 1]; e++)
                {
                  guint32 child = self->sec_children[e];
                  guint32 q = self->tin[child];

                  if (s->pos_stamp[q] == gen || s->start_stamp[q] == gen)
                    continue;
                  s->start_stamp[q] = gen;
                  s->start_via[q] = u;
                  s->start_depth[q] = depth + 1;
                  g_array_append_val (s->queue, child);
                }
            }
          p++;
        }
    }

  return n_included;
}

/**
 * hub_lineage_subtree_totals:
 * @totals: (out caller-allocates): the sums of @model and every descendant,
 *   each counted once
 */
void
hub_lineage_subtree_totals (HubLineage       *self,
                            guint             model,
                            HubLineageTotals *totals)
{
  Scratch *scratch;

  g_return_if_fail (self != NULL);
  g_return_if_fail (totals != NULL);
  g_return_if_fail (model < self->n_models);

  memset (totals, 0, sizeof *totals);
  scratch = hub_lineage_scratch_acquire (self);
  hub_lineage_include_family (self, scratch, model, 0, totals, NULL);
  hub_lineage_scratch_release (self, scratch);
}

/* How @child descends from @parent (the relation of that edge). */
static HubRelation
relation_between (HubLineage *self,
                  guint32     child,
                  guint32     parent)
{
  const HubModelRecord *record = hub_dataset_get_model (self->dataset, child);
  guint n_parents = 0;
  const gint32 *parents = hub_dataset_get_parents (self->dataset, child, &n_parents);

  if (self->dataset->parent_relations != NULL)
    for (guint k = 0; k < n_parents; k++)
      if (parents[k] == (gint32) parent)
        return hub_lineage_clamp_relation (self->dataset->parent_relations[record->parents_offset + k]);
  return hub_lineage_clamp_relation (record->relation);
}

/* A range being listed: positions [p, end), first model at start_p. */
typedef struct {
  guint32 p;
  guint32 end;
  guint32 start_p;
  guint32 base;     /* depth of the first model in the listing */
  guint32 via;      /* the model the first one hangs under */
} Frame;

/**
 * hub_lineage_descendants:
 * @model: the start
 * @max_depth: how many generations below @model to list; 0 = all
 * @totals: (out caller-allocates) (optional): sums over the models listed
 *   (each counted once, @model included)
 *
 * Lists @model and its descendants as a tree in depth-first order (see
 * #HubLineageNode). A model is expanded once: under its first parent when
 * that is in the tree, else under the parent through which the walk met it;
 * other edges to it are listed as references (%HUB_LINEAGE_MARK_SEEN, or
 * %HUB_LINEAGE_MARK_CYCLE when it leads back up the tree). Under a model,
 * the children reached through a second parent come first, then the
 * children attributed to it, grouped by relation (finetune, adapter,
 * quantized, merge, unknown) and in id order. The cost is sequential in the
 * size of the result.
 *
 * Returns: (transfer full) (element-type HubLineageNode): the tree
 */
GArray *
hub_lineage_descendants (HubLineage       *self,
                         guint             model,
                         guint             max_depth,
                         HubLineageTotals *totals)
{
  Scratch *s;
  GArray *nodes;
  g_autoptr(GArray) stack = NULL;
  guint32 gen;
  guint n_included;
  Frame frame;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->n_models, NULL);

  if (totals != NULL)
    memset (totals, 0, sizeof *totals);

  s = hub_lineage_scratch_acquire (self);
  gen = s->generation;
  n_included = hub_lineage_include_family (self, s, model, max_depth, totals, NULL);

  /* References add a few rows to what was included. */
  nodes = g_array_sized_new (FALSE, FALSE, sizeof (HubLineageNode), n_included + n_included / 16 + 16);
  stack = g_array_new (FALSE, FALSE, sizeof (Frame));

  frame.p = frame.start_p = self->tin[model];
  frame.end = self->pre_end[frame.p];
  frame.base = 0;
  frame.via = model;
  g_array_append_val (stack, frame);

  while (stack->len > 0)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      guint32 p = top->p, u, depth, n_owned = 0;
      HubLineageNode entry;

      if (p >= top->end)
        {
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      if (s->pos_stamp[p] != gen)
        {
          top->p = self->pre_end[p];  /* beyond the depth limit */
          continue;
        }

      u = self->order[p];
      depth = top->base + self->pre_depth[p] - self->pre_depth[top->start_p];
      entry.model = u;
      entry.depth = MIN (depth, G_MAXUINT16);
      entry.marks = self->pre_marks[p];
      top->p = self->pre_end[p];

      if (p != top->start_p && s->start_stamp[p] == gen)
        {
          /* Listed in full elsewhere: here only as a reference. */
          if (max_depth != 0 && depth > max_depth)
            continue;
          entry.parent = self->pre_parent[p];
          entry.relation = self->pre_info[p] & RELATION_MASK;
          entry.marks |= u == model ? HUB_LINEAGE_MARK_CYCLE : HUB_LINEAGE_MARK_SEEN;
          g_array_append_val (nodes, entry);
          continue;
        }

      if (p == top->start_p)
        {
          entry.parent = top->via;
          entry.relation = u == top->via ? (HubRelation) (self->pre_info[p] & RELATION_MASK)
                                         : relation_between (self, u, top->via);
        }
      else
        {
          entry.parent = self->pre_parent[p];
          entry.relation = self->pre_info[p] & RELATION_MASK;
        }
      g_array_append_val (nodes, entry);
      top->p = p + 1;

      if (!(self->pre_info[p] & HAS_SECONDARY) || (max_depth != 0 && depth >= max_depth))
        continue;

      /* Children through secondary edges: references first, then the
       * ranges listed under @u (pushed last first, so listed in order). */
      for (guint32 e = self->sec_offsets[u]; e < self->sec_offsets[u + 1]; e++)
        {
          guint32 c = self->sec_children[e];
          guint32 q = self->tin[c];

          if (s->start_stamp[q] == gen && s->start_via[q] == u)
            {
              n_owned++;
              continue;
            }
          if (s->pos_stamp[q] != gen)
            continue;
          entry.model = c;
          entry.parent = u;
          entry.depth = MIN (depth + 1, G_MAXUINT16);
          entry.relation = relation_between (self, c, u);
          entry.marks = self->marks[c];
          entry.marks |= (c == model || (q <= p && p < self->pre_end[q]))
                         ? HUB_LINEAGE_MARK_CYCLE : HUB_LINEAGE_MARK_SEEN;
          g_array_append_val (nodes, entry);
        }
      for (guint32 e = self->sec_offsets[u + 1]; n_owned > 0 && e > self->sec_offsets[u]; e--)
        {
          guint32 c = self->sec_children[e - 1];
          guint32 q = self->tin[c];

          if (s->start_stamp[q] != gen || s->start_via[q] != u)
            continue;
          frame.p = frame.start_p = q;
          frame.end = self->pre_end[q];
          frame.base = depth + 1;
          frame.via = u;
          g_array_append_val (stack, frame);
          n_owned--;
        }
    }

  hub_lineage_scratch_release (self, s);
  return nodes;
}

typedef struct {
  guint32 node;
  guint32 next;
  guint32 depth;
} UpFrame;

/* How @child descends from its parent at @position. */
static HubRelation
edge_relation_up (HubLineage *self,
                  guint32     child,
                  guint       position)
{
  const HubModelRecord *record = hub_dataset_get_model (self->dataset, child);

  if (self->dataset->parent_relations == NULL)
    return hub_lineage_clamp_relation (record->relation);
  return hub_lineage_clamp_relation (self->dataset->parent_relations[record->parents_offset + position]);
}

/**
 * hub_lineage_ancestors:
 * @model: the start
 * @max_depth: how many generations above @model to list; 0 = up to the roots
 *
 * Lists the ancestors of @model over all its parents, depth-first with the
 * parents of each model in documented order. A parent missing from the data
 * is listed with model -1 and %HUB_LINEAGE_MARK_MISSING; a self-loop, an
 * edge back onto the path (%HUB_LINEAGE_MARK_CYCLE) and a model already
 * listed (%HUB_LINEAGE_MARK_SEEN) are listed but not followed. Entries that
 * have no parent in the data carry %HUB_LINEAGE_MARK_ROOT.
 *
 * Returns: (transfer full) (element-type HubLineageAncestor): the ancestors,
 *   empty for a root
 */
GArray *
hub_lineage_ancestors (HubLineage *self,
                       guint       model,
                       guint       max_depth)
{
  Scratch *scratch;
  GArray *result;
  g_autoptr(GArray) stack = NULL;
  guint32 gen;
  UpFrame frame = { model, 0, 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->n_models, NULL);

  scratch = hub_lineage_scratch_acquire (self);
  gen = scratch->generation;
  result = g_array_new (FALSE, FALSE, sizeof (HubLineageAncestor));
  stack = g_array_new (FALSE, FALSE, sizeof (UpFrame));

  /* stamp gen + 1: on the current path; gen: listed and left. */
  scratch->stamp[model] = gen + 1;
  g_array_append_val (stack, frame);

  while (stack->len > 0)
    {
      UpFrame *top = &g_array_index (stack, UpFrame, stack->len - 1);
      guint n_parents = 0;
      const gint32 *parents = hub_dataset_get_parents (self->dataset, top->node, &n_parents);
      HubLineageAncestor entry;
      gint32 p;

      if (top->next >= n_parents || (max_depth != 0 && top->depth >= max_depth))
        {
          scratch->stamp[top->node] = gen;
          g_array_set_size (stack, stack->len - 1);
          continue;
        }

      p = parents[top->next];
      entry.child = top->node;
      entry.position = MIN (top->next, G_MAXUINT16);
      entry.depth = MIN (top->depth + 1, G_MAXUINT16);
      entry.relation = edge_relation_up (self, top->node, top->next);
      entry.model = p;
      top->next++;

      if (p < 0 || (guint) p >= self->n_models)
        {
          entry.model = -1;
          entry.marks = HUB_LINEAGE_MARK_MISSING;
        }
      else if ((guint32) p == entry.child)
        entry.marks = HUB_LINEAGE_MARK_SELF_LOOP;
      else if (scratch->stamp[p] == gen + 1)
        entry.marks = HUB_LINEAGE_MARK_CYCLE;
      else if (scratch->stamp[p] == gen)
        entry.marks = HUB_LINEAGE_MARK_SEEN;
      else
        entry.marks = 0;

      if (p >= 0 && (guint) p < self->n_models)
        entry.marks |= self->marks[p] & (HUB_LINEAGE_MARK_ROOT | HUB_LINEAGE_MARK_IN_CYCLE);
      g_array_append_val (result, entry);

      if (entry.marks & (HUB_LINEAGE_MARK_MISSING | HUB_LINEAGE_MARK_SELF_LOOP |
                         HUB_LINEAGE_MARK_CYCLE | HUB_LINEAGE_MARK_SEEN))
        continue;

      scratch->stamp[p] = gen + 1;
      frame.node = p;
      frame.next = 0;
      frame.depth = entry.depth;
      g_array_append_val (stack, frame);
    }

  hub_lineage_scratch_release (self, scratch);
  return result;
}

static int
compare_children (gconstpointer a,
                  gconstpointer b)
{
  const HubLineageChild *ca = a, *cb = b;
  guint ra = relation_rank (ca->relation), rb = relation_rank (cb->relation);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ca->subtree.all.downloads != cb->subtree.all.downloads)
    return ca->subtree.all.downloads > cb->subtree.all.downloads ? -1 : 1;
  return ca->model < cb->model ? -1 : ca->model > cb->model;
}

/**
 * hub_lineage_expand:
 * @model: the node being expanded
 * @path: (array length=path_len) (nullable): the nodes above @model in the
 *   view, so that a child leading back onto them is marked
 *   %HUB_LINEAGE_MARK_CYCLE
 *
 * The children of @model for one level of a tree view, each with the
 * totals of its own subtree, grouped by relation and by subtree downloads
 * (most first) within a group. Costs the size of @model's subtree.
 *
 * Returns: (transfer full) (element-type HubLineageChild): the children
 */
GArray *
hub_lineage_expand (HubLineage    *self,
                    guint          model,
                    const guint32 *path,
                    guint          path_len)
{
  g_autoptr(GArray) children = NULL;
  guint32 p0, n_tree;
  Scratch *scratch;
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->n_models, NULL);
  g_return_val_if_fail (path != NULL || path_len == 0, NULL);

  /* Attributed children sit one position below, each after the previous
   * one's subtree; then the secondary ones. */
  children = g_array_new (FALSE, FALSE, sizeof (guint32));
  p0 = self->tin[model];
  for (guint32 q = p0 + 1; q < self->pre_end[p0]; q = self->pre_end[q])
    g_array_append_val (children, self->order[q]);
  n_tree = children->len;
  g_array_append_vals (children, self->sec_children + self->sec_offsets[model],
                       self->sec_offsets[model + 1] - self->sec_offsets[model]);

  result = g_array_sized_new (FALSE, TRUE, sizeof (HubLineageChild), children->len);
  scratch = hub_lineage_scratch_acquire (self);

  for (guint i = 0; i < children->len; i++)
    {
      HubLineageChild child = { 0 };
      guint32 c = g_array_index (children, guint32, i);
      guint32 q = self->tin[c];
      guint n_grandchildren = self->sec_offsets[c + 1] - self->sec_offsets[c];

      for (guint32 r = q + 1; r < self->pre_end[q]; r = self->pre_end[r])
        n_grandchildren++;

      child.model = c;
      child.relation = i < n_tree ? (HubRelation) (self->pre_info[q] & RELATION_MASK)
                                  : relation_between (self, c, model);
      child.marks = self->marks[c];
      child.n_children = n_grandchildren;
      if (q <= p0 && p0 < self->pre_end[q])
        child.marks |= HUB_LINEAGE_MARK_CYCLE;
      for (guint k = 0; k < path_len; k++)
        if (path[k] == c)
          child.marks |= HUB_LINEAGE_MARK_CYCLE;

      if (i > 0)
        hub_lineage_scratch_next_generation (self, scratch);
      hub_lineage_include_family (self, scratch, c, 0, &child.subtree, NULL);
      g_array_append_val (result, child);
    }

  hub_lineage_scratch_release (self, scratch);
  g_array_sort (result, compare_children);
  return result;
}
