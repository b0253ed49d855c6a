/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-filter-bar.h"

#include <glib/gi18n.h>

#include "hub-display.h"

static const struct {
  const char  *id;
  const char  *label;
  HubRelation  relation;
} relation_choices[] = {
  { NULL,        N_("Any relation"), HUB_N_RELATIONS },
  { "base",      N_("Base model"),   HUB_RELATION_NONE },
  { "finetune",  N_("Fine-tune"),    HUB_RELATION_FINETUNE },
  { "adapter",   N_("Adapter"),      HUB_RELATION_ADAPTER },
  { "quantized", N_("Quantized"),    HUB_RELATION_QUANTIZED },
  { "merge",     N_("Merge"),        HUB_RELATION_MERGE },
};

/* Size ranges of the size filter (inclusive bounds; HUB_COUNT_NONE = open). */
static const struct {
  const char *id;
  const char *label;
  gint64      min;
  gint64      max;
} size_choices[] = {
  { NULL,        N_("Any size"), HUB_COUNT_NONE,                   HUB_COUNT_NONE },
  { "under-1b",  N_("< 1B"),     HUB_COUNT_NONE,                   G_GINT64_CONSTANT (999999999) },
  { "1b-10b",    N_("1–10B"),    G_GINT64_CONSTANT (1000000000),   G_GINT64_CONSTANT (9999999999) },
  { "10b-100b",  N_("10–100B"),  G_GINT64_CONSTANT (10000000000),  G_GINT64_CONSTANT (99999999999) },
  { "over-100b", N_("> 100B"),   G_GINT64_CONSTANT (100000000000), HUB_COUNT_NONE },
};

static const struct {
  const char *short_label;
  const char *any_label;
  const char *tooltip;
  gboolean    searchable;
} filter_info[HUB_N_FILTERS] = {
  [HUB_FILTER_TASK]     = { N_("Task"),         N_("Any task"),         N_("Filter by task"), TRUE },
  [HUB_FILTER_LIBRARY]  = { N_("Library"),      N_("Any library"),      N_("Filter by library"), TRUE },
  [HUB_FILTER_COUNTRY]  = { N_("Country"),      N_("Any country"),      N_("Filter by the author’s country"), TRUE },
  [HUB_FILTER_ORG_TYPE] = { N_("Organization"), N_("Any organization"),
                            N_("Filter by the author’s organization type"), FALSE },
  [HUB_FILTER_RELATION] = { N_("Relation"),     N_("Any relation"),
                            N_("Filter by how the model derives from its parent"), FALSE },
  [HUB_FILTER_SIZE]     = { N_("Size"),         N_("Any size"),         N_("Filter by parameter count"), FALSE },
};

struct _HubFilterBar
{
  GtkBox       parent_instance;

  GtkDropDown *dropdowns[HUB_N_FILTERS];
  GPtrArray   *ids[HUB_N_FILTERS];     /* id per item, NULL for item 0 */
  char        *pending[HUB_N_FILTERS]; /* chosen before the dataset gave the items */
  GtkWidget   *reset_button;
  guint        n_active;
  gboolean     quiet;                  /* no "changed" while rebuilding */
};

G_DEFINE_FINAL_TYPE (HubFilterBar, hub_filter_bar, GTK_TYPE_BOX)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SHOW_SIZE,
  PROP_N_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *label;
  const char *id;
} Choice;

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *ca = a, *cb = b;
  /* ONLINE marks online communities in authors.csv: not a country, so it
   * comes after the countries instead of among them. */
  gboolean a_online = g_strcmp0 (ca->id, "ONLINE") == 0;
  gboolean b_online = g_strcmp0 (cb->id, "ONLINE") == 0;

  if (a_online != b_online)
    return a_online ? 1 : -1;
  return g_utf8_collate (ca->label, cb->label);
}

/* Replaces the items of @filter by "any" and @choices (sorted by label),
 * keeping the chosen id when it is still there. */
static void
set_choices (HubFilterBar *self,
             HubFilter     filter,
             GArray       *choices)
{
  GtkDropDown *dropdown = self->dropdowns[filter];
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) old_ids = g_steal_pointer (&self->ids[filter]);
  g_autofree char *previous = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint new_selected = 0;

  if (self->pending[filter] != NULL)
    previous = g_steal_pointer (&self->pending[filter]);
  else if (old_ids != NULL && selected < old_ids->len)
    previous = g_strdup (g_ptr_array_index (old_ids, selected));

  if (choices != NULL && filter != HUB_FILTER_RELATION && filter != HUB_FILTER_SIZE)
    g_array_sort (choices, compare_choices);
  self->ids[filter] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->ids[filter], NULL);
  gtk_string_list_append (list, _(filter_info[filter].any_label));
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      const Choice *choice = &g_array_index (choices, Choice, i);

      gtk_string_list_append (list, choice->label);
      g_ptr_array_add (self->ids[filter], g_strdup (choice->id));
      if (previous != NULL && g_strcmp0 (previous, choice->id) == 0)
        new_selected = i + 1;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, new_selected);
}

static void
update_reset (HubFilterBar *self)
{
  guint n_active = 0;

  for (guint f = 0; f < HUB_N_FILTERS; f++)
    {
      GtkWidget *dropdown = GTK_WIDGET (self->dropdowns[f]);

      /* A chosen filter stands out from the ones left at "any". */
      if (gtk_drop_down_get_selected (self->dropdowns[f]) > 0)
        {
          n_active++;
          gtk_widget_add_css_class (dropdown, "filter-active");
        }
      else
        gtk_widget_remove_css_class (dropdown, "filter-active");
    }
  gtk_widget_set_visible (self->reset_button, n_active > 0);
  if (n_active != self->n_active)
    {
      self->n_active = n_active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIVE]);
    }
}

static void
on_selected (HubFilterBar *self)
{
  update_reset (self);
  if (!self->quiet)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The button shows the filter's short name while nothing is chosen. */
static void
item_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (user_data != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
    }
  gtk_list_item_set_child (item, label);
}

static void
item_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const char *short_label = user_data;
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      short_label != NULL && gtk_list_item_get_position (item) == 0 ? short_label : text);
}

static void
hub_filter_bar_finalize (GObject *object)
{
  HubFilterBar *self = HUB_FILTER_BAR (object);

  for (guint f = 0; f < HUB_N_FILTERS; f++)
    {
      g_clear_pointer (&self->ids[f], g_ptr_array_unref);
      g_clear_pointer (&self->pending[f], g_free);
    }

  G_OBJECT_CLASS (hub_filter_bar_parent_class)->finalize (object);
}

static void
hub_filter_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HubFilterBar *self = HUB_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIZE:
      g_value_set_boolean (value, hub_filter_bar_get_show_size (self));
      break;
    case PROP_N_ACTIVE:
      g_value_set_uint (value, self->n_active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_filter_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HubFilterBar *self = HUB_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIZE:
      hub_filter_bar_set_show_size (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_filter_bar_class_init (HubFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hub_filter_bar_finalize;
  object_class->get_property = hub_filter_bar_get_property;
  object_class->set_property = hub_filter_bar_set_property;

  properties[PROP_SHOW_SIZE] =
    g_param_spec_boolean ("show-size", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ACTIVE] =
    g_param_spec_uint ("n-active", NULL, NULL, 0, HUB_N_FILTERS, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HubFilterBar::changed:
   * The filters changed.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "filterbar");
}

static void
reset_clicked (HubFilterBar *self)
{
  hub_filter_bar_reset (self);
}

static void
hub_filter_bar_init (HubFilterBar *self)
{
  g_autoptr(GArray) relations = g_array_new (FALSE, FALSE, sizeof (Choice));
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (Choice));

  gtk_box_set_spacing (GTK_BOX (self), 6);

  for (guint f = 0; f < HUB_N_FILTERS; f++)
    {
      g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
      GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

      g_signal_connect (button_factory, "setup", G_CALLBACK (item_setup), GINT_TO_POINTER (TRUE));
      g_signal_connect (button_factory, "bind", G_CALLBACK (item_bind), (gpointer) _(filter_info[f].short_label));
      g_signal_connect (list_factory, "setup", G_CALLBACK (item_setup), NULL);
      g_signal_connect (list_factory, "bind", G_CALLBACK (item_bind), NULL);
      gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
      if (filter_info[f].searchable)
        {
          gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
          gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
        }
      gtk_widget_set_tooltip_text (dropdown, _(filter_info[f].tooltip));
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(filter_info[f].tooltip),
                                      -1);
      self->dropdowns[f] = GTK_DROP_DOWN (dropdown);
      gtk_box_append (GTK_BOX (self), dropdown);
    }

  for (guint i = 1; i < G_N_ELEMENTS (relation_choices); i++)
    {
      Choice choice = { _(relation_choices[i].label), relation_choices[i].id };

      g_array_append_val (relations, choice);
    }
  for (guint i = 1; i < G_N_ELEMENTS (size_choices); i++)
    {
      Choice choice = { _(size_choices[i].label), size_choices[i].id };

      g_array_append_val (sizes, choice);
    }
  self->quiet = TRUE;
  for (guint f = 0; f < HUB_N_FILTERS; f++)
    set_choices (self, f, f == HUB_FILTER_RELATION ? relations : f == HUB_FILTER_SIZE ? sizes : NULL);
  self->quiet = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->dropdowns[HUB_FILTER_SIZE]), FALSE);

  self->reset_button = gtk_button_new_with_mnemonic (_("_Reset"));
  gtk_widget_set_tooltip_text (self->reset_button, _("Clear all filters"));
  gtk_widget_set_valign (self->reset_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->reset_button, "flat");
  gtk_widget_set_visible (self->reset_button, FALSE);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (reset_clicked), self);
  gtk_box_append (GTK_BOX (self), self->reset_button);

  for (guint f = 0; f < HUB_N_FILTERS; f++)
    g_signal_connect_swapped (self->dropdowns[f], "notify::selected", G_CALLBACK (on_selected), self);
}

/**
 * hub_filter_bar_new:
 * Returns: (transfer full): a filter bar with no dataset choices yet.
 */
GtkWidget *
hub_filter_bar_new (void)
{
  return g_object_new (HUB_TYPE_FILTER_BAR, NULL);
}

/**
 * hub_filter_bar_set_dataset:
 * @self: a filter bar
 * @dataset: (nullable): where the task, library, country and org type
 *   choices come from
 *
 * Emits "changed" only when a chosen filter disappeared.
 */
void
hub_filter_bar_set_dataset (HubFilterBar *self,
                            HubDataset   *dataset)
{
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (Choice));
  HubListQuery old, now;
  const char * const *values;
  gboolean changed;

  g_return_if_fail (HUB_IS_FILTER_BAR (self));

  hub_list_query_init (&old);
  hub_filter_bar_apply (self, &old);
  self->quiet = TRUE;

  for (guint i = 1; dataset != NULL && i < hub_dataset_get_n_tasks (dataset); i++)
    {
      const HubTaskInfo *task = hub_dataset_get_task (dataset, i);
      Choice choice = { task->name != NULL ? task->name : task->id, task->id };

      g_array_append_val (choices, choice);
    }
  set_choices (self, HUB_FILTER_TASK, choices);

  g_array_set_size (choices, 0);
  for (guint i = 1; dataset != NULL && i < hub_dataset_get_n_libraries (dataset); i++)
    {
      const HubLibraryInfo *library = hub_dataset_get_library (dataset, i);
      Choice choice = { library->label != NULL ? library->label : library->id, library->id };

      g_array_append_val (choices, choice);
    }
  set_choices (self, HUB_FILTER_LIBRARY, choices);

  g_array_set_size (choices, 0);
  values = dataset != NULL ? hub_dataset_list_countries (dataset) : NULL;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      Choice choice = { hub_display_country (values[i]), values[i] };

      g_array_append_val (choices, choice);
    }
  set_choices (self, HUB_FILTER_COUNTRY, choices);

  g_array_set_size (choices, 0);
  values = dataset != NULL ? hub_dataset_list_org_types (dataset) : NULL;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      Choice choice = { hub_display_org_type (values[i]), values[i] };

      g_array_append_val (choices, choice);
    }
  set_choices (self, HUB_FILTER_ORG_TYPE, choices);

  self->quiet = FALSE;
  update_reset (self);

  hub_list_query_init (&now);
  hub_filter_bar_apply (self, &now);
  changed = g_strcmp0 (old.task, now.task) != 0 || g_strcmp0 (old.library, now.library) != 0 ||
            g_strcmp0 (old.country, now.country) != 0 || g_strcmp0 (old.org_type, now.org_type) != 0;
  hub_list_query_clear (&old);
  hub_list_query_clear (&now);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static const char *
selected_id (HubFilterBar *self,
             HubFilter     filter)
{
  guint selected = gtk_drop_down_get_selected (self->dropdowns[filter]);

  /* A choice waiting for the dataset's items is the filter's value. */
  if (self->pending[filter] != NULL)
    return self->pending[filter];
  if (self->ids[filter] == NULL || selected >= self->ids[filter]->len)
    return NULL;
  return g_ptr_array_index (self->ids[filter], selected);
}

/**
 * hub_filter_bar_apply:
 * @self: a filter bar
 * @query: a query (initialized)
 *
 * Sets @query's task, library, country, org type and relation to the
 * chosen ones (replacing what it had).
 */
void
hub_filter_bar_apply (HubFilterBar *self,
                      HubListQuery *query)
{
  guint relation;

  g_return_if_fail (HUB_IS_FILTER_BAR (self));
  g_return_if_fail (query != NULL);

  g_free (query->task);
  g_free (query->library);
  g_free (query->country);
  g_free (query->org_type);
  query->task = g_strdup (selected_id (self, HUB_FILTER_TASK));
  query->library = g_strdup (selected_id (self, HUB_FILTER_LIBRARY));
  query->country = g_strdup (selected_id (self, HUB_FILTER_COUNTRY));
  query->org_type = g_strdup (selected_id (self, HUB_FILTER_ORG_TYPE));
  relation = gtk_drop_down_get_selected (self->dropdowns[HUB_FILTER_RELATION]);
  query->relation = relation < G_N_ELEMENTS (relation_choices)
                    ? relation_choices[relation].relation : HUB_N_RELATIONS;
  if (hub_filter_bar_get_show_size (self))
    {
      guint size = gtk_drop_down_get_selected (self->dropdowns[HUB_FILTER_SIZE]);

      if (size >= G_N_ELEMENTS (size_choices))
        size = 0;
      query->min_params = size_choices[size].min;
      query->max_params = size_choices[size].max;
    }
}

/**
 * hub_filter_bar_reset:
 * Sets every filter to "any" and emits "changed" once when one was set.
 */
void
hub_filter_bar_reset (HubFilterBar *self)
{
  gboolean any = FALSE;

  g_return_if_fail (HUB_IS_FILTER_BAR (self));

  for (guint f = 0; f < HUB_N_FILTERS; f++)
    g_clear_pointer (&self->pending[f], g_free);

  self->quiet = TRUE;
  for (guint f = 0; f < HUB_N_FILTERS; f++)
    {
      any |= gtk_drop_down_get_selected (self->dropdowns[f]) > 0;
      gtk_drop_down_set_selected (self->dropdowns[f], 0);
    }
  self->quiet = FALSE;
  update_reset (self);
  if (any)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * hub_filter_bar_get_dropdown:
 * Returns: (transfer none): the dropdown of @filter.
 */
GtkDropDown *
hub_filter_bar_get_dropdown (HubFilterBar *self,
                             HubFilter     filter)
{
  g_return_val_if_fail (HUB_IS_FILTER_BAR (self), NULL);
  g_return_val_if_fail (filter < HUB_N_FILTERS, NULL);
  return self->dropdowns[filter];
}

/**
 * hub_filter_bar_select:
 * @self: a filter bar
 * @filter: which filter
 * @id: (nullable): the id to choose, NULL for any
 *
 * Before the dataset has given @filter its items, @id is kept and chosen
 * when they come (a query restored at start-up keeps its filters).
 *
 * Returns: %FALSE when @filter has no item @id (nothing changes then, but
 *   for the wait above).
 */
gboolean
hub_filter_bar_select (HubFilterBar *self,
                       HubFilter     filter,
                       const char   *id)
{
  g_return_val_if_fail (HUB_IS_FILTER_BAR (self), FALSE);
  g_return_val_if_fail (filter < HUB_N_FILTERS, FALSE);

  g_clear_pointer (&self->pending[filter], g_free);
  for (guint i = 0; self->ids[filter] != NULL && i < self->ids[filter]->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->ids[filter], i), id) == 0)
      {
        gtk_drop_down_set_selected (self->dropdowns[filter], i);
        return TRUE;
      }
  /* Only "any" so far: the items come with the dataset. */
  if (self->ids[filter] == NULL || self->ids[filter]->len <= 1)
    self->pending[filter] = g_strdup (id);
  return FALSE;
}

/**
 * hub_filter_bar_set_show_size:
 * @self: a filter bar
 * @show_size: whether the parameter-count dropdown is shown
 *
 * Hiding the size dropdown sets it back to any size (emitting "changed"
 * when it was set).
 */
void
hub_filter_bar_set_show_size (HubFilterBar *self,
                              gboolean      show_size)
{
  GtkWidget *dropdown;

  g_return_if_fail (HUB_IS_FILTER_BAR (self));

  dropdown = GTK_WIDGET (self->dropdowns[HUB_FILTER_SIZE]);
  show_size = !!show_size;
  if (gtk_widget_get_visible (dropdown) == show_size)
    return;

  gtk_widget_set_visible (dropdown, show_size);
  if (!show_size)
    gtk_drop_down_set_selected (self->dropdowns[HUB_FILTER_SIZE], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIZE]);
}

/**
 * hub_filter_bar_get_show_size:
 * Returns: whether the size dropdown is shown.
 */
gboolean
hub_filter_bar_get_show_size (HubFilterBar *self)
{
  g_return_val_if_fail (HUB_IS_FILTER_BAR (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->dropdowns[HUB_FILTER_SIZE]));
}

/**
 * hub_filter_bar_get_n_active:
 * Returns: how many filters are set to something other than any.
 */
guint
hub_filter_bar_get_n_active (HubFilterBar *self)
{
  g_return_val_if_fail (HUB_IS_FILTER_BAR (self), 0);
  return self->n_active;
}
