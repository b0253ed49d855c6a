/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-lineage"

#include "config.h"

#include "hub-lineage.h"

#include "hub-attribution.h"
#include "hub-dataset-private.h"

#include <string.h>

/*
 * The lineage graph over a dataset. The dataset keeps the parents of every
 * model in documented order and the reverse index (children of model i are
 * child_models[child_offsets[i] .. child_offsets[i + 1]), in child order);
 * this adds the root of every model (hub_attribution_compute_roots(), the
 * one definition of a root) with marks, and walks over the children.
 * A self-loop or a parent named twice shows in the reverse index as the
 * model itself or as two adjacent equal entries: walks skip both.
 *
 * Walks use a scratch of per-model arrays stamped with a generation number,
 * so a walk costs the size of what it visits, not the size of the dataset.
 * Scratches are pooled so that queries may run on several threads at once.
 */

typedef struct {
  guint32 *stamp;      /* == generation: reached; == generation + 1: done */
  guint32 *parent;     /* the node a model was reached from */
  guint32 *depth;
  guint32  generation;
  GArray  *queue;      /* guint32 */
} Scratch;

struct _HubLineage
{
  gatomicrefcount  ref_count;
  HubDataset      *dataset;
  guint            n_models;

  /* The dataset's reverse index (or an empty one of our own). */
  const guint32   *child_offsets;  /* n_models + 1 */
  const guint32   *child_models;
  const guint8    *child_relations;
  guint32         *own_offsets;

  guint32         *roots;
  guint8          *marks;

  GMutex           pool_lock;
  GPtrArray       *pool;           /* Scratch* */
};

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

static inline HubRelation
clamp_relation (HubRelation relation)
{
  return (guint) relation < HUB_N_RELATIONS ? relation : HUB_RELATION_UNKNOWN;
}

static inline gint64
count_or_zero (gint64 value)
{
  return value > 0 ? value : 0;
}

static void
totals_add (HubLineageTotals     *totals,
            const HubModelRecord *record)
{
  HubLineageSum *by = &totals->by_relation[clamp_relation (record->relation)];
  gint64 downloads = count_or_zero (record->downloads);
  gint64 all_time = count_or_zero (record->downloads_all_time);

  totals->all.n_models++;
  totals->all.downloads += downloads;
  totals->all.downloads_all_time += all_time;
  by->n_models++;
  by->downloads += downloads;
  by->downloads_all_time += all_time;
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
  first_parent = g_new (gint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    first_parent[i] = hub_dataset_get_model (dataset, i)->first_parent;
  hub_attribution_compute_roots (first_parent, n, roots);

  if (marks == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      guint n_parents = 0;
      const gint32 *parents = hub_dataset_get_parents (dataset, i, &n_parents);
      gint32 fp = first_parent[i];
      guint8 m = 0;

      if (fp < 0 || (guint) fp >= n || (guint) fp == i)
        m |= HUB_LINEAGE_MARK_ROOT;
      for (guint k = 0; k < n_parents; k++)
        {
          if (parents[k] < 0 || (guint) parents[k] >= n)
            m |= HUB_LINEAGE_MARK_MISSING;
          else if ((guint) parents[k] == i)
            m |= HUB_LINEAGE_MARK_SELF_LOOP;
        }
      marks[i] = m;
    }

  /* A model that is its own root although it has a first parent heads a
   * cycle of first parents: mark the cycle, once per cycle. */
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
 * hub_lineage_new:
 * @dataset: the dataset whose lineage to index
 *
 * Computes the root and marks of every model, in time linear in the number
 * of models and edges; keeps a reference on @dataset. Keep one per dataset.
 *
 * Returns: (transfer full): the lineage graph
 */
HubLineage *
hub_lineage_new (HubDataset *dataset)
{
  HubLineage *self;

  g_return_val_if_fail (dataset != NULL, NULL);

  self = g_new0 (HubLineage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = hub_dataset_ref (dataset);
  self->n_models = hub_dataset_get_n_models (dataset);
  self->roots = g_new (guint32, MAX (self->n_models, 1));
  self->marks = g_new (guint8, MAX (self->n_models, 1));
  hub_lineage_compute_roots (dataset, self->roots, self->marks);
  if (dataset->child_offsets != NULL)
    {
      self->child_offsets = dataset->child_offsets;
      self->child_models = dataset->child_models;
      self->child_relations = dataset->child_relations;
    }
  else
    {
      /* No lineage was loaded: nobody has children. */
      self->own_offsets = g_new0 (guint32, self->n_models + 1);
      self->child_offsets = self->own_offsets;
    }
  g_mutex_init (&self->pool_lock);
  self->pool = g_ptr_array_new ();

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
  g_free (scratch->parent);
  g_free (scratch->depth);
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

/* The children of @model, without self-loops and repeats. */
static guint
count_children (HubLineage *self,
                guint32     model)
{
  guint n = 0;

  for (guint32 e = self->child_offsets[model]; e < self->child_offsets[model + 1]; e++)
    if (!skip_child (self, model, e))
      n++;
  return n;
}

/* Each walk uses two stamp values; start over before they wrap. */
static inline void
scratch_next_generation (HubLineage *self,
                         Scratch    *scratch)
{
  if (scratch->generation >= G_MAXUINT32 - 4)
    {
      memset (scratch->stamp, 0, sizeof (guint32) * MAX (self->n_models, 1));
      scratch->generation = 0;
    }
  scratch->generation += 2;
  g_array_set_size (scratch->queue, 0);
}

static Scratch *
scratch_acquire (HubLineage *self)
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
      /* Zeroed pages are mapped lazily: only what walks touch costs. */
      scratch->stamp = g_new0 (guint32, n);
      scratch->parent = g_new (guint32, n);
      scratch->depth = g_new (guint32, n);
      scratch->queue = g_array_new (FALSE, FALSE, sizeof (guint32));
    }

  scratch_next_generation (self, scratch);

  return scratch;
}

static void
scratch_release (HubLineage *self,
                 Scratch    *scratch)
{
  g_mutex_lock (&self->pool_lock);
  g_ptr_array_add (self->pool, scratch);
  g_mutex_unlock (&self->pool_lock);
}

/* Breadth-first from @start over children, each model once, down to
 * @max_depth (0 = no limit). Leaves the reached models in scratch->queue
 * (in order of distance) with their stamp, parent and depth set. */
static void
walk_down (HubLineage       *self,
           Scratch          *scratch,
           guint32           start,
           guint             max_depth,
           HubLineageTotals *totals)
{
  guint32 gen = scratch->generation;
  guint head = 0;

  scratch->stamp[start] = gen;
  scratch->parent[start] = start;
  scratch->depth[start] = 0;
  g_array_append_val (scratch->queue, start);

  while (head < scratch->queue->len)
    {
      guint32 u = g_array_index (scratch->queue, guint32, head++);
      guint32 end = self->child_offsets[u + 1];

      if (totals != NULL)
        totals_add (totals, hub_dataset_get_model (self->dataset, u));
      if (max_depth != 0 && scratch->depth[u] >= max_depth)
        continue;

      for (guint32 e = self->child_offsets[u]; e < end; e++)
        {
          guint32 c = self->child_models[e];

          /* A self-loop or repeated child is already stamped. */
          if (scratch->stamp[c] == gen)
            continue;
          scratch->stamp[c] = gen;
          scratch->parent[c] = u;
          scratch->depth[c] = scratch->depth[u] + 1;
          g_array_append_val (scratch->queue, c);
        }
    }
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
  scratch = scratch_acquire (self);
  walk_down (self, scratch, model, 0, totals);
  scratch_release (self, scratch);
}

/* TRUE when @ancestor is @node or above it in the walk's tree. */
static gboolean
is_tree_ancestor (Scratch *scratch,
                  guint32  ancestor,
                  guint32  node)
{
  guint32 target_depth = scratch->depth[ancestor];

  while (scratch->depth[node] > target_depth)
    node = scratch->parent[node];
  return node == ancestor;
}

/* A model being listed: its children are gone through once per relation
 * group (@pass indexes relation_order), to list them grouped. */
typedef struct {
  guint32 node;
  guint32 next;
  guint32 pass;
} Frame;

#define N_PASSES (G_N_ELEMENTS (relation_order) + 1)

static inline guint
edge_rank (HubLineage *self,
           guint32     e)
{
  return self->child_relations != NULL
         ? relation_rank (clamp_relation (self->child_relations[e]))
         : G_N_ELEMENTS (relation_order);
}

/**
 * hub_lineage_descendants:
 * @model: the start
 * @max_depth: how many generations below @model to list; 0 = all
 * @totals: (out caller-allocates) (optional): sums over the models listed
 *   (each counted once, @model included)
 *
 * Lists @model and its descendants as a tree in depth-first order (see
 * #HubLineageNode). Every model is expanded once, so the result is at most
 * the number of models plus the number of edges reached.
 *
 * Returns: (transfer full) (element-type HubLineageNode): the tree
 */
GArray *
hub_lineage_descendants (HubLineage       *self,
                         guint             model,
                         guint             max_depth,
                         HubLineageTotals *totals)
{
  Scratch *scratch;
  GArray *nodes;
  g_autoptr(GArray) stack = NULL;
  guint32 gen;
  HubLineageNode entry = { 0 };
  Frame frame;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->n_models, NULL);

  if (totals != NULL)
    memset (totals, 0, sizeof *totals);

  scratch = scratch_acquire (self);
  gen = scratch->generation;
  walk_down (self, scratch, model, max_depth, totals);

  nodes = g_array_sized_new (FALSE, FALSE, sizeof (HubLineageNode), scratch->queue->len);
  stack = g_array_new (FALSE, FALSE, sizeof (Frame));

  entry.model = model;
  entry.parent = model;
  entry.depth = 0;
  entry.relation = hub_dataset_get_model (self->dataset, model)->relation;
  entry.marks = self->marks[model];
  g_array_append_val (nodes, entry);
  scratch->stamp[model] = gen + 1;
  frame.node = model;
  frame.next = self->child_offsets[model];
  frame.pass = 0;
  g_array_append_val (stack, frame);

  while (stack->len > 0)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      guint32 u, c, e;

      u = top->node;
      if (top->next == self->child_offsets[u + 1])
        {
          if (++top->pass == N_PASSES)
            g_array_set_size (stack, stack->len - 1);
          else
            top->next = self->child_offsets[u];
          continue;
        }
      e = top->next++;
      if (edge_rank (self, e) != top->pass || skip_child (self, u, e))
        continue;
      c = self->child_models[e];

      if (scratch->stamp[c] != gen && scratch->stamp[c] != gen + 1)
        continue;  /* beyond the depth limit */

      entry.model = c;
      entry.parent = u;
      entry.depth = MIN (scratch->depth[u] + 1, G_MAXUINT16);
      entry.relation = self->child_relations != NULL
                       ? clamp_relation (self->child_relations[e])
                       : HUB_RELATION_UNKNOWN;
      entry.marks = self->marks[c];

      if (scratch->stamp[c] == gen && scratch->parent[c] == u)
        {
          scratch->stamp[c] = gen + 1;
          g_array_append_val (nodes, entry);
          if (max_depth == 0 || scratch->depth[c] < max_depth)
            {
              frame.node = c;
              frame.next = self->child_offsets[c];
              frame.pass = 0;
              g_array_append_val (stack, frame);
            }
        }
      else
        {
          entry.marks |= is_tree_ancestor (scratch, c, u)
                         ? HUB_LINEAGE_MARK_CYCLE : HUB_LINEAGE_MARK_SEEN;
          g_array_append_val (nodes, entry);
        }
    }

  scratch_release (self, scratch);
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
    return clamp_relation (record->relation);
  return clamp_relation (self->dataset->parent_relations[record->parents_offset + position]);
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

  scratch = scratch_acquire (self);
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

  scratch_release (self, scratch);
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
  guint32 start, end;
  Scratch *scratch;
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->n_models, NULL);
  g_return_val_if_fail (path != NULL || path_len == 0, NULL);

  start = self->child_offsets[model];
  end = self->child_offsets[model + 1];
  result = g_array_sized_new (FALSE, TRUE, sizeof (HubLineageChild), end - start);
  scratch = scratch_acquire (self);

  for (guint32 e = start; e < end; e++)
    {
      HubLineageChild child = { 0 };
      guint32 c = self->child_models[e];

      if (skip_child (self, model, e))
        continue;
      child.model = c;
      child.relation = self->child_relations != NULL
                       ? clamp_relation (self->child_relations[e])
                       : HUB_RELATION_UNKNOWN;
      child.marks = self->marks[c];
      child.n_children = count_children (self, c);
      for (guint k = 0; k < path_len; k++)
        if (path[k] == c)
          child.marks |= HUB_LINEAGE_MARK_CYCLE;

      if (result->len > 0)
        scratch_next_generation (self, scratch);
      walk_down (self, scratch, c, 0, &child.subtree);
      g_array_append_val (result, child);
    }

  scratch_release (self, scratch);
  g_array_sort (result, compare_children);
  return result;
}

static int
compare_families (gconstpointer a,
                  gconstpointer b)
{
  const HubLineageFamily *fa = a, *fb = b;

  if (fa->totals.all.downloads != fb->totals.all.downloads)
    return fa->totals.all.downloads > fb->totals.all.downloads ? -1 : 1;
  if (fa->totals.all.downloads_all_time != fb->totals.all.downloads_all_time)
    return fa->totals.all.downloads_all_time > fb->totals.all.downloads_all_time ? -1 : 1;
  return fa->root < fb->root ? -1 : fa->root > fb->root;
}

/**
 * hub_lineage_rank_families:
 * @filter: (nullable): keeps only families whose root passes it (task,
 *   library, country, org type, ... as in the trending list)
 * @min_size: the fewest models (root included) a family needs to be listed
 * @cancellable: (nullable): checked between families
 *
 * Every root (a model that is its own root, see hub_lineage_compute_roots())
 * with its family: itself and all its descendants, each counted once. A
 * merge of two families counts in both. Most 30-day downloads first.
 *
 * Returns: (transfer full) (element-type HubLineageFamily) (nullable): the
 *   families, NULL only when cancelled
 */
GArray *
hub_lineage_rank_families (HubLineage         *self,
                           const HubListQuery *filter,
                           guint               min_size,
                           GCancellable       *cancellable)
{
  g_autofree guint8 *keep = NULL;
  g_autoptr(GArray) result = NULL;
  Scratch *scratch;

  g_return_val_if_fail (self != NULL, NULL);

  if (filter != NULL)
    {
      g_autoptr(GArray) passing = hub_list_query_run (filter, self->dataset, cancellable);

      if (passing == NULL)
        return NULL;
      keep = g_new0 (guint8, MAX (self->n_models, 1));
      for (guint i = 0; i < passing->len; i++)
        keep[g_array_index (passing, guint32, i)] = 1;
    }

  result = g_array_new (FALSE, FALSE, sizeof (HubLineageFamily));
  scratch = scratch_acquire (self);

  for (guint r = 0; r < self->n_models; r++)
    {
      HubLineageFamily family = { 0 };
      gint64 root_downloads;

      if (self->roots[r] != r || (keep != NULL && !keep[r]))
        continue;
      if ((r & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          scratch_release (self, scratch);
          return NULL;
        }

      scratch_next_generation (self, scratch);
      walk_down (self, scratch, r, 0, &family.totals);
      if (family.totals.all.n_models < MAX (min_size, 1))
        continue;

      family.root = r;
      root_downloads = count_or_zero (hub_dataset_get_model (self->dataset, r)->downloads);
      family.root_share = family.totals.all.downloads > 0
                          ? (double) root_downloads / (double) family.totals.all.downloads
                          : 0.0;
      g_array_append_val (result, family);
    }

  scratch_release (self, scratch);
  g_array_sort (result, compare_families);
  return g_steal_pointer (&result);
}

static int
compare_intermediaries (gconstpointer a,
                        gconstpointer b)
{
  const HubLineageIntermediary *ia = a, *ib = b;

  if (ia->derivatives.all.downloads != ib->derivatives.all.downloads)
    return ia->derivatives.all.downloads > ib->derivatives.all.downloads ? -1 : 1;
  if (ia->derivatives.all.n_models != ib->derivatives.all.n_models)
    return ia->derivatives.all.n_models > ib->derivatives.all.n_models ? -1 : 1;
  return ia->author < ib->author ? -1 : ia->author > ib->author;
}

/* TRUE when @model descends from a model (in the data) of another author. */
static gboolean
derives_from_other_author (HubLineage *self,
                           guint32     model)
{
  const HubModelRecord *record = hub_dataset_get_model (self->dataset, model);
  guint n_parents = 0;
  const gint32 *parents = hub_dataset_get_parents (self->dataset, model, &n_parents);

  for (guint k = 0; k < n_parents; k++)
    {
      gint32 p = parents[k];

      if (p >= 0 && (guint) p < self->n_models && (guint32) p != model
          && hub_dataset_get_model (self->dataset, p)->author != record->author)
        return TRUE;
    }
  return FALSE;
}

/**
 * hub_lineage_rank_intermediaries:
 * @root: the root of the family to look in, or -1 for the whole dataset
 * @relation: count only derivatives of this relation, or %HUB_N_RELATIONS
 *   for all
 *
 * Authors ranked by the 30-day downloads of their derivatives of other
 * authors' models: a model counts for its author when at least one of its
 * parents in the data belongs to someone else. Parents missing from the
 * data are not counted (their author is not known).
 *
 * Returns: (transfer full) (element-type HubLineageIntermediary): authors
 *   with at least one such derivative, most downloads first
 */
GArray *
hub_lineage_rank_intermediaries (HubLineage  *self,
                                 gint32       root,
                                 HubRelation  relation)
{
  g_autoptr(GArray) members = NULL;
  g_autofree HubLineageIntermediary *by_author = NULL;
  GArray *result;
  guint32 n_authors = 0;
  guint n_members;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (root < 0 || (guint) root < self->n_models, NULL);
  g_return_val_if_fail ((guint) relation <= HUB_N_RELATIONS, NULL);

  if (root >= 0)
    {
      Scratch *scratch = scratch_acquire (self);

      walk_down (self, scratch, root, 0, NULL);
      members = g_array_copy (scratch->queue);
      scratch_release (self, scratch);
      n_members = members->len;
    }
  else
    n_members = self->n_models;

  for (guint i = 0; i < self->n_models; i++)
    n_authors = MAX (n_authors, hub_dataset_get_model (self->dataset, i)->author + 1);
  by_author = g_new0 (HubLineageIntermediary, MAX (n_authors, 1));

  for (guint i = 0; i < n_members; i++)
    {
      guint32 m = members != NULL ? g_array_index (members, guint32, i) : i;
      const HubModelRecord *record = hub_dataset_get_model (self->dataset, m);

      if (relation != HUB_N_RELATIONS && record->relation != relation)
        continue;
      if (!derives_from_other_author (self, m))
        continue;
      by_author[record->author].author = record->author;
      totals_add (&by_author[record->author].derivatives, record);
    }

  result = g_array_new (FALSE, FALSE, sizeof (HubLineageIntermediary));
  for (guint32 a = 0; a < n_authors; a++)
    if (by_author[a].derivatives.all.n_models > 0)
      g_array_append_val (result, by_author[a]);
  g_array_sort (result, compare_intermediaries);
  return result;
}
