/* Search (Ctrl-F, n, N): placeholder until search lands. */
#include "config.h"

#include <stdio.h>

#include "ui/views.h"

void
search_set(struct ui *u, const char *text)
{
	snprintf(u->search_text, sizeof u->search_text, "%s", text);
	u->searching = text[0] != '\0';
}

void
search_next(struct ui *u, bool backward)
{
	(void)backward;
	ui_message(u, true, "search: not built yet");
}
