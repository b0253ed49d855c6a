/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a screen reader hears (issue 26): every page of the window, its
 * header, the preferences, the refresh and export dialogs and the
 * shortcuts window are walked through
 * GTK's accessible API (roles, the label property, the labelling
 * relations), the way the AT-SPI bridge names each object; a control or an
 * informative widget (image, level bar, list, grid) without a name, a name
 * that is a type name (GTK's fallback), a mnemonic underscore or a name said
 * twice, and a level bar without value text are findings. Then each page is
 * tabbed through: focus must reach every control on screen (a list counts
 * once: its rows are reached with the arrow keys) and come back round
 * without getting stuck. Run at 1280x800 and 360x640; the suite runs it in
 * English and in French (test-ui-accessible-fr).
 *
 * A new widget is checked by running this test: `meson test -C _build
 * test-ui-accessible --verbose` lists each finding with the widget's type,
 * its tooltip or icon and the page it is on; HUB_TEST_TABS=1 also prints
 * where each Tab puts the focus. */
#include "config.h"

#include <adwaita.h>

#include "hub-application.h"
#include "hub-chart-view.h"
#include "hub-preferences-window.h"
#include "hub-refresh-dialog.h"
#include "hub-sizes-page.h"
#include "hub-compare-page.h"
#include "hub-sparkline-widget.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

/* The store, built from the embedded dataset by the first run. */
static char *db_path;

#define NOT_THIS_VALUE "\x01"

/* The value of a string property, "" when unset (GTK 4.8 has no getter:
 * the test context prints the value that differs from the one asked). */
static char *
accessible_string (GtkWidget             *widget,
                   GtkAccessibleProperty  property)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return g_strdup ("");
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, NOT_THIS_VALUE);
  return value != NULL ? value : g_strdup ("");
}

static gboolean
accessible_hidden (GtkWidget *widget)
{
  g_autofree char *value = NULL;

  if (!gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN))
    return FALSE;
  /* NULL: the state is TRUE. */
  value = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
  return value == NULL;
}

/*
 * The name the AT-SPI bridge gives @widget, as GTK 4.8 composes it: the
 * label property, then the names of the widgets it is labelled by (the
 * mnemonic labels' texts, a button's child; a relation set otherwise is
 * written "[labelled]" since the test API cannot read its targets), then,
 * for an object with neither, its type name. NULL for that fallback on the
 * object itself.
 */
static char *
accessible_name (GtkWidget *widget)
{
  g_autofree char *label = accessible_string (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
  GString *name = g_string_new (g_strstrip (label));
  gboolean labelled = gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  /* A mnemonic label sets the relation (and a reset drops it). */
  GList *mnemonics = labelled ? gtk_widget_list_mnemonic_labels (widget) : NULL;

  for (GList *l = mnemonics; l != NULL; l = l->next)
    {
      g_autofree char *text = accessible_string (l->data, GTK_ACCESSIBLE_PROPERTY_LABEL);

      if (*text == '\0' && GTK_IS_LABEL (l->data))
        text = g_strdup (gtk_label_get_text (l->data));
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", text);
    }
  if (mnemonics == NULL && labelled && GTK_IS_BUTTON (widget) &&
      (GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget)) || GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget))))
    {
      /* The inner button of a drop-down or menu button: labelled by it (or
       * by its mnemonic labels). */
      g_autofree char *outer = accessible_name (gtk_widget_get_parent (widget));

      if (outer != NULL)
        g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", outer);
    }
  else if (mnemonics == NULL && labelled && GTK_IS_BUTTON (widget) && gtk_button_get_child (GTK_BUTTON (widget)) != NULL)
    {
      /* GTK labels a button by its child: an icon adds its own label, or,
       * when nothing else names the button, its type name. */
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
      g_autofree char *text = accessible_string (child, GTK_ACCESSIBLE_PROPERTY_LABEL);

      if (*text == '\0' && name->len == 0 && !accessible_hidden (child))
        text = g_strdup (G_OBJECT_TYPE_NAME (child));
      if (*text != '\0')
        g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", text);
    }
  else if (mnemonics == NULL && labelled)
    g_string_append_printf (name, "%s[labelled]", name->len > 0 ? " " : "");
  g_list_free (mnemonics);
  if (name->len == 0)
    {
      g_string_free (name, TRUE);
      return NULL;
    }
  return g_string_free (name, FALSE);
}

/* Roles a user acts on. */
static gboolean
role_is_control (GtkAccessibleRole role)
{
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_TAB:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Roles that show something a user must be told about. */
static gboolean
role_is_informative (GtkAccessibleRole role)
{
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_IMG:
    case GTK_ACCESSIBLE_ROLE_METER:
    case GTK_ACCESSIBLE_ROLE_PROGRESS_BAR:
    case GTK_ACCESSIBLE_ROLE_LIST:
    case GTK_ACCESSIBLE_ROLE_GRID:
    case GTK_ACCESSIBLE_ROLE_TREE_GRID:
      return TRUE;
    default:
      return FALSE;
    }
}

/* "Type (tooltip, icon or CSS name)" to find the widget in a finding. */
static char *
describe (GtkWidget *widget)
{
  const char *hint = gtk_widget_get_tooltip_text (widget);

  if (hint == NULL && GTK_IS_BUTTON (widget))
    hint = gtk_button_get_icon_name (GTK_BUTTON (widget));
  if (hint == NULL && GTK_IS_BUTTON (widget))
    hint = gtk_button_get_label (GTK_BUTTON (widget));
  if (hint == NULL && GTK_IS_MENU_BUTTON (widget))
    hint = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (hint == NULL && GTK_IS_IMAGE (widget))
    hint = gtk_image_get_icon_name (GTK_IMAGE (widget));
  if (hint == NULL && gtk_widget_get_parent (widget) != NULL)
    hint = G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget));
  return g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (widget), hint != NULL ? hint : "");
}

/* A word that starts with an underscore: a mnemonic read out. */
static gboolean
has_mnemonic_underscore (const char *name)
{
  for (const char *p = name; (p = strchr (p, '_')) != NULL; p++)
    if ((p == name || g_ascii_isspace (p[-1])) && g_unichar_isalnum (g_utf8_get_char (p + 1)))
      return TRUE;
  return FALSE;
}

/* "A b A b": one text said twice (a label property and the mnemonic
 * label it duplicates). */
static gboolean
said_twice (const char *name)
{
  size_t length = strlen (name);

  return length % 2 == 1 && name[length / 2] == ' ' && strncmp (name, name + length / 2 + 1, length / 2) == 0;
}

/* Five digits or more in a row: a number read digit by digit ("25025592
 * downloads") instead of grouped as a person says it. */
static gboolean
has_ungrouped_number (const char *text)
{
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = g_ascii_isdigit (*p) ? run + 1 : 0;
      if (run >= 5)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  const char *where;
  GPtrArray  *findings;
  guint       n_named;
  guint       n_charts;
  /* The toolbar's controls and their names, for the note. */
  GString    *heard;
  /* Not walked: the pages, when the header is. */
  GtkWidget  *skip;
} Walk;

static void
add_finding (Walk       *walk,
             GtkWidget  *widget,
             const char *what)
{
  g_autofree char *description = describe (widget);

  g_ptr_array_add (walk->findings, g_strdup_printf ("%s: %s %s", walk->where, description, what));
}

static void
check_name (Walk      *walk,
            GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  g_autofree char *name = NULL;

  if (!role_is_control (role) && !role_is_informative (role))
    return;
  if (accessible_hidden (widget))
    return;
  name = accessible_name (widget);
  if (name == NULL)
    {
      add_finding (walk, widget, "has no name: a screen reader says its type");
      return;
    }
  walk->n_named++;
  if (g_type_from_name (name) != 0)
    add_finding (walk, widget, "is named by a type name");
  if (has_mnemonic_underscore (name))
    {
      g_autofree char *what = g_strdup_printf ("reads its mnemonic underscore (“%s”)", name);

      add_finding (walk, widget, what);
    }
  if (said_twice (name))
    {
      g_autofree char *what = g_strdup_printf ("says its name twice (“%s”)", name);

      add_finding (walk, widget, what);
    }
  for (guint i = 0; i < 3; i++)
    {
      const GtkAccessibleProperty texts[] = { GTK_ACCESSIBLE_PROPERTY_LABEL, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT };
      g_autofree char *text = accessible_string (widget, texts[i]);

      if (has_ungrouped_number (text))
        {
          g_autofree char *what = g_strdup_printf ("reads a number digit by digit (“%s”)", text);

          add_finding (walk, widget, what);
        }
    }
  if (role == GTK_ACCESSIBLE_ROLE_METER &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT))
    add_finding (walk, widget, "has no value text: a screen reader says a bare number");
  if (walk->heard != NULL && role_is_control (role) && gtk_widget_get_mapped (widget))
    g_string_append_printf (walk->heard, "%s“%s”", walk->heard->len > 0 ? ", " : "", name);
}

static void
check_chart (Walk      *walk,
             GtkWidget *widget)
{
  g_autofree char *description = accessible_string (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  walk->n_charts++;
  if (has_ungrouped_number (description))
    add_finding (walk, widget, "is a chart whose description reads a number digit by digit");
  if (strpbrk (description, "0123456789") == NULL)
    add_finding (walk, widget, "is a chart without a description that gives its numbers");
}

/* Everything a user can reach: what is shown, and the contents of closed
 * popovers (they show on a click). Hidden stack pages, folded panes and
 * closed revealers are not child-visible. */
static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  if (!gtk_widget_get_child_visible (widget) || widget == walk->skip)
    return;
  if (!gtk_widget_get_visible (widget) && !GTK_IS_POPOVER (widget))
    return;
  /* A drop-down's or combo row's list of choices: built by GTK and
   * libadwaita, its items named by their text as they show. */
  if (GTK_IS_POPOVER (widget) && (GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget)) ||
                                  gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL))
    return;

  /* What is hidden from assistive technologies is not read, nor inside it. */
  if (accessible_hidden (widget))
    return;
  check_name (walk, widget);
  if (HUB_IS_CHART_VIEW (widget) || HUB_IS_SPARKLINE_WIDGET (widget))
    check_chart (walk, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

/* --- keyboard ----------------------------------------------------------- */

/* Lists reach their rows with the arrow keys: Tab enters them once. */
static GtkWidget *
tab_stop (GtkWidget *widget)
{
  GtkWidget *list = NULL;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_LIST_VIEW (w) || GTK_IS_COLUMN_VIEW (w) || GTK_IS_GRID_VIEW (w) || GTK_IS_LIST_BOX (w) ||
        GTK_IS_FLOW_BOX (w))
      list = w;
  return list != NULL ? list : widget;
}

/* The controls Tab must reach: on screen, sensitive, focusable. */
static void
collect_focusable (GtkWidget  *widget,
                   GHashTable *stops)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return;
  if (GTK_IS_POPOVER (widget) || GTK_IS_SCROLLBAR (widget))
    return;
  if (gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget) &&
      (role_is_control (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))) ||
       tab_stop (widget) != widget))
    g_hash_table_add (stops, tab_stop (widget));
  if (!gtk_widget_get_can_focus (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_focusable (child, stops);
}

/* One Tab, as GtkWindow moves focus: past the last widget it starts over. */
static GtkWidget *
press_tab (GtkWindow *window)
{
  if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
    {
      gtk_window_set_focus (window, NULL);
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }
  return gtk_root_get_focus (GTK_ROOT (window));
}

#define MAX_TABS 600

static void
check_tabbing (Walk      *walk,
               GtkWindow *window)
{
  g_autoptr(GHashTable) stops = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  GtkWidget *first, *previous = NULL, *focus = NULL;
  GHashTableIter iter;
  gpointer stop;
  guint n;

  collect_focusable (GTK_WIDGET (window), stops);
  gtk_window_set_focus (window, NULL);
  first = press_tab (window);
  if (first == NULL)
    {
      g_ptr_array_add (walk->findings, g_strdup_printf ("%s: Tab focuses nothing", walk->where));
      return;
    }
  g_hash_table_add (reached, tab_stop (first));
  for (n = 1; n < MAX_TABS; n++)
    {
      if (n < 60 && g_getenv ("HUB_TEST_TABS") != NULL)
        {
          g_autofree char *where = describe (focus != NULL ? focus : first);

          g_printerr ("Tab %u: %s\n", n, where);
        }
      previous = focus != NULL ? focus : first;
      focus = press_tab (window);
      if (focus == NULL || focus == previous)
        {
          g_autofree char *description = previous != NULL ? describe (previous) : g_strdup ("nothing");

          g_ptr_array_add (walk->findings, g_strdup_printf ("%s: focus gets stuck after %s", walk->where,
                                                            description));
          return;
        }
      if (focus == first)
        break;
      g_hash_table_add (reached, tab_stop (focus));
    }
  if (n == MAX_TABS)
    {
      g_ptr_array_add (walk->findings, g_strdup_printf ("%s: focus does not come round in %d Tabs",
                                                        walk->where, MAX_TABS));
      return;
    }
  g_test_message ("%s: %u Tabs come round, %u of %u controls reached", walk->where, n,
                  g_hash_table_size (reached), g_hash_table_size (stops));
  g_hash_table_iter_init (&iter, stops);
  while (g_hash_table_iter_next (&iter, &stop, NULL))
    if (!g_hash_table_contains (reached, stop))
      add_finding (walk, stop, "is never reached with Tab");
}

/* --- the window --------------------------------------------------------- */

typedef struct {
  int width;
  int height;
} Size;

static gboolean
check_window (gpointer user_data)
{
  const Size *size = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *header_where = NULL;
  Walk walk = { NULL, findings, 0, 0, NULL, NULL };
  GtkWidget *preferences;
  GtkWindow *overlay;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");

  for (guint i = 0; hub_test_ui_pages[i] != NULL; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s at %dx%d", hub_test_ui_pages[i], size->width, size->height);
      GtkWidget *page;
      guint before = walk.n_charts, named = walk.n_named, found = findings->len;

      page = hub_window_get_page (window, hub_test_ui_pages[i]);
      /* Compare with models to compare: its charts, scores and family. */
      if (HUB_IS_COMPARE_PAGE (page) && hub_compare_page_get_result (HUB_COMPARE_PAGE (page)) == NULL)
        {
          hub_compare_page_add (HUB_COMPARE_PAGE (page), "Qwen/Qwen3.8-27B");
          hub_compare_page_add (HUB_COMPARE_PAGE (page), "family:Qwen/Qwen3.8-27B");
        }
      g_assert_true (hub_test_ui_show_page (window, hub_test_ui_pages[i], size->width, size->height));
      if (HUB_IS_TRENDING_PAGE (page))
        {
          /* A model selected: the detail pane and its sparkline. */
          gtk_single_selection_set_selected (hub_trending_page_get_selection (HUB_TRENDING_PAGE (page)), 0);
          hub_test_ui_spin (500);
        }
      walk.where = where;
      walk.heard = g_string_new (NULL);
      walk_widget (&walk, page);
      g_test_message ("%s: %u named, %u charts; its controls: %s", where, walk.n_named - named,
                      walk.n_charts - before, walk.heard->str);
      g_string_free (walk.heard, TRUE);
      walk.heard = NULL;
      check_tabbing (&walk, GTK_WINDOW (window));
      g_test_message ("%s: %u findings", where, findings->len - found);
    }
  /* The three chart pages draw at least one chart each. */
  g_assert_cmpuint (walk.n_charts, >=, 3);

  /* The header bar, the switchers and the banners once. */
  header_where = g_strdup_printf ("header at %dx%d", size->width, size->height);
  walk.where = header_where;
  walk.heard = g_string_new (NULL);
  walk.skip = gtk_widget_get_ancestor (hub_window_get_page (window, "trending"), ADW_TYPE_VIEW_STACK);
  walk_widget (&walk, GTK_WIDGET (window));
  walk.skip = NULL;
  g_test_message ("%s: its controls: %s", header_where, walk.heard->str);
  g_string_free (walk.heard, TRUE);
  walk.heard = NULL;

  preferences = hub_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  hub_test_ui_spin (300);
  walk.where = "preferences";
  walk_widget (&walk, preferences);
  check_tabbing (&walk, GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The dialogs a page opens: refresh, and the chart export. */
  {
    GtkWidget *refresh = hub_refresh_dialog_new (GTK_WINDOW (window));
    GtkWindow *export_dialog;

    gtk_window_present (GTK_WINDOW (refresh));
    hub_test_ui_spin (300);
    walk.where = "refresh dialog";
    walk_widget (&walk, refresh);
    check_tabbing (&walk, GTK_WINDOW (refresh));
    gtk_window_destroy (GTK_WINDOW (refresh));

    g_assert_true (hub_test_ui_show_page (window, "sizes", 0, 0));
    export_dialog = hub_sizes_page_export_chart (HUB_SIZES_PAGE (hub_window_get_page (window, "sizes")));
    g_assert_nonnull (export_dialog);
    hub_test_ui_spin (300);
    walk.where = "export dialog";
    walk_widget (&walk, GTK_WIDGET (export_dialog));
    check_tabbing (&walk, export_dialog);
    gtk_window_destroy (export_dialog);
  }

  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  walk.where = "shortcuts";
  walk_widget (&walk, GTK_WIDGET (overlay));

  for (guint i = 0; i < findings->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (findings, i));
  g_test_message ("%u widgets named, %u findings", walk.n_named, findings->len);
  g_assert_cmpuint (findings->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_wide (void)
{
  Size size = { 1280, 800 };

  hub_test_ui_run_app (db_path, check_window, &size);
}

static void
test_narrow (void)
{
  Size size = { 360, 640 };

  hub_test_ui_run_app (db_path, check_window, &size);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  int status;

  /* The test AT context keeps the accessible properties for reading back
   * (GTK_A11Y=none, the suite's setting, keeps none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  hub_test_ui_init_locale ();
  g_test_init (&argc, &argv, NULL);
  tmpdir = hub_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "hubeco.db", NULL);

  g_test_add_func ("/ui-accessible/1280x800", test_wide);
  g_test_add_func ("/ui-accessible/360x640", test_narrow);

  status = g_test_run ();
  g_free (db_path);
  return status;
}
