/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * What a screen reader hears where GTK 4.8 names an object badly (issue
 * 26). The AT-SPI bridge names an object by its label property, then the
 * widgets it is labelled by, and falls back to its type name ("GtkToggleButton");
 * these mend the three cases GTK leaves wrong, so a page only declares its
 * labels (in its .ui) and calls hub_accessible_mend() once on what it built.
 * tests/test-ui-accessible.c checks the result on every page.
 */

/* A drop-down's focusable part is its inner toggle button, which GTK names
 * by its type: labelled by the drop-down's mnemonic labels, or by the
 * drop-down itself (its label property). */
void  hub_accessible_name_drop_down (GtkDropDown *drop_down);

/* A button, check button or preferences row with a mnemonic is named by
 * its raw label ("_Estimate Missing Sizes") and, for a button, its label's
 * text again: named once, by the text a user reads. */
void  hub_accessible_name_mnemonic  (GtkWidget   *button);

/* An icon beside text, in a button or a row, says nothing the text does
 * not: hidden from assistive technologies (else read as "GtkImage"). An
 * icon with a tooltip is named by it instead. */
void  hub_accessible_mend_icon      (GtkImage    *image);
/* A new icon, mended so. */
GtkWidget *hub_accessible_icon_new  (const char  *icon_name);

/* The list inside a column view or a combo row is read by its type
 * ("GtkColumnListView"): labelled by the widget it is part of. */
void  hub_accessible_name_inner_list (GtkListView *list);

/* The text of @label without its mnemonic underscore ("_Export" → "Export",
 * "__" → "_"). */
char *hub_accessible_strip_mnemonic (const char  *label);

/* All of the above for every drop-down, mnemonic button, icon and inner
 * list under @root (closed popovers included). */
void  hub_accessible_mend           (GtkWidget   *root);

G_END_DECLS
